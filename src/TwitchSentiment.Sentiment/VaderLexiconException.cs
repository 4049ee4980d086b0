namespace TwitchSentiment.Sentiment;

/// <summary>A lexicon file could not be read: the message names the file, the line and the fix.</summary>
public sealed class VaderLexiconException : Exception
{
    /// <summary>Creates the exception with a message that names the input, the position and the fix.</summary>
    public VaderLexiconException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public VaderLexiconException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public VaderLexiconException()
        : base("A VADER lexicon could not be read.")
    {
    }
}

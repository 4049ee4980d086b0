namespace TwitchSentiment.Sentiment;

/// <summary>A Twitch lexicon file could not be read: the message names the file, the line and the fix.</summary>
public sealed class TwitchLexiconException : Exception
{
    /// <summary>Creates the exception with a message that names the input, the position and the fix.</summary>
    public TwitchLexiconException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TwitchLexiconException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TwitchLexiconException()
        : base("A Twitch lexicon could not be read.")
    {
    }
}

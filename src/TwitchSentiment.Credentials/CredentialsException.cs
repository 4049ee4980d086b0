namespace TwitchSentiment.Credentials;

/// <summary>
/// The credentials could not be read, validated or stored. The message names the source (file or parameter), every
/// field that is wrong and the fix; it never holds more than the last four characters of a secret.
/// </summary>
public sealed class CredentialsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CredentialsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public CredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public CredentialsException()
        : base("The Twitch credentials could not be read.")
    {
    }
}

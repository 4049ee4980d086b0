namespace TwitchSentiment.Irc;

/// <summary>
/// Twitch refused the login (<c>Login authentication failed</c>, <c>Improperly formatted auth</c>). The message names
/// the login and the server's words, never the token. Refresh the token and connect again, or fix the credentials.
/// </summary>
public sealed class TwitchAuthenticationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TwitchAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TwitchAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TwitchAuthenticationException()
        : base("Twitch refused the chat login.")
    {
    }
}

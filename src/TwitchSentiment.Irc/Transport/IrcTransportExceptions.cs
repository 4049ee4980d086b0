namespace TwitchSentiment.Irc.Transport;

/// <summary>
/// An endpoint URL that cannot be used. The message names the URL (without any user info), what is wrong with it
/// and an example of a valid one.
/// </summary>
/// <param name="message">The complete message.</param>
public sealed class IrcEndpointException(string message) : FormatException(message);

/// <summary>
/// A connection could not be opened (refused, unknown host, TLS rejected, WebSocket upgrade refused) or broke while
/// in use. The message names the endpoint and the likely fix; it never holds text that was sent.
/// </summary>
/// <param name="endpoint">The endpoint the failure concerns.</param>
/// <param name="message">The complete message.</param>
/// <param name="innerException">The underlying socket, TLS or WebSocket error.</param>
public sealed class IrcTransportException(IrcEndpoint endpoint, string message, Exception? innerException)
    : IOException(message, innerException)
{
    /// <summary>The endpoint the failure concerns.</summary>
    public IrcEndpoint Endpoint { get; } = endpoint;
}

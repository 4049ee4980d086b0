using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;

namespace TwitchSentiment.Irc.Transport;

/// <summary>Opens the transport an <see cref="IrcEndpoint"/> asks for.</summary>
internal static class IrcTransports
{
    /// <summary>
    /// Connects to <paramref name="endpoint"/> within <see cref="IrcTransportOptions.ConnectTimeout"/>.
    /// </summary>
    /// <exception cref="TimeoutException">The connect timeout passed first.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="IrcTransportException">Refused, unknown host, unreachable, TLS or WebSocket upgrade failure.</exception>
    public static async Task<IIrcTransport> ConnectAsync(IrcEndpoint endpoint, IrcTransportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var certificateCheck = new CertificateCheck(options.CertificateValidation);
        try
        {
            return endpoint.Kind == IrcEndpointKind.WebSocket
                ? await WebSocketIrcTransport.ConnectAsync(endpoint, options, certificateCheck, linked.Token).ConfigureAwait(false)
                : await StreamIrcTransport.ConnectAsync(endpoint, options, certificateCheck, linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever a layer made of it (the WebSocket client may wrap it), the caller's cancellation wins, with its token.
            throw new OperationCanceledException($"Connecting to {endpoint} was cancelled.", exception, cancellationToken);
        }
        catch (Exception exception) when (timeout.IsCancellationRequested)
        {
            string seconds = options.ConnectTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new TimeoutException(
                $"Connecting to {endpoint} did not finish within {seconds} s ({nameof(IrcTransportOptions)}." +
                $"{nameof(IrcTransportOptions.ConnectTimeout)}). The server is unreachable or not answering the " +
                "handshake: check the host, port, scheme and firewall.",
                exception);
        }
        catch (Exception exception) when (exception is SocketException or IOException or AuthenticationException or WebSocketException or HttpRequestException)
        {
            throw new IrcTransportException(endpoint, $"Could not connect to {endpoint}: {Explain(endpoint, exception, certificateCheck)}.", exception);
        }
    }

    /// <summary>The likely cause and fix, from the innermost meaningful exception.</summary>
    private static string Explain(IrcEndpoint endpoint, Exception exception, CertificateCheck certificateCheck)
    {
        if (certificateCheck.Rejection is { } rejection)
        {
            return $"the TLS certificate was rejected: {rejection}";
        }

        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return $"the connection was refused: nothing listens on port {endpoint.Port} of {endpoint.Host}; check the port and that the server runs";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return $"the host name '{endpoint.Host}' could not be resolved; check its spelling and the DNS or network";
                case SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.TimedOut }:
                    return $"{endpoint.Host} cannot be reached ({((SocketException)current).SocketErrorCode}); check the network and firewall";
                case SocketException socketException:
                    return $"the TCP connection failed ({socketException.SocketErrorCode})";
                case AuthenticationException:
                    return "the TLS handshake failed: the port may not speak TLS (plain IRC is irc://, usually port 6667), " +
                        "or no TLS 1.2/1.3 cipher was shared";
            }
        }

        return exception is WebSocketException
            ? $"the server did not accept the WebSocket upgrade ({exception.Message}); check the URL path and that it is a WebSocket endpoint"
            : exception.Message;
    }
}

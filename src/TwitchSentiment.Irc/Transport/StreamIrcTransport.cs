using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace TwitchSentiment.Irc.Transport;

/// <summary>IRC over a TCP connection, optionally wrapped in TLS (<c>irc://</c>, <c>ircs://</c>).</summary>
internal sealed class StreamIrcTransport : FramedIrcTransport
{
    private readonly Stream _stream;

    private StreamIrcTransport(IrcEndpoint endpoint, Stream stream, IrcTransportOptions options)
        : base(endpoint, stream, options)
    {
        _stream = stream;
    }

    public static async Task<IIrcTransport> ConnectAsync(
        IrcEndpoint endpoint,
        IrcTransportOptions options,
        CertificateCheck certificateCheck,
        CancellationToken cancellationToken)
    {
        Stream stream = await OpenStreamAsync(endpoint, certificateCheck, cancellationToken).ConfigureAwait(false);
        return new StreamIrcTransport(endpoint, stream, options);
    }

    /// <summary>
    /// Connects TCP to the endpoint's host and port and, when it uses TLS, runs the handshake (SNI = host, TLS 1.2 or
    /// later). The stream owns the socket. Shared with the WebSocket transport, which speaks HTTP over this stream.
    /// </summary>
    public static async Task<Stream> OpenStreamAsync(IrcEndpoint endpoint, CertificateCheck certificateCheck, CancellationToken cancellationToken)
    {
        // Dual-mode, so a host name resolving to IPv6 and IPv4 addresses can try both.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (endpoint.UsesTls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = endpoint.Host,
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                        RemoteCertificateValidationCallback = certificateCheck.Validate,
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            return stream;
        }
        catch
        {
            // Not a handler: whatever failed, the half-open connection goes, and the exception flows on unchanged.
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            throw;
        }
    }

    protected override async ValueTask WriteLineAsync(ReadOnlyMemory<byte> lineWithCrLf, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(lineWithCrLf, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // Disposing closes the socket (no TLS close_notify, which could wait on the peer), so a pending read ends at once.
    protected override ValueTask CloseConnectionAsync() => _stream.DisposeAsync();
}

using System.Net.WebSockets;

namespace TwitchSentiment.Irc.Transport;

/// <summary>
/// IRC over WebSocket text frames (<c>wss://</c>, or <c>ws://</c> on loopback). A received frame may hold several
/// lines joined by CR LF; each sent line is one frame without CR LF, as tmi.js and twitch-irc-rs send them.
/// </summary>
internal sealed class WebSocketIrcTransport : FramedIrcTransport
{
    /// <summary>How long a dispose waits to hand the server a close frame before it just drops the connection.</summary>
    private static readonly TimeSpan CloseFrameTimeout = TimeSpan.FromSeconds(1);

    private readonly ClientWebSocket _webSocket;
    private readonly HttpMessageInvoker _invoker;

    private WebSocketIrcTransport(IrcEndpoint endpoint, ClientWebSocket webSocket, HttpMessageInvoker invoker, IrcTransportOptions options)
        : base(endpoint, new WebSocketLineStream(webSocket), options)
    {
        _webSocket = webSocket;
        _invoker = invoker;
    }

    /// <summary>Connects and completes the HTTP/1.1 upgrade.</summary>
    public static async Task<IIrcTransport> ConnectAsync(
        IrcEndpoint endpoint,
        IrcTransportOptions options,
        CertificateCheck certificateCheck,
        CancellationToken cancellationToken)
    {
        // The TCP and TLS set-up is ours, shared with the TCP transports, so it follows the caller's token and timeout:
        // the HTTP handler runs its own TLS handshakes detached from the request and would leave them running after a
        // timeout. The handler therefore sees a plain http URL and speaks HTTP over our (possibly TLS) stream.
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, _) =>
                await StreamIrcTransport.OpenStreamAsync(endpoint, certificateCheck, cancellationToken).ConfigureAwait(false),
        });
        var webSocket = new ClientWebSocket();
        webSocket.Options.KeepAliveInterval = TimeSpan.Zero; // IRC PING/PONG is the keepalive.
        try
        {
            Uri overOurStream = new UriBuilder("ws", endpoint.Host, endpoint.Port, endpoint.Path).Uri;
            await webSocket.ConnectAsync(overOurStream, invoker, cancellationToken).ConfigureAwait(false);
            return new WebSocketIrcTransport(endpoint, webSocket, invoker, options);
        }
        catch
        {
            // Not a handler: the half-open connection goes, and the exception flows on unchanged.
            webSocket.Dispose();
            invoker.Dispose();
            throw;
        }
    }

    protected override async ValueTask WriteLineAsync(ReadOnlyMemory<byte> lineWithCrLf, CancellationToken cancellationToken) =>
        await _webSocket.SendAsync(lineWithCrLf[..^2], WebSocketMessageType.Text, endOfMessage: true, cancellationToken)
            .ConfigureAwait(false);

    protected override async ValueTask CloseConnectionAsync()
    {
        if (_webSocket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            // Courtesy close frame, bounded in time; its failure changes nothing since the socket is dropped next.
            // Real time, not the options' clock: a fake clock in tests must not be able to stall a dispose.
            using var timeout = new CancellationTokenSource(CloseFrameTimeout);
            try
            {
                await _webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
            {
                // The connection is going away either way.
            }
        }

        _webSocket.Dispose();
        _invoker.Dispose();
    }

    /// <summary>
    /// The received messages as one byte stream for the line framer: each message's bytes followed by '\n', since a
    /// message ends its last line even without CR LF. A close frame is the end of the stream.
    /// </summary>
    private sealed class WebSocketLineStream(WebSocket webSocket) : Stream
    {
        private bool _newlineOwed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_newlineOwed)
            {
                _newlineOwed = false;
                buffer.Span[0] = (byte)'\n';
                return 1;
            }

            // Leave room for the '\n' that ends a message.
            Memory<byte> target = buffer.Length > 1 ? buffer[..^1] : buffer;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await webSocket.ReceiveAsync(target, cancellationToken).ConfigureAwait(false);
            }
            while (result is { Count: 0, EndOfMessage: false }); // an empty fragment; returning 0 would mean the end

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return 0;
            }

            if (result.EndOfMessage)
            {
                if (result.Count < buffer.Length)
                {
                    buffer.Span[result.Count] = (byte)'\n';
                    return result.Count + 1;
                }

                _newlineOwed = true;
            }

            return result.Count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

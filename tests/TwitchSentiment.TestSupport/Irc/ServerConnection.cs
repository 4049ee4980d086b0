using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Text;
using System.Threading.Channels;

namespace TwitchSentiment.TestSupport.Irc;

/// <summary>
/// One client connection accepted by a <see cref="ScriptedIrcServer"/>. The test script reads what the client sent
/// and sends lines, raw bytes or WebSocket frames; or the Twitch dialect answers for it
/// (<see cref="StartTwitchDialect"/>). Staying silent is just not sending. Every wait has a timeout (the server's
/// <see cref="ScriptedIrcServerOptions.WaitTimeout"/> unless given) on real time.
/// </summary>
public sealed partial class ServerConnection : IAsyncDisposable
{
    /// <summary>Lines queued for <see cref="ReadLineAsync"/>; when full, the server stops reading the socket.</summary>
    private const int IncomingCapacity = 10_000;

    /// <summary>A guard against runaway input, far above any line or message a test sends.</summary>
    private const int MaxReceivedBytes = 1024 * 1024;

    private readonly ScriptedIrcServer _server;
    private readonly Socket _socket;
    private readonly bool _isWebSocket;
    private readonly TimeSpan _waitTimeout;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _clientGone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<string> _incoming = Channel.CreateBounded<string>(
        new BoundedChannelOptions(IncomingCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    // Not disposed: a send may still be inside it when the connection is disposed.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _logGate = new();
    private readonly List<string> _receivedLines = [];
    private readonly List<string> _receivedMessages = [];
    private TaskCompletionSource _logChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream? _stream;
    private WebSocket? _webSocket;
    private Task _run = Task.CompletedTask;
    private Task _dialect = Task.CompletedTask;
    private Exception? _failure;
    private int _disposed;

    internal ServerConnection(ScriptedIrcServer server, Socket socket, int id)
    {
        _server = server;
        _socket = socket;
        _socket.NoDelay = true; // so separate SendRawAsync calls leave as separate TCP segments
        _isWebSocket = server.Options.Mode is ScriptedIrcServerMode.WebSocket or ScriptedIrcServerMode.SecureWebSocket;
        _waitTimeout = server.Options.WaitTimeout;
        Id = id;
    }

    /// <summary>1 for the first connection the server accepted, 2 for the next, and so on.</summary>
    public int Id { get; }

    /// <summary>Every non-empty line the client sent so far, without CR LF, in order.</summary>
    public IReadOnlyList<string> ReceivedLines
    {
        get
        {
            lock (_logGate)
            {
                return [.. _receivedLines];
            }
        }
    }

    /// <summary>In WebSocket modes, the text of every message the client sent, unsplit.</summary>
    public IReadOnlyList<string> ReceivedWebSocketMessages
    {
        get
        {
            lock (_logGate)
            {
                return [.. _receivedMessages];
            }
        }
    }

    /// <summary>Whether the client closed (or broke) the connection.</summary>
    public bool IsClientGone => _clientGone.Task.IsCompleted;

    /// <summary>
    /// The next line the client sent that was not read yet, or null once the client closed and all were read.
    /// Do not mix with a running Twitch dialect, which reads the same queue; use <see cref="WaitForLineAsync"/>.
    /// </summary>
    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using CancellationTokenSource limit = Limit(timeout, cancellationToken);
        try
        {
            while (await _incoming.Reader.WaitToReadAsync(limit.Token))
            {
                if (_incoming.Reader.TryRead(out string? line))
                {
                    return line;
                }
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Connection {Id}: no line from the client within {timeout ?? _waitTimeout}. {DescribeLog()}");
        }
    }

    /// <summary>
    /// Waits until the client has sent a line matching <paramref name="predicate"/> (at any time, read or not) and
    /// returns it. <paramref name="reason"/> says what is awaited, for the failure message.
    /// </summary>
    public async Task<string> WaitForLineAsync(
        Func<string, bool> predicate,
        string reason,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        using CancellationTokenSource limit = Limit(timeout, cancellationToken);
        int next = 0;
        while (true)
        {
            Task changed;
            lock (_logGate)
            {
                for (; next < _receivedLines.Count; next++)
                {
                    if (predicate(_receivedLines[next]))
                    {
                        return _receivedLines[next];
                    }
                }

                changed = _logChanged.Task;
            }

            if (IsClientGone)
            {
                throw new InvalidOperationException($"Connection {Id}: the client left before {reason}. {DescribeLog()}");
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Connection {Id}: timed out after {timeout ?? _waitTimeout} waiting for {reason}. {DescribeLog()}");
            }
        }
    }

    /// <summary>Waits until the client closed (or broke) the connection.</summary>
    public async Task WaitForClientToLeaveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await _clientGone.Task.WaitAsync(timeout ?? _waitTimeout, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"Connection {Id}: the client was still connected after {timeout ?? _waitTimeout}.", exception);
        }
    }

    /// <summary>Sends one line with CR LF (TCP) or as one frame ending in CR LF (WebSocket, as Twitch does).</summary>
    public Task SendLineAsync(string line, CancellationToken cancellationToken = default) => SendLinesAsync([line], cancellationToken);

    /// <summary>Sends the lines, each with CR LF, in one TCP write or one WebSocket frame.</summary>
    public Task SendLinesAsync(IEnumerable<string> lines, CancellationToken cancellationToken = default)
    {
        string joined = string.Concat(lines.Select(line => line + "\r\n"));
        return _isWebSocket ? SendFrameAsync(joined, cancellationToken) : SendRawAsync(Encoding.UTF8.GetBytes(joined), cancellationToken);
    }

    /// <summary>TCP modes: writes exactly these bytes as one write (a part of a line, several lines, anything).</summary>
    public Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        if (_isWebSocket)
        {
            throw new InvalidOperationException("SendRawAsync writes the TCP byte stream; in WebSocket mode use SendFrameAsync or SendFragmentedMessageAsync.");
        }

        return SendAsync(
            async token =>
            {
                await _stream!.WriteAsync(bytes, token);
                await _stream.FlushAsync(token);
            },
            cancellationToken);
    }

    /// <summary>WebSocket modes: sends <paramref name="payload"/> as one text message, separators as given.</summary>
    public Task SendFrameAsync(string payload, CancellationToken cancellationToken = default) =>
        SendFragmentedMessageAsync([Encoding.UTF8.GetBytes(payload)], cancellationToken);

    /// <summary>
    /// WebSocket modes: sends one text message as several frames (continuations), split where the test chose, even
    /// inside a UTF-8 sequence.
    /// </summary>
    public Task SendFragmentedMessageAsync(IReadOnlyList<ReadOnlyMemory<byte>> fragments, CancellationToken cancellationToken = default)
    {
        if (!_isWebSocket)
        {
            throw new InvalidOperationException("WebSocket frames need a WebSocket mode; in TCP mode use SendRawAsync.");
        }

        return SendAsync(
            async token =>
            {
                for (int i = 0; i < fragments.Count; i++)
                {
                    await _webSocket!.SendAsync(fragments[i], WebSocketMessageType.Text, endOfMessage: i == fragments.Count - 1, token);
                }
            },
            cancellationToken);
    }

    /// <summary>An orderly end: TLS close_notify and TCP FIN, or a WebSocket close frame, after pending sends.</summary>
    public Task CloseAsync(CancellationToken cancellationToken = default) => SendAsync(
        async token =>
        {
            if (_webSocket is not null)
            {
                await _webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", token);
                return;
            }

            if (_stream is SslStream tls)
            {
                await tls.ShutdownAsync();
            }

            _socket.Shutdown(SocketShutdown.Send);
        },
        cancellationToken);

    /// <summary>
    /// Drops the connection without any goodbye (no QUIT, no WebSocket close frame, no TLS close_notify) once pending
    /// sends are out: a TCP FIN, possibly in the middle of a line. The client sees end of stream.
    /// </summary>
    public Task AbortAsync(CancellationToken cancellationToken = default) =>
        WithSendLockAsync(() => _socket.Shutdown(SocketShutdown.Send), cancellationToken);

    /// <summary>Resets the connection (TCP RST) once pending sends are out. The client sees a connection error.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => WithSendLockAsync(
        () =>
        {
            _socket.LingerState = new LingerOption(true, 0);
            _socket.Close();
        },
        cancellationToken);

    /// <summary>Stops the connection's tasks and closes it. Throws if the server side itself failed (a bug in a script).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _socket.Dispose();
        try
        {
            await Task.WhenAll(_run, _dialect).WaitAsync(_waitTimeout);
        }
        finally
        {
            _webSocket?.Dispose();

            if (_stream is not null)
            {
                await _stream.DisposeAsync();
            }

            _stopping.Dispose();
        }

        if (_failure is not null)
        {
            throw new InvalidOperationException($"Connection {Id} failed on the server side: {_failure.Message}", _failure);
        }
    }

    internal void Start() => _run = RunAsync(_stopping.Token);

    private static bool IsConnectionEnd(Exception exception) =>
        exception is OperationCanceledException or IOException or SocketException or WebSocketException
            or AuthenticationException or ObjectDisposedException or ChannelClosedException;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await HandshakeAsync(cancellationToken))
            {
                _ready.TrySetResult();
                await (_webSocket is null ? PumpLinesAsync(_stream!, cancellationToken) : PumpMessagesAsync(_webSocket, cancellationToken));
            }
        }
        catch (Exception exception) when (IsConnectionEnd(exception))
        {
            // The client went away or the test ended the connection: the normal ends of a connection.
        }
        catch (Exception exception)
        {
            _failure ??= exception;
        }
        finally
        {
            _ready.TrySetException(new InvalidOperationException($"Connection {Id} never finished its handshake."));
            _incoming.Writer.TryComplete();
            _clientGone.TrySetResult();
            SignalLogChanged();
        }
    }

    /// <summary>TLS and WebSocket set-up as the mode asks. False when the connection is not usable (stalled, 404).</summary>
    private async Task<bool> HandshakeAsync(CancellationToken cancellationToken)
    {
        ScriptedIrcServerOptions options = _server.Options;
        _stream = new NetworkStream(_socket, ownsSocket: false);
        if (options.StallHandshake)
        {
            // Never answer; just notice when the client gives up.
            byte[] discard = new byte[4096];
            while (await _stream.ReadAsync(discard, cancellationToken) > 0)
            {
            }

            return false;
        }

        using CancellationTokenSource limit = Limit(null, cancellationToken);
        if (options.Mode is ScriptedIrcServerMode.Tls or ScriptedIrcServerMode.SecureWebSocket)
        {
            var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
            _stream = tls;
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _server.Certificate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                },
                limit.Token);
        }

        if (_isWebSocket)
        {
            if (!await ServerHandshakes.AcceptWebSocketUpgradeAsync(_stream, options.WebSocketPath, limit.Token))
            {
                _socket.Shutdown(SocketShutdown.Send);
                return false;
            }

            _webSocket = WebSocket.CreateFromStream(_stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        }

        return true;
    }

    private async Task PumpLinesAsync(Stream stream, CancellationToken cancellationToken)
    {
        PipeReader reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(cancellationToken);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is SequencePosition newline)
                {
                    string line = Encoding.UTF8.GetString(buffer.Slice(0, newline)).TrimEnd('\r');
                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    await ReceivedAsync(line, cancellationToken);
                }

                if (buffer.Length > MaxReceivedBytes)
                {
                    throw new InvalidDataException($"Connection {Id}: the client sent more than {MaxReceivedBytes} bytes without a line end.");
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private async Task PumpMessagesAsync(WebSocket webSocket, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>();
        while (true)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await webSocket.ReceiveAsync(message.GetMemory(4096), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (webSocket.State == WebSocketState.CloseReceived)
                    {
                        await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    }

                    // RFC 6455 §7.1.1: the server closes TCP first once the close handshake is done.
                    _socket.Shutdown(SocketShutdown.Send);
                    return;
                }

                message.Advance(result.Count);
                if (message.WrittenCount > MaxReceivedBytes)
                {
                    throw new InvalidDataException($"Connection {Id}: the client sent a WebSocket message over {MaxReceivedBytes} bytes.");
                }
            }
            while (!result.EndOfMessage);

            string text = Encoding.UTF8.GetString(message.WrittenSpan);
            lock (_logGate)
            {
                _receivedMessages.Add(text);
            }

            foreach (string line in text.Split('\n'))
            {
                await ReceivedAsync(line.TrimEnd('\r'), cancellationToken);
            }
        }
    }

    private async Task ReceivedAsync(string line, CancellationToken cancellationToken)
    {
        if (line.Length == 0)
        {
            return;
        }

        lock (_logGate)
        {
            _receivedLines.Add(line);
        }

        SignalLogChanged();
        await _incoming.Writer.WriteAsync(line, cancellationToken);
    }

    private void SignalLogChanged()
    {
        TaskCompletionSource changed;
        lock (_logGate)
        {
            changed = _logChanged;
            _logChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Runs <paramref name="send"/> alone, after the handshake, within the wait timeout.</summary>
    private async Task SendAsync(Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        using CancellationTokenSource limit = Limit(null, cancellationToken);
        try
        {
            await _ready.Task.WaitAsync(limit.Token);
            await _sendLock.WaitAsync(limit.Token);
            try
            {
                await send(limit.Token);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Connection {Id}: sending took longer than {_waitTimeout} (handshake unfinished, or the client does not read).");
        }
    }

    private async Task WithSendLockAsync(Action action, CancellationToken cancellationToken)
    {
        using CancellationTokenSource limit = Limit(null, cancellationToken);
        await _sendLock.WaitAsync(limit.Token);
        try
        {
            action();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed: what the caller wanted.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private CancellationTokenSource Limit(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        limit.CancelAfter(timeout ?? _waitTimeout);
        return limit;
    }

    private string DescribeLog()
    {
        const int Shown = 10;
        IReadOnlyList<string> lines = ReceivedLines;
        return lines.Count == 0
            ? "The client sent nothing."
            : $"The client sent {lines.Count} line(s), the last: {string.Join(" | ", lines.TakeLast(Shown))}";
    }
}

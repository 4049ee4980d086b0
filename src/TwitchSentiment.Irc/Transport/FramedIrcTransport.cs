using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace TwitchSentiment.Irc.Transport;

/// <summary>
/// What every transport shares: framing the received bytes into lines with a <see cref="PipeReader"/> (following the
/// "PipeReader common problems" rules of dotnet/docs pipelines.md), serialized sends, and a dispose that may race a
/// pending read. Subclasses supply the byte stream, one line's write, and the teardown.
/// </summary>
internal abstract class FramedIrcTransport : IIrcTransport
{
    private readonly PipeReader _reader;
    private readonly int _maxLineBytes;
    private readonly TimeProvider _timeProvider;

    // One line is copied here before the reader advances past it; valid until the next read (IIrcTransport contract).
    private readonly byte[] _line;

    // Not disposed: a send still inside it when the transport is disposed must be able to release it.
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private readonly Lock _gate = new();
    private bool _reading;
    private bool _disposed;

    // The rest of an oversized line is being dropped up to its '\n'.
    private bool _skippingOversized;
    private bool _ended;

    protected FramedIrcTransport(IrcEndpoint endpoint, Stream received, IrcTransportOptions options)
    {
        Endpoint = endpoint;
        _maxLineBytes = options.MaxLineBytes;
        _timeProvider = options.TimeProvider;
        _line = new byte[options.MaxLineBytes];
        _reader = PipeReader.Create(received, new StreamPipeReaderOptions(leaveOpen: true));
    }

    protected IrcEndpoint Endpoint { get; }

    public async ValueTask<ReceivedLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_reading)
            {
                throw new InvalidOperationException("A read is already in progress; an IIrcTransport supports one reader.");
            }

            _reading = true;
        }

        try
        {
            ReceivedLine? line = await ReadLineCoreAsync(cancellationToken).ConfigureAwait(false);

            // A read that was waiting when DisposeAsync ran ends the same way whatever the peer did meanwhile
            // (a WebSocket close frame can arrive first and look like an orderly end).
            ObjectDisposedException.ThrowIf(_disposed, this);
            return line;
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            throw Broken("reading", exception);
        }
        finally
        {
            bool completeReader;
            lock (_gate)
            {
                _reading = false;
                completeReader = _disposed;
            }

            // DisposeAsync left the reader to us because we were inside it.
            if (completeReader)
            {
                await _reader.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask SendLineAsync(string line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);

        // The text is never quoted: it may be a PASS line holding a token.
        if (line.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("The line contains CR or LF, which would end it early and send a second command.", nameof(line));
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        int length = Encoding.UTF8.GetByteCount(line) + 2;
        byte[] bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            int written = Encoding.UTF8.GetBytes(line, bytes);
            bytes[written] = (byte)'\r';
            bytes[written + 1] = (byte)'\n';
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WriteLineAsync(bytes.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            throw Broken("sending", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes, clearArray: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        bool completeReader;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            completeReader = !_reading;
        }

        // Closing the connection first makes a pending read return promptly; that read then completes the reader.
        await CloseConnectionAsync().ConfigureAwait(false);
        if (completeReader)
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes one line, given with its CR LF, as one write (or one frame).</summary>
    protected abstract ValueTask WriteLineAsync(ReadOnlyMemory<byte> lineWithCrLf, CancellationToken cancellationToken);

    /// <summary>Tears the connection down promptly; called once. Must not throw.</summary>
    protected abstract ValueTask CloseConnectionAsync();

    private static bool IsConnectionFailure(Exception exception) =>
        exception is IOException or SocketException or WebSocketException or ObjectDisposedException;

    private async ValueTask<ReceivedLine?> ReadLineCoreAsync(CancellationToken cancellationToken)
    {
        while (!_ended)
        {
            ReadResult result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            ReceivedLine? line = TakeLine(ref buffer, result.IsCompleted);
            if (line is not null)
            {
                _reader.AdvanceTo(buffer.Start);
                return line;
            }

            // Everything buffered was framed above, so completion now really is the end.
            _ended = result.IsCompleted;
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }

        return null;
    }

    /// <summary>
    /// Takes the next line out of <paramref name="buffer"/> (copied to <see cref="_line"/>) and slices past what it
    /// consumed. Null when more bytes are needed; <paramref name="buffer"/> then starts at what must be kept.
    /// </summary>
    private ReceivedLine? TakeLine(ref ReadOnlySequence<byte> buffer, bool isCompleted)
    {
        while (true)
        {
            SequencePosition? newline = buffer.PositionOf((byte)'\n');
            if (_skippingOversized)
            {
                if (newline is null)
                {
                    buffer = buffer.Slice(buffer.End);
                    return null;
                }

                _skippingOversized = false;
                buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
                continue;
            }

            if (newline is not null)
            {
                ReadOnlySequence<byte> content = WithoutTrailingCr(buffer.Slice(0, newline.Value));
                buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
                if (content.IsEmpty)
                {
                    continue;
                }

                return content.Length > _maxLineBytes
                    ? Copy(content.Slice(0, _maxLineBytes), ReceivedLineKind.Oversized)
                    : Copy(content, ReceivedLineKind.Complete);
            }

            // No '\n' yet. A trailing '\r' may be the start of CR LF, so it does not count toward the cap.
            ReadOnlySequence<byte> partial = WithoutTrailingCr(buffer);
            if (partial.Length > _maxLineBytes)
            {
                _skippingOversized = true;
                buffer = buffer.Slice(buffer.End);
                return Copy(partial.Slice(0, _maxLineBytes), ReceivedLineKind.Oversized);
            }

            if (isCompleted && !partial.IsEmpty)
            {
                buffer = buffer.Slice(buffer.End);
                return Copy(partial, ReceivedLineKind.Incomplete);
            }

            return null;
        }
    }

    private static ReadOnlySequence<byte> WithoutTrailingCr(ReadOnlySequence<byte> bytes) =>
        !bytes.IsEmpty && bytes.Slice(bytes.Length - 1).FirstSpan[0] == (byte)'\r' ? bytes.Slice(0, bytes.Length - 1) : bytes;

    private ReceivedLine Copy(ReadOnlySequence<byte> content, ReceivedLineKind kind)
    {
        content.CopyTo(_line);
        return new ReceivedLine(_line.AsMemory(0, (int)content.Length), kind, _timeProvider.GetUtcNow());
    }

    private IrcTransportException Broken(string activity, Exception exception)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new IrcTransportException(
            Endpoint,
            $"The connection to {Endpoint} broke while {activity} ({exception.Message}); open a new connection.",
            exception);
    }
}

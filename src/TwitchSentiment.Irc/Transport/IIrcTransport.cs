namespace TwitchSentiment.Irc.Transport;

/// <summary>
/// One connected IRC byte stream (TCP, TLS or WebSocket), framed into lines. Not thread-safe for concurrent reads;
/// a send may run concurrently with a read.
/// </summary>
/// <remarks>
/// Opened by <see cref="IrcTransports.ConnectAsync"/>. <see cref="IAsyncDisposable.DisposeAsync"/> closes the
/// connection at once (a WebSocket first sends a close frame, waiting at most a second), ends a pending read with
/// <see cref="ObjectDisposedException"/>, and may be called again.
/// </remarks>
internal interface IIrcTransport : IAsyncDisposable
{
    /// <summary>
    /// Reads the next line. Returns null when the peer closed the connection in an orderly way and every complete
    /// line before that was returned. The bytes stay valid only until the next call: copy what you keep.
    /// </summary>
    /// <remarks>
    /// A TCP end of stream in the middle of a line gives that line as <see cref="ReceivedLineKind.Incomplete"/>, then
    /// null. A broken connection (reset, or a WebSocket dropped without a close frame) throws
    /// <see cref="IrcTransportException"/>. Cancellation throws <see cref="OperationCanceledException"/>; a TCP or TLS
    /// transport stays usable after it, but a WebSocket one is aborted (the WebSocket client does that), so cancel a
    /// read only to stop.
    /// </remarks>
    ValueTask<ReceivedLine?> ReadLineAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="line"/> followed by CR LF (on a WebSocket: as one text frame, without CR LF). A line
    /// containing CR or LF is a caller bug (ArgumentException). Concurrent sends are serialized, one write per line;
    /// the line's text never appears in an exception.
    /// </summary>
    ValueTask SendLineAsync(string line, CancellationToken cancellationToken);
}

/// <summary>What one line can be when it arrives.</summary>
internal enum ReceivedLineKind
{
    /// <summary>A complete line, without its CR LF (or LF, or the WebSocket frame's line separator).</summary>
    Complete,

    /// <summary>Longer than the cap: <see cref="ReceivedLine.Bytes"/> holds its first bytes; the rest was skipped.</summary>
    Oversized,

    /// <summary>The connection ended in the middle of this line; <see cref="ReceivedLine.Bytes"/> is what arrived.</summary>
    Incomplete,
}

/// <summary>A line as received: its UTF-8 bytes (not decoded), what kind it is, and when it arrived.</summary>
internal readonly record struct ReceivedLine(ReadOnlyMemory<byte> Bytes, ReceivedLineKind Kind, DateTimeOffset ReceivedAt);

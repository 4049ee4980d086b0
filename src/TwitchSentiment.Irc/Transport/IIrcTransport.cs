namespace TwitchSentiment.Irc.Transport;

/// <summary>
/// One connected IRC byte stream (TCP, TLS or WebSocket), framed into lines. Not thread-safe for concurrent reads;
/// a send may run concurrently with a read.
/// </summary>
internal interface IIrcTransport : IAsyncDisposable
{
    /// <summary>
    /// Reads the next line. Returns null when the peer closed the connection in an orderly way and every complete
    /// line before that was returned. The bytes stay valid only until the next call: copy what you keep.
    /// </summary>
    ValueTask<ReceivedLine?> ReadLineAsync(CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="line"/> followed by CR LF. A line containing CR or LF is a caller bug (ArgumentException).</summary>
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

using System.Text;

namespace TwitchSentiment.Irc;

/// <summary>
/// One line as received, for the consumer: the exact bytes, when they arrived, on which connection, and either
/// the parsed message or why the line could not be parsed (a quarantined line is delivered too, so a raw log
/// stays lossless).
/// </summary>
/// <param name="RawBytes">The line's bytes without CR LF, exactly as received.</param>
/// <param name="ReceivedAt">When the line arrived (UTC).</param>
/// <param name="ConnectionId">The connection that received it (1, 2, … in the order they were opened).</param>
/// <param name="Message">The parsed message, or null for a quarantined line.</param>
/// <param name="Error">Why the line was quarantined, or null.</param>
public sealed record ChatLine(byte[] RawBytes, DateTimeOffset ReceivedAt, int ConnectionId, TwitchMessage? Message, string? Error)
{
    /// <summary>
    /// Whether <see cref="RawBytes"/> are only the start of the line: it was longer than the transport's
    /// <c>MaxLineBytes</c> (the rest was skipped) or cut off by the end of the connection. Such a line is quarantined.
    /// </summary>
    public bool IsIncomplete { get; init; }

    /// <summary>The line as text (invalid UTF-8 shown as U+FFFD).</summary>
    public string Raw => Message?.Irc.Raw ?? Encoding.UTF8.GetString(RawBytes);
}

/// <summary>Where a connection is.</summary>
public enum ChatConnectionState
{
    /// <summary>Opening the socket and logging in.</summary>
    Connecting,

    /// <summary>Logged in (welcome received); joining and reading.</summary>
    Connected,

    /// <summary>The connection ended; <see cref="ChatStateChange.Reason"/> says why. A reconnect follows unless stopping.</summary>
    Disconnected,

    /// <summary>Stopped for good (disposed, or a final authentication failure).</summary>
    Stopped,
}

/// <summary>A connection changed state.</summary>
public sealed record ChatStateChange(int ConnectionId, ChatConnectionState State, string? Reason, DateTimeOffset At);

/// <summary>A snapshot of the client's counters.</summary>
/// <param name="Lines">Lines received (every line, quarantined ones included).</param>
/// <param name="Bytes">Bytes of those lines.</param>
/// <param name="Quarantined">Lines that could not be parsed (malformed, oversized, cut off by a disconnect).</param>
/// <param name="Duplicates">Messages dropped because their id was already delivered.</param>
/// <param name="Dropped">Lines dropped because the consumer's buffer was full (only with a Drop full mode).</param>
/// <param name="Reconnects">Connections re-opened after the first.</param>
public sealed record ChatCounters(long Lines, long Bytes, long Quarantined, long Duplicates, long Dropped, long Reconnects);

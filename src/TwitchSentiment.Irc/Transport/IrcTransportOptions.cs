using System.Net.Security;

namespace TwitchSentiment.Irc.Transport;

/// <summary>How connections are opened and lines framed. Make variants of <see cref="Default"/> with <c>with</c>.</summary>
public sealed record IrcTransportOptions
{
    /// <summary>The smallest <see cref="MaxLineBytes"/>: RFC 1459's 512-byte line.</summary>
    public const int MinLineBytes = 512;

    /// <summary>The largest <see cref="MaxLineBytes"/>: 1 MiB, far beyond any IRC line.</summary>
    public const int MaxLineBytesLimit = 1024 * 1024;

    /// <summary>The defaults below.</summary>
    public static IrcTransportOptions Default { get; } = new();

    /// <summary>
    /// How long DNS, TCP connect, TLS handshake and WebSocket upgrade may take together. Default 20 s (twitch-irc-rs
    /// uses the same); more than 0 and at most one day.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The longest line accepted, in bytes without CR LF; a longer one arrives once as
    /// <see cref="ReceivedLineKind.Oversized"/>. Default 16 KiB: Twitch lines exceed 512 bytes because of tags, and
    /// IRCv3 allows 8,191 bytes of tags on top of 512 (TWITCH_IRC.md §8). Between 512 and 1 MiB.
    /// </summary>
    public int MaxLineBytes { get; init; } = 16 * 1024;

    /// <summary>
    /// Decides whether the server's TLS certificate is trusted. Default null: the system's normal validation (trusted
    /// chain, host name match). Set it only to trust a known certificate, such as a test server's self-signed one.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>The clock for <see cref="ReceivedLine.ReceivedAt"/> and the connect timeout. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws an argument exception naming the first option out of range; called once when a component is built.</summary>
    internal void Validate()
    {
        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(ConnectTimeout),
                ConnectTimeout,
                $"{nameof(IrcTransportOptions)}.{nameof(ConnectTimeout)} must be more than 0 and at most one day.");
        }

        if (MaxLineBytes is < MinLineBytes or > MaxLineBytesLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxLineBytes),
                MaxLineBytes,
                $"{nameof(IrcTransportOptions)}.{nameof(MaxLineBytes)} must be between {MinLineBytes} and {MaxLineBytesLimit} bytes.");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentNullException(
                nameof(TimeProvider),
                $"{nameof(IrcTransportOptions)}.{nameof(TimeProvider)} must not be null; use TimeProvider.System.");
        }
    }
}

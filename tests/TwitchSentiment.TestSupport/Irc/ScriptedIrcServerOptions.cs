using System.Collections.Frozen;

namespace TwitchSentiment.TestSupport.Irc;

/// <summary>How a <see cref="ScriptedIrcServer"/> carries IRC lines.</summary>
public enum ScriptedIrcServerMode
{
    /// <summary>Plain TCP, CR LF terminated lines (<c>irc://</c>).</summary>
    Tcp,

    /// <summary>TCP with TLS and an in-process self-signed certificate (<c>ircs://</c>).</summary>
    Tls,

    /// <summary>Plain WebSocket text frames on loopback (<c>ws://</c>).</summary>
    WebSocket,

    /// <summary>WebSocket over TLS with the self-signed certificate (<c>wss://</c>).</summary>
    SecureWebSocket,
}

/// <summary>How a <see cref="ScriptedIrcServer"/> behaves. Variants of <see cref="Default"/> with <c>with</c>.</summary>
public sealed record ScriptedIrcServerOptions
{
    /// <summary>Plain TCP, no dialect, 10 s waits.</summary>
    public static ScriptedIrcServerOptions Default { get; } = new();

    /// <summary>Transport and framing. Default <see cref="ScriptedIrcServerMode.Tcp"/>.</summary>
    public ScriptedIrcServerMode Mode { get; init; } = ScriptedIrcServerMode.Tcp;

    /// <summary>
    /// The server's own clock: JOIN times and rate limits, <c>tmi-sent-ts</c>. Waits in tests always run on real time,
    /// so a fake clock here never stalls them. Default the system clock.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a wait (accept, read, condition, handshake) may take unless the call says otherwise. Default 10 s.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Accept TCP connections but never answer the TLS or WebSocket handshake (for connect-timeout tests).</summary>
    public bool StallHandshake { get; init; }

    /// <summary>The request path the WebSocket modes upgrade; any other path gets 404. Default <c>/</c>.</summary>
    public string WebSocketPath { get; init; } = "/";

    /// <summary>
    /// The DNS name in the certificate. Default <c>localhost</c>, which also adds 127.0.0.1 and ::1; any other name
    /// leaves the IP addresses out, so connecting to 127.0.0.1 is a name mismatch.
    /// </summary>
    public string CertificateHostName { get; init; } = "localhost";

    /// <summary>Run the Twitch dialect on every accepted connection with these options; null lets the test script drive.</summary>
    public TwitchDialectOptions? TwitchDialect { get; init; }
}

/// <summary>How the scripted server's Twitch dialect answers (TWITCH_IRC.md §2).</summary>
public sealed record TwitchDialectOptions
{
    /// <summary>Only anonymous logins, every capability granted, no JOIN rate limit.</summary>
    public static TwitchDialectOptions Default { get; } = new();

    /// <summary>Tokens (without <c>oauth:</c>) that log in; any other gets "Login authentication failed". Default none.</summary>
    public IReadOnlySet<string> AcceptedTokens { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Whether <c>NICK justinfan&lt;digits&gt;</c> logs in without a token (as on Twitch). Default true.</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>Capabilities refused: a <c>CAP REQ</c> naming any of them is answered with NAK for the whole list.</summary>
    public IReadOnlySet<string> RefusedCapabilities { get; init; } = FrozenSet<string>.Empty;

    /// <summary>
    /// Refuse JOINs beyond <see cref="JoinRateLimit"/> per <see cref="JoinRateWindow"/>, counted on the server's clock
    /// across all connections. A refused JOIN gets no answer at all, as on Twitch. Default false.
    /// </summary>
    public bool EnforceJoinRateLimit { get; init; }

    /// <summary>Channels joined per window for a normal account: 20 (TWITCH_IRC.md §8).</summary>
    public int JoinRateLimit { get; init; } = 20;

    /// <summary>The JOIN rate window: 10 s (TWITCH_IRC.md §8).</summary>
    public TimeSpan JoinRateWindow { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>One channel named in a client's JOIN, when the server's clock saw it, and whether it was answered.</summary>
public sealed record JoinAttempt(int ConnectionId, string Channel, DateTimeOffset At, bool Accepted);

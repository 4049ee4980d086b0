using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TwitchSentiment.Irc.Transport;

namespace TwitchSentiment.Irc;

/// <summary>How a <see cref="TwitchChatClient"/> connects, paces and buffers. Immutable; validated when the client is built.</summary>
public sealed record TwitchChatOptions
{
    /// <summary>The defaults: anonymous read-only login over TLS to irc.chat.twitch.tv:6697.</summary>
    public static TwitchChatOptions Default { get; } = new();

    /// <summary>Where to connect. Default <c>ircs://irc.chat.twitch.tv:6697</c>.</summary>
    public IrcEndpoint Endpoint { get; init; } = IrcEndpoint.Default;

    /// <summary>Transport settings (connect timeout, line cap, certificate validation).</summary>
    public IrcTransportOptions Transport { get; init; } = IrcTransportOptions.Default;

    /// <summary>The account to log in as; null (default) logs in anonymously as <c>justinfan</c> + digits, read-only.</summary>
    public TwitchLogin? Login { get; init; }

    /// <summary>Also request <c>twitch.tv/membership</c> (JOIN/PART of other users). Default false: big rooms flood.</summary>
    public bool RequestMembership { get; init; }

    /// <summary>Send our own PING after this long without any line. Default 30 s.</summary>
    public TimeSpan IdlePingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After our PING, no line for this long means the connection is dead. Default 10 s.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The welcome (001) must arrive within this time of connecting. Default 20 s.</summary>
    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>With a login, how often the token is validated while connected; a revoked token ends the session. Default 1 h.</summary>
    public TimeSpan TokenValidationInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>JOINs allowed per <see cref="JoinWindow"/> for the account. Default 20 (Twitch's limit for normal accounts).</summary>
    public int JoinsPerWindow { get; init; } = 20;

    /// <summary>The JOIN rate window. Default 10 s.</summary>
    public TimeSpan JoinWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Channels on one connection; more open more connections. Default 90.</summary>
    public int MaxChannelsPerConnection { get; init; } = 90;

    /// <summary>First delay of the reconnect backoff after a failure (the first retry is immediate). Default 1 s.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the reconnect backoff. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many recent message ids are remembered to drop duplicates. Default 100,000.</summary>
    public int DeduplicationWindow { get; init; } = 100_000;

    /// <summary>Lines buffered for the consumer. Default 100,000.</summary>
    public int BufferCapacity { get; init; } = 100_000;

    /// <summary>
    /// What happens when the buffer is full: <see cref="BoundedChannelFullMode.Wait"/> (default) stops reading the
    /// socket until the consumer catches up (Twitch may then drop the connection); the Drop modes keep reading and
    /// count each dropped line in <see cref="ChatCounters.Dropped"/>.
    /// </summary>
    public BoundedChannelFullMode FullMode { get; init; } = BoundedChannelFullMode.Wait;

    /// <summary>The clock for keepalive, pacing, backoff and receive times. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where logs go. Default: nowhere. Chat text and tokens are never logged.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoint, nameof(Endpoint));
        ArgumentNullException.ThrowIfNull(Transport, nameof(Transport));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(LoggerFactory, nameof(LoggerFactory));
        Positive(IdlePingInterval, nameof(IdlePingInterval));
        Positive(PongTimeout, nameof(PongTimeout));
        Positive(LoginTimeout, nameof(LoginTimeout));
        Positive(TokenValidationInterval, nameof(TokenValidationInterval));
        Positive(JoinWindow, nameof(JoinWindow));
        Positive(ReconnectBaseDelay, nameof(ReconnectBaseDelay));
        Positive(ReconnectMaxDelay, nameof(ReconnectMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(JoinsPerWindow, 1, nameof(JoinsPerWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChannelsPerConnection, 1, nameof(MaxChannelsPerConnection));
        ArgumentOutOfRangeException.ThrowIfLessThan(DeduplicationWindow, 1, nameof(DeduplicationWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferCapacity, 1, nameof(BufferCapacity));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}

/// <summary>An account login: the lower-case login name and where its OAuth access tokens come from.</summary>
/// <param name="Nick">The token owner's login.</param>
/// <param name="Tokens">The token source (a later component refreshes and stores tokens).</param>
public sealed record TwitchLogin(string Nick, ITwitchTokenSource Tokens)
{
    /// <summary>Never shows the token source's secrets.</summary>
    public override string ToString() => $"TwitchLogin {{ Nick = {Nick} }}";
}

/// <summary>Gives the access token for the chat login (without the <c>oauth:</c> prefix).</summary>
public interface ITwitchTokenSource
{
    /// <summary>
    /// The token to log in with. <paramref name="afterAuthenticationFailure"/> is true after the server rejected
    /// the last one: refresh it if you can.
    /// </summary>
    ValueTask<string> GetAccessTokenAsync(bool afterAuthenticationFailure, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the token last handed out is still valid (Twitch asks apps to validate hourly and to end the chat
    /// session of a revoked token). The default cannot tell and says yes.
    /// </summary>
    ValueTask<bool> IsStillValidAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);
}

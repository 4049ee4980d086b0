using System.Globalization;

namespace TwitchSentiment.Irc;

/// <summary>
/// What a Twitch chat reader sees, one record per kind of line (TWITCH_IRC.md §7). Every message keeps its
/// <see cref="IrcMessage"/>, so nothing Twitch sent is lost; commands and ids we do not know stay readable as
/// <see cref="UnknownMessage"/>, <see cref="UserNoticeMessage.Kind"/> or <see cref="NoticeMessage.NoticeId"/>.
/// </summary>
/// <param name="Irc">The parsed line.</param>
public abstract record TwitchMessage(IrcMessage Irc)
{
    private const string ActionPrefix = "\u0001ACTION ";

    /// <summary>The typed view of <paramref name="irc"/>.</summary>
    public static TwitchMessage From(IrcMessage irc)
    {
        ArgumentNullException.ThrowIfNull(irc);
        string? channel = irc.Channel;
        return irc.Command.ToUpperInvariant() switch
        {
            "PRIVMSG" when channel is not null && irc.Params.Count >= 2 => PrivmsgMessage.Create(irc, channel),
            "USERNOTICE" when channel is not null => UserNoticeMessage.Create(irc, channel),
            "CLEARCHAT" when channel is not null => new ClearChatMessage(
                irc, channel, irc.Trailing, irc.Tag("target-user-id"), SecondsTag(irc, "ban-duration"), SentTime(irc)),
            "CLEARMSG" when channel is not null => CreateClearMsg(irc, channel),
            "ROOMSTATE" when channel is not null => new RoomStateMessage(
                irc, channel, irc.Tag("room-id"), FlagTag(irc, "emote-only"), IntTag(irc, "followers-only"), FlagTag(irc, "r9k"),
                IntTag(irc, "slow"), FlagTag(irc, "subs-only")),
            "USERSTATE" when channel is not null => new UserStateMessage(irc, channel, irc.Tag("display-name"), irc.Tag("badges")),
            "GLOBALUSERSTATE" => new GlobalUserStateMessage(irc, irc.Tag("user-id"), irc.Tag("display-name")),
            "NOTICE" => new NoticeMessage(irc, channel, irc.Tag("msg-id"), irc.Trailing ?? string.Empty),
            "HOSTTARGET" when channel is not null => CreateHostTarget(irc, channel),
            "RECONNECT" => new ReconnectMessage(irc),
            "PING" => new PingMessage(irc, irc.Params.Count > 0 ? irc.Params[^1] : null),
            "PONG" => new PongMessage(irc, irc.Params.Count > 0 ? irc.Params[^1] : null),
            "JOIN" when channel is not null && irc.Nick is not null => new JoinMessage(irc, channel, irc.Nick),
            "PART" when channel is not null && irc.Nick is not null => new PartMessage(irc, channel, irc.Nick),
            "CAP" when irc.Params.Count >= 2 => new CapMessage(
                irc, irc.Params[1].ToUpperInvariant(), irc.Params.Count >= 3 ? irc.Params[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : []),
            "WHISPER" when irc.Params.Count >= 2 && irc.Nick is not null => new WhisperMessage(
                irc, irc.Nick, irc.Params[0], irc.Params[^1], irc.Tag("user-id"), irc.Tag("message-id")),
            _ when irc.Command.Length == 3 && char.IsAsciiDigit(irc.Command[0]) => new NumericMessage(
                irc, int.Parse(irc.Command, CultureInfo.InvariantCulture)),
            _ => new UnknownMessage(irc),
        };
    }

    /// <summary>
    /// Unwraps a <c>/me</c> action: exactly <c>"\u0001ACTION " + text + "\u0001"</c> gives the inner text and true;
    /// anything else (no space, no closing \u0001) is plain text.
    /// </summary>
    public static (string Text, bool IsAction) UnwrapAction(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length >= ActionPrefix.Length + 1 && text.StartsWith(ActionPrefix, StringComparison.Ordinal) && text[^1] == '\u0001'
            ? (text[ActionPrefix.Length..^1], true)
            : (text, false);
    }

    /// <summary><c>tmi-sent-ts</c> (Unix milliseconds) as a time, or null when absent or out of range.</summary>
    internal static DateTimeOffset? SentTime(IrcMessage irc) =>
        long.TryParse(irc.Tag("tmi-sent-ts"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long milliseconds)
        && milliseconds is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;

    internal static int? IntTag(IrcMessage irc, string key) =>
        int.TryParse(irc.Tag(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value : null;

    private static bool? FlagTag(IrcMessage irc, string key) => IntTag(irc, key) is int value ? value != 0 : null;

    private static TimeSpan? SecondsTag(IrcMessage irc, string key) => IntTag(irc, key) is int seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static ClearMsgMessage CreateClearMsg(IrcMessage irc, string channel)
    {
        (string text, bool isAction) = UnwrapAction(irc.Trailing ?? string.Empty);
        return new ClearMsgMessage(irc, channel, irc.Tag("target-msg-id"), irc.Tag("login"), text, isAction, SentTime(irc));
    }

    private static HostTargetMessage CreateHostTarget(IrcMessage irc, string channel)
    {
        string[] words = (irc.Trailing ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? target = words.Length > 0 && words[0] != "-" ? words[0] : null;
        int? viewers = words.Length > 1 && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count) ? count : null;
        return new HostTargetMessage(irc, channel, target, viewers);
    }
}

/// <summary>A chat message (PRIVMSG): <see cref="Text"/> with a <c>/me</c> action unwrapped.</summary>
public sealed record PrivmsgMessage(
    IrcMessage Irc,
    string Channel,
    string Text,
    bool IsAction,
    string? MessageId,
    string? UserId,
    string Login,
    string? DisplayName,
    DateTimeOffset? SentAt,
    int? Bits,
    IReadOnlyList<Emote> Emotes,
    ReplyParent? Reply,
    SharedChatSource? SharedChat) : TwitchMessage(Irc)
{
    internal static PrivmsgMessage Create(IrcMessage irc, string channel)
    {
        (string text, bool isAction) = UnwrapAction(irc.Params[^1]);
        string? replyId = irc.Tag("reply-parent-msg-id");
        string? sourceRoom = irc.Tag("source-room-id");
        return new PrivmsgMessage(
            irc,
            channel,
            text,
            isAction,
            irc.Tag("id"),
            irc.Tag("user-id"),
            irc.Nick ?? irc.Tag("login") ?? string.Empty,
            irc.Tag("display-name"),
            SentTime(irc),
            IntTag(irc, "bits"),
            Emote.Parse(irc.Tag("emotes"), text),
            replyId is null ? null : new ReplyParent(
                replyId, irc.Tag("reply-parent-user-id"), irc.Tag("reply-parent-user-login"), irc.Tag("reply-parent-display-name"), irc.Tag("reply-parent-msg-body")),
            string.IsNullOrEmpty(sourceRoom) ? null : new SharedChatSource(sourceRoom, irc.Tag("source-id")));
    }
}

/// <summary>The message a reply answers (the <c>reply-parent-*</c> tags).</summary>
public sealed record ReplyParent(string MessageId, string? UserId, string? Login, string? DisplayName, string? Body);

/// <summary>Where a shared-chat message came from (<c>source-room-id</c>, <c>source-id</c>).</summary>
public sealed record SharedChatSource(string RoomId, string? MessageId);

/// <summary>
/// An event in a channel (USERNOTICE): <see cref="Kind"/> is the <c>msg-id</c> (sub, resub, subgift, raid, announcement,
/// or one Twitch added later), <see cref="Text"/> the user's own message if any.
/// </summary>
public sealed record UserNoticeMessage(
    IrcMessage Irc,
    string Channel,
    string Kind,
    string? SystemMessage,
    string? Text,
    string? MessageId,
    string? UserId,
    string? Login,
    string? DisplayName,
    DateTimeOffset? SentAt,
    IReadOnlyList<Emote> Emotes,
    IReadOnlyDictionary<string, string> Parameters) : TwitchMessage(Irc)
{
    internal static UserNoticeMessage Create(IrcMessage irc, string channel)
    {
        const string ParamPrefix = "msg-param-";
        string? text = irc.Params.Count >= 2 ? irc.Params[^1] : null;
        return new UserNoticeMessage(
            irc,
            channel,
            irc.Tag("msg-id") ?? string.Empty,
            irc.Tag("system-msg"),
            text,
            irc.Tag("id"),
            irc.Tag("user-id"),
            irc.Tag("login"),
            irc.Tag("display-name"),
            SentTime(irc),
            text is null ? [] : Emote.Parse(irc.Tag("emotes"), text),
            irc.Tags.Where(tag => tag.Key.StartsWith(ParamPrefix, StringComparison.Ordinal))
                .ToDictionary(tag => tag.Key[ParamPrefix.Length..], tag => tag.Value, StringComparer.Ordinal));
    }
}

/// <summary>CLEARCHAT: the whole chat cleared (no target), a ban (target, no duration) or a timeout.</summary>
public sealed record ClearChatMessage(
    IrcMessage Irc, string Channel, string? TargetLogin, string? TargetUserId, TimeSpan? BanDuration, DateTimeOffset? SentAt) : TwitchMessage(Irc);

/// <summary>CLEARMSG: one message deleted; <see cref="TargetMessageId"/> is the <c>id</c> of the message to remove.</summary>
public sealed record ClearMsgMessage(
    IrcMessage Irc, string Channel, string? TargetMessageId, string? Login, string DeletedText, bool IsAction, DateTimeOffset? SentAt) : TwitchMessage(Irc);

/// <summary>
/// ROOMSTATE. After JOIN every setting is present; later ones carry only what changed, so null means "unchanged".
/// <see cref="FollowersOnlyMinutes"/>: -1 off, 0 all followers, N minutes of following; <see cref="SlowSeconds"/>: seconds.
/// </summary>
public sealed record RoomStateMessage(
    IrcMessage Irc, string Channel, string? RoomId, bool? EmoteOnly, int? FollowersOnlyMinutes, bool? R9k, int? SlowSeconds, bool? SubsOnly)
    : TwitchMessage(Irc)
{
    /// <summary>True when every setting is present: the full state sent after a JOIN.</summary>
    public bool IsFull => EmoteOnly is not null && FollowersOnlyMinutes is not null && R9k is not null && SlowSeconds is not null && SubsOnly is not null;
}

/// <summary>USERSTATE: our own state in a channel (sent after JOIN and after each message we send).</summary>
public sealed record UserStateMessage(IrcMessage Irc, string Channel, string? DisplayName, string? Badges) : TwitchMessage(Irc);

/// <summary>GLOBALUSERSTATE: our own state after login.</summary>
public sealed record GlobalUserStateMessage(IrcMessage Irc, string? UserId, string? DisplayName) : TwitchMessage(Irc);

/// <summary>NOTICE: <see cref="Channel"/> is null before login (target <c>*</c>), when <see cref="NoticeId"/> is often absent too.</summary>
public sealed record NoticeMessage(IrcMessage Irc, string? Channel, string? NoticeId, string Text) : TwitchMessage(Irc)
{
    /// <summary>
    /// A login failure: Twitch sends one of these texts to <c>*</c> without a msg-id and closes the connection
    /// (TWITCH_IRC.md §2.1; the last three are older texts).
    /// </summary>
    public bool IsAuthenticationFailure => Channel is null && Text is "Login authentication failed" or "Improperly formatted auth"
        or "Login unsuccessful" or "Error logging in" or "Invalid NICK";
}

/// <summary>HOSTTARGET (legacy; host mode was removed in 2022): <see cref="Target"/> null when hosting ended.</summary>
public sealed record HostTargetMessage(IrcMessage Irc, string Channel, string? Target, int? Viewers) : TwitchMessage(Irc);

/// <summary>RECONNECT: the server is about to close this connection; reconnect now.</summary>
public sealed record ReconnectMessage(IrcMessage Irc) : TwitchMessage(Irc);

/// <summary>PING from the server; answer with PONG and the same argument.</summary>
public sealed record PingMessage(IrcMessage Irc, string? Argument) : TwitchMessage(Irc);

/// <summary>PONG: the answer to our own PING.</summary>
public sealed record PongMessage(IrcMessage Irc, string? Argument) : TwitchMessage(Irc);

/// <summary>JOIN of <see cref="Login"/> (ours confirms our join).</summary>
public sealed record JoinMessage(IrcMessage Irc, string Channel, string Login) : TwitchMessage(Irc);

/// <summary>PART of <see cref="Login"/>.</summary>
public sealed record PartMessage(IrcMessage Irc, string Channel, string Login) : TwitchMessage(Irc);

/// <summary>CAP reply: <see cref="Subcommand"/> ACK, NAK or LS with the capabilities named.</summary>
public sealed record CapMessage(IrcMessage Irc, string Subcommand, IReadOnlyList<string> Capabilities) : TwitchMessage(Irc);

/// <summary>A WHISPER to us.</summary>
public sealed record WhisperMessage(IrcMessage Irc, string FromLogin, string ToLogin, string Text, string? UserId, string? MessageId) : TwitchMessage(Irc);

/// <summary>A numeric reply (001–004, 353, 366, 372, 375, 376, 421, …).</summary>
public sealed record NumericMessage(IrcMessage Irc, int Code) : TwitchMessage(Irc);

/// <summary>Anything else (MODE, SERVERCHANGE, …), kept whole.</summary>
public sealed record UnknownMessage(IrcMessage Irc) : TwitchMessage(Irc);

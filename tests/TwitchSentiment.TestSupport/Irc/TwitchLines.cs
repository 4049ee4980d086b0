using System.Globalization;
using System.Text;

namespace TwitchSentiment.TestSupport.Irc;

/// <summary>Server lines in Twitch's dialect, as TWITCH_IRC.md §2 and §7 show them.</summary>
public static class TwitchLines
{
    /// <summary>§9: the server is about to close this connection.</summary>
    public const string Reconnect = ":tmi.twitch.tv RECONNECT";

    /// <summary>§2.1: wrong, expired or revoked token; the server closes next.</summary>
    public const string LoginAuthenticationFailed = ":tmi.twitch.tv NOTICE * :Login authentication failed";

    /// <summary>§2.1: PASS without <c>oauth:</c>, or NICK before PASS; the server closes next.</summary>
    public const string ImproperlyFormattedAuth = ":tmi.twitch.tv NOTICE * :Improperly formatted auth";

    /// <summary>§2.1: the welcome burst, 001-004, 375, 372, 376.</summary>
    public static IReadOnlyList<string> Welcome(string nick) =>
    [
        $":tmi.twitch.tv 001 {nick} :Welcome, GLHF!",
        $":tmi.twitch.tv 002 {nick} :Your host is tmi.twitch.tv",
        $":tmi.twitch.tv 003 {nick} :This server is rather new",
        $":tmi.twitch.tv 004 {nick} :-",
        $":tmi.twitch.tv 375 {nick} :-",
        $":tmi.twitch.tv 372 {nick} :You are in a maze of twisty passages, all alike.",
        $":tmi.twitch.tv 376 {nick} :>",
    ];

    /// <summary>§2.3: capabilities granted.</summary>
    public static string CapAck(string capabilities) => $":tmi.twitch.tv CAP * ACK :{capabilities}";

    /// <summary>§2.3: capabilities refused.</summary>
    public static string CapNak(string capabilities) => $":tmi.twitch.tv CAP * NAK :{capabilities}";

    /// <summary>§7: a user's JOIN (also the echo of your own).</summary>
    public static string Join(string nick, string channel) => $":{nick}!{nick}@{nick}.tmi.twitch.tv JOIN #{channel}";

    /// <summary>§7: a user's PART.</summary>
    public static string Part(string nick, string channel) => $":{nick}!{nick}@{nick}.tmi.twitch.tv PART #{channel}";

    /// <summary>§2.4: the full ROOMSTATE that confirms a JOIN.</summary>
    public static string RoomState(string channel, long roomId) => string.Create(
        CultureInfo.InvariantCulture,
        $"@emote-only=0;followers-only=-1;r9k=0;room-id={roomId};slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #{channel}");

    /// <summary>§7: the server's keepalive PING.</summary>
    public static string Ping(string argument = "tmi.twitch.tv") => $"PING :{argument}";

    /// <summary>§7: the answer to a client's <c>PING :argument</c> (or bare <c>PING</c> when null).</summary>
    public static string Pong(string? argument) =>
        argument is null ? ":tmi.twitch.tv PONG tmi.twitch.tv" : $":tmi.twitch.tv PONG tmi.twitch.tv :{argument}";

    /// <summary>§7: unknown command.</summary>
    public static string UnknownCommand(string nick, string command) => $":tmi.twitch.tv 421 {nick} {command} :Unknown command";

    /// <summary>
    /// §7: a chat message with the full tag set a modern Twitch PRIVMSG carries. The display name is the login with
    /// its first letter upper-cased; <paramref name="text"/> goes in the trailing parameter unchanged.
    /// </summary>
    public static string Privmsg(
        string channel,
        string login,
        string text,
        long roomId,
        long userId,
        string messageId,
        DateTimeOffset sentAt)
    {
        string displayName = login.Length == 0 ? login : string.Concat(login[..1].ToUpperInvariant(), login.AsSpan(1));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"@badge-info=subscriber/8;badges=subscriber/6,premium/1;client-nonce=4f1c6a8e2b9d4e0f8a7b6c5d4e3f2a1b;" +
            $"color=#1E90FF;display-name={EscapeTagValue(displayName)};emotes=;first-msg=0;flags=;id={messageId};mod=0;" +
            $"returning-chatter=0;room-id={roomId};subscriber=1;tmi-sent-ts={sentAt.ToUnixTimeMilliseconds()};turbo=0;" +
            $"user-id={userId};user-type= :{login}!{login}@{login}.tmi.twitch.tv PRIVMSG #{channel} :{text}");
    }

    /// <summary>IRCv3 tag value escaping (TWITCH_IRC.md §4.2).</summary>
    public static string EscapeTagValue(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            string? escape = c switch
            {
                ';' => @"\:",
                ' ' => @"\s",
                '\\' => @"\\",
                '\r' => @"\r",
                '\n' => @"\n",
                _ => null,
            };
            _ = escape is null ? escaped.Append(c) : escaped.Append(escape);
        }

        return escaped.ToString();
    }
}

using System.Globalization;
using TwitchSentiment.Pipeline.RawLogs;

namespace TwitchSentiment.IntegrationTests.Pipeline;

/// <summary>A recorded chat written as a raw log, and what a capture of it must produce.</summary>
internal sealed class RecordedChat
{
    internal const string Channel = "recorded_chan";

    private static readonly string[] Texts =
    [
        "this stream is amazing, I love it", "worst play ever, so bad", "hello chat", "LUL that was funny", "\u0001ACTION waves hello",
        "Kappa Kappa", "he said \"no way\", right?", "très bien 😀", "ok", "I hate this boss. Terrible!", "GG wp, great game",
    ];

    /// <summary>The chat messages (PRIVMSG and USERNOTICE with a user message), keyed by id.</summary>
    internal Dictionary<string, (string Login, string Text, DateTimeOffset SentAt)> Messages { get; } = [];

    internal List<string> Lines { get; } = [];

    /// <summary>Writes <paramref name="count"/> chat lines (plus a sub without message, a CLEARMSG and, unless told not to, a malformed line) to <paramref name="path"/>.</summary>
    internal static RecordedChat Write(string path, int count, bool withBadLine = true)
    {
        var chat = new RecordedChat();
        var start = new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            DateTimeOffset sent = start.AddMilliseconds(i * 37);
            string id = $"00000000-0000-4000-8000-{i:D12}";
            string login = $"viewer{i % 97:D3}";
            string said = Texts[i % Texts.Length] + (i % 5 == 0 ? string.Empty : $" #{i}");
            bool action = said.StartsWith('\u0001') && i % 50 != 7; // /me is a PRIVMSG thing, not a USERNOTICE one
            string text = action ? said + "\u0001" : said; // a /me line: the results hold it unwrapped
            string ts = sent.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            if (i % 50 == 7)
            {
                chat.Lines.Add($"@badge-info=;display-name={login};id={id};login={login};msg-id=resub;msg-param-cumulative-months=3;room-id=1;system-msg={login}\\ssubscribed.;tmi-sent-ts={ts};user-id={1000 + i} :tmi.twitch.tv USERNOTICE #{Channel} :{text}");
            }
            else
            {
                chat.Lines.Add($"@badge-info=;color=#FF0000;display-name={login.ToUpperInvariant()};emotes=;id={id};room-id=1;tmi-sent-ts={ts};user-id={1000 + i} :{login}!{login}@{login}.tmi.twitch.tv PRIVMSG #{Channel} :{text}");
            }

            chat.Messages[id] = (login, action ? said["\u0001ACTION ".Length..] : said, sent);

            if (i == count / 2)
            {
                chat.Lines.Add($"@login={login};msg-id=sub;system-msg=a\\ssub;tmi-sent-ts={ts} :tmi.twitch.tv USERNOTICE #{Channel}");
                chat.Lines.Add($"@login={login};target-msg-id={id};tmi-sent-ts={ts} :tmi.twitch.tv CLEARMSG #{Channel} :{text}");
                if (withBadLine)
                {
                    chat.Lines.Add($":broken!broken@broken.tmi.twitch.tv PRIVMSG #{Channel}"); // no text: malformed
                }
            }
        }

        using var file = new FileStream(path, FileMode.Create);
        using var writer = new RawLogWriter(file);
        for (int i = 0; i < chat.Lines.Count; i++)
        {
            writer.WriteLine(start.AddMilliseconds(i * 37), System.Text.Encoding.UTF8.GetBytes(chat.Lines[i]));
        }

        return chat;
    }
}

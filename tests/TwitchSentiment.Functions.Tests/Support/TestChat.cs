using System.Globalization;
using TwitchSentiment.Pipeline.Replay;

namespace TwitchSentiment.Functions.Tests.Support;

/// <summary>Generated Twitch chat of one channel for the replay server: PRIVMSG lines with ids, logins, texts and times.</summary>
internal sealed class TestChat
{
    private static readonly string[] Texts =
    [
        "this stream is amazing, I love it", "worst play ever, so bad", "hello chat", "LUL that was funny", "Kappa Kappa",
        "he said \"no way\", right?", "très bien 😀", "ok", "I hate this boss. Terrible!", "GG wp, great game", "not good at all",
    ];

    private TestChat(string channel) => Channel = channel;

    internal string Channel { get; }

    internal List<ReplayLine> Lines { get; } = [];

    /// <summary>The chat messages by id: login, text, when sent.</summary>
    internal Dictionary<string, (string Login, string Text, DateTimeOffset SentAt)> Messages { get; } = [];

    /// <summary><paramref name="count"/> messages, <paramref name="spacing"/> apart.</summary>
    internal static TestChat Create(string channel, int count, TimeSpan spacing)
    {
        var chat = new TestChat(channel);
        DateTimeOffset start = DateTimeOffset.UtcNow.AddMinutes(-30);
        for (int i = 0; i < count; i++)
        {
            DateTimeOffset sent = start + (spacing * i);
            string id = $"{i:D8}-0000-4000-8000-{channel.GetHashCode() & 0xFFFFFF:D12}";
            string login = $"viewer{i % 97:D3}";
            string text = Texts[i % Texts.Length] + (i % 3 == 0 ? string.Empty : $" #{i}");
            string ts = sent.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            chat.Lines.Add(new ReplayLine(
                sent,
                $"@badge-info=;color=#FF0000;display-name={login};emotes=;id={id};room-id=1;tmi-sent-ts={ts};user-id={1000 + i} :{login}!{login}@{login}.tmi.twitch.tv PRIVMSG #{channel} :{text}"));
            chat.Messages[id] = (login, text, sent);
        }

        return chat;
    }
}

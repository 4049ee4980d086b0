using System.Text;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline.Analysis;
using TwitchSentiment.Pipeline.Demo;
using TwitchSentiment.Pipeline.Results;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Pipeline.Tests;

/// <summary>The fast PRIVMSG path must give exactly the row the full message model gives, or leave the line to it.</summary>
public sealed class PrivmsgRowsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    private static ResultRow? Slow(string line)
    {
        if (!IrcMessage.TryParse(line, out IrcMessage? irc, out _) || TwitchMessage.From(irc!) is not PrivmsgMessage m)
        {
            return null;
        }

        (SentimentScores scores, double twitch) = ResultRow.Score(m.Text, m.Emotes, VaderAnalyzer.Default, TwitchSentimentAnalyzer.Default);
        return new ResultRow(m.Channel, m.MessageId, m.SentAt, At, m.UserId, m.Login, m.DisplayName, m.Text, scores, twitch);
    }

    public static TheoryData<string> EdgeLines() =>
    [
        "@id=a\\sb;display-name=X\\:Y;user-id=;tmi-sent-ts=1700000000000 :nick!nick@host PRIVMSG #chan :hello there",
        "@id=1;id=2;login=fromtag PRIVMSG #chan :no prefix, login from the tag",
        "@id=1 :server.example PRIVMSG #chan :a prefix without ! or @ is no nick",
        "@login=x :@host PRIVMSG #chan :empty nick",
        ":n!n@n PRIVMSG #chan :\u0001ACTION dances\u0001",
        ":n!n@n PRIVMSG #chan :\u0001ACTION \u0001",
        ":n!n@n PRIVMSG #chan :\u0001ACTIONdances\u0001",
        ":n!n@n PRIVMSG #chan middle last",
        ":n!n@n PRIVMSG #chan :",
        "@tmi-sent-ts=-5;id :n!n@n PRIVMSG #chan :negative time, a tag without value",
        "@tmi-sent-ts=99999999999999999 :n!n@n PRIVMSG #chan :time out of range",
        "@tmi-sent-ts=1\\s2 :n!n@n PRIVMSG #chan :escaped time",
        "@display-name=trailing\\ :n!n@n PRIVMSG #chan :trailing backslash",
        ":n!n@n PRIVMSG # :channel too short",
        ":n!n@n PRIVMSG chan :no hash",
        ":n!n@n privmsg #chan :lower-case command",
        ":n!n@n PRIVMSG #chan",
        "@a=b;;c= :n!n@n PRIVMSG #chan :empty tag in the middle",
        "@emotes=25:0-4,6-10 :n!n@n PRIVMSG #chan :Kappa Kappa good",
        "@emotes=1:0-1/2:99-120 :n!n@n PRIVMSG #chan :😀x out-of-range emote",
    ];

    [Theory]
    [MemberData(nameof(EdgeLines))]
    public void Edge_lines_give_the_same_row_or_are_left_to_the_full_model(string line)
    {
        bool handled = new PrivmsgRows().TryRow(Encoding.UTF8.GetBytes(line), At, VaderAnalyzer.Default, TwitchSentimentAnalyzer.Default, out ResultRow? fast);

        if (handled)
        {
            Assert.Equal(Slow(line), fast);
        }
        else
        {
            // Left to the full model: only lines the fast path does not claim (not upper-case PRIVMSG #channel with text).
            Assert.True(Slow(line) is null || line.Contains(" privmsg ", StringComparison.Ordinal), line);
        }
    }

    [Fact]
    public void Every_sample_chat_privmsg_gives_the_same_row_both_ways()
    {
        var rows = new PrivmsgRows();
        int compared = 0;
        foreach ((_, string line) in SampleChat.Lines(At))
        {
            if (rows.TryRow(Encoding.UTF8.GetBytes(line), At, VaderAnalyzer.Default, TwitchSentimentAnalyzer.Default, out ResultRow? fast))
            {
                Assert.Equal(Slow(line), fast);
                compared++;
            }
        }

        Assert.True(compared > 3000, $"only {compared} lines compared");
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline.Demo;
using TwitchSentiment.Sentiment;
using Xunit.Abstractions;

namespace TwitchSentiment.Pipeline.Tests;

public sealed partial class SampleChatTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<(TimeSpan Offset, string Line)>> Sample = new(() => SampleChat.Lines(Start));

    private static readonly Lazy<List<(TimeSpan Offset, TwitchMessage Message)>> Parsed = new(() =>
        Sample.Value.Select(item => (item.Offset, TwitchMessage.From(IrcMessage.Parse(item.Line)))).ToList());

    private static IEnumerable<(TimeSpan Offset, PrivmsgMessage Message)> Privmsgs =>
        Parsed.Value.Where(item => item.Message is PrivmsgMessage).Select(item => (item.Offset, (PrivmsgMessage)item.Message));

    [GeneratedRegex("^[a-z0-9_]{4,25}$")]
    private static partial Regex LoginRule();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidRule();

    [Fact]
    public void Lines_called_twice_are_equal()
    {
        Assert.Equal(SampleChat.Lines(Start), SampleChat.Lines(Start));
    }

    [Fact]
    public void Lines_from_another_start_differ_only_in_tmi_sent_ts()
    {
        IReadOnlyList<(TimeSpan Offset, string Line)> later = SampleChat.Lines(Start.AddDays(3));

        Assert.Equal(Sample.Value.Count, later.Count);
        Assert.NotEqual(Sample.Value[1].Line, later[1].Line);
        for (int i = 0; i < later.Count; i++)
        {
            Assert.Equal(Sample.Value[i].Offset, later[i].Offset);
            Assert.Equal(WithoutSentTs(Sample.Value[i].Line), WithoutSentTs(later[i].Line));
        }
    }

    [Fact]
    public void Lines_are_a_few_thousand_over_about_six_minutes_in_order_for_one_channel()
    {
        IReadOnlyList<(TimeSpan Offset, string Line)> lines = Sample.Value;

        Assert.InRange(lines.Count, 3_000, 4_000);
        Assert.Equal(TimeSpan.Zero, lines[0].Offset);
        Assert.InRange(lines[^1].Offset, TimeSpan.FromMinutes(5.9), TimeSpan.FromMinutes(6));
        for (int i = 1; i < lines.Count; i++)
        {
            Assert.True(lines[i].Offset >= lines[i - 1].Offset, $"line {i} goes back in time");
        }

        Assert.All(lines, item => Assert.Equal(0, item.Offset.Ticks % TimeSpan.TicksPerMillisecond));
        Assert.All(lines, item => Assert.DoesNotContain('\r', item.Line));
        Assert.All(lines, item => Assert.DoesNotContain('\n', item.Line));
        Assert.All(Parsed.Value, item => Assert.Equal(SampleChat.Channel, item.Message.Irc.Channel));
        Assert.Matches(LoginRule(), SampleChat.Channel);
    }

    [Fact]
    public void Every_line_parses_into_the_intended_kinds()
    {
        foreach ((_, string line) in Sample.Value)
        {
            Assert.True(IrcMessage.TryParse(line, out IrcMessage? irc, out IrcParseError error), $"{error}: {line}");
            Assert.IsNotType<UnknownMessage>(TwitchMessage.From(irc!));
        }

        var kinds = Parsed.Value.GroupBy(item => item.Message.GetType()).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(
            [typeof(ClearChatMessage), typeof(ClearMsgMessage), typeof(PrivmsgMessage), typeof(RoomStateMessage), typeof(UserNoticeMessage)],
            kinds.Keys.OrderBy(type => type.Name, StringComparer.Ordinal));
        Assert.True(kinds[typeof(PrivmsgMessage)] > 0.99 * Sample.Value.Count);

        var notices = Parsed.Value.Select(item => item.Message).OfType<UserNoticeMessage>().ToList();
        Assert.Equal(["announcement", "raid", "resub", "sub", "subgift", "submysterygift"], notices.Select(n => n.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(6, notices.Count(n => n.Kind == "subgift"));
        Assert.All(notices, n => Assert.NotNull(n.SystemMessage));

        UserNoticeMessage raid = Assert.Single(notices, n => n.Kind == "raid");
        Assert.Equal("214", raid.Parameters["viewerCount"]);
        Assert.Equal("214 raiders from CozyCartographer have joined!", raid.SystemMessage);
        Assert.Contains(@"system-msg=214\sraiders\sfrom\sCozyCartographer\shave\sjoined!;", raid.Irc.Raw, StringComparison.Ordinal);

        Assert.All(notices.Where(n => n.Kind == "resub"), n => Assert.False(string.IsNullOrEmpty(n.Text)));
        Assert.All(notices.Where(n => n.Kind == "resub"), n => Assert.Contains($"subscribed for {n.Parameters["cumulative-months"]} months", n.SystemMessage, StringComparison.Ordinal));
        Assert.Equal("Channel Subscription (sampledemo)", notices.First(n => n.Kind == "sub").Parameters["sub-plan-name"]);
        Assert.Null(notices.First(n => n.Kind == "sub").Text);
        Assert.False(string.IsNullOrEmpty(Assert.Single(notices, n => n.Kind == "announcement").Text));
    }

    [Fact]
    public void Every_line_with_tmi_sent_ts_was_sent_at_start_plus_its_offset()
    {
        int stamped = 0;
        foreach ((TimeSpan offset, TwitchMessage message) in Parsed.Value)
        {
            if (message.Irc.Tag("tmi-sent-ts") is string sentTs)
            {
                stamped++;
                Assert.Equal(Start + offset, DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(sentTs, CultureInfo.InvariantCulture)));
            }
            else
            {
                Assert.IsType<RoomStateMessage>(message); // Twitch sends ROOMSTATE without one
            }
        }

        Assert.True(stamped > 3_000);
    }

    [Fact]
    public void Every_privmsg_has_a_unique_uuid_and_the_tags_twitch_sends()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach ((_, PrivmsgMessage message) in Privmsgs)
        {
            Assert.Matches(UuidRule(), message.MessageId);
            Assert.True(ids.Add(message.MessageId!), $"duplicate id {message.MessageId}");
            foreach (string key in new[] { "badge-info", "badges", "color", "display-name", "emotes", "first-msg", "flags", "mod", "returning-chatter", "room-id", "subscriber", "turbo", "user-id", "user-type" })
            {
                Assert.True(message.Irc.Tags.ContainsKey(key), $"{key} missing: {message.Irc.Raw}");
            }

            Assert.Equal("493017825", message.Irc.Tag("room-id"));
            Assert.Matches(LoginRule(), message.Login);
            Assert.Equal(message.Login, message.Irc.Prefix![..message.Login.Length]);
            Assert.Equal(message.Irc.Tag("subscriber") == "1", message.Irc.Tag("badge-info")!.StartsWith("subscriber/", StringComparison.Ordinal));
            Assert.Equal(message.Irc.Tag("mod") == "1", message.Irc.Tag("user-type") == "mod");
            Assert.True(message.Text.Length is > 0 and <= 500, message.Irc.Raw);
        }

        Assert.All(Parsed.Value.Select(item => item.Message).OfType<UserNoticeMessage>(), n => Assert.True(ids.Add(n.MessageId!)));
    }

    [Fact]
    public void Chatters_are_about_150_with_consistent_names_ids_and_roles()
    {
        var byLogin = Privmsgs.Select(item => item.Message).GroupBy(m => m.Login).ToList();

        Assert.InRange(byLogin.Count, 130, 180);
        foreach (IGrouping<string, PrivmsgMessage> chatter in byLogin)
        {
            Assert.Single(chatter.Select(m => m.UserId).Distinct());
            Assert.Single(chatter.Select(m => m.DisplayName).Distinct());
            string displayName = chatter.First().DisplayName!;
            Assert.True(
                string.Equals(displayName, chatter.Key, StringComparison.OrdinalIgnoreCase) || !Ascii.IsValid(displayName),
                $"{displayName} is not {chatter.Key} in another case");
        }

        Assert.Single(byLogin, chatter => chatter.First().Irc.Tag("badges")!.StartsWith("broadcaster/1", StringComparison.Ordinal));
        Assert.InRange(byLogin.Count(chatter => chatter.First().Irc.Tag("mod") == "1"), 2, 8);
        Assert.InRange(byLogin.Count(chatter => chatter.First().Irc.Tag("vip") == "1"), 1, 6);
        Assert.InRange(byLogin.Count(chatter => chatter.Any(m => m.Irc.Tag("first-msg") == "1")), 5, 40);
        Assert.All(byLogin, chatter => Assert.True(chatter.Count(m => m.Irc.Tag("first-msg") == "1") <= 1));
    }

    [Fact]
    public void Emote_ranges_cover_exactly_the_emote_words_of_the_text()
    {
        int emoteCount = 0;
        var messages = Privmsgs.Select(item => (item.Message.Text, item.Message.Emotes, Tag: item.Message.Irc.Tag("emotes"), Subscriber: item.Message.Irc.Tag("subscriber") == "1"))
            .Concat(Parsed.Value.Select(item => item.Message).OfType<UserNoticeMessage>().Where(n => n.Text is not null)
                .Select(n => (Text: n.Text!, n.Emotes, Tag: n.Irc.Tag("emotes"), Subscriber: n.Irc.Tag("subscriber") == "1")));
        foreach ((string text, IReadOnlyList<Emote> emotes, string? tag, bool subscriber) in messages)
        {
            string[] expected = text.Split(' ').Where(SampleChat.EmoteIds.ContainsKey).ToArray();
            Assert.Equal(expected, emotes.Select(e => e.Name));
            Assert.All(emotes, e => Assert.Equal(SampleChat.EmoteIds[e.Name], e.Id));
            Assert.All(emotes, e => Assert.True(subscriber || !SampleChat.ChannelEmotes.Contains(e.Name), $"a non-subscriber used {e.Name}"));
            Assert.Equal(emotes.Count == 0, tag == string.Empty);
            emoteCount += emotes.Count;
        }

        Assert.True(emoteCount > 1_000, $"{emoteCount} emotes");

        // A range counts code points: after an emoji (a surrogate pair) and after ❤️ (two code points).
        PrivmsgMessage party = Assert.Single(Privmsgs.Select(item => item.Message), m => m.Text == "🎉🎉 PogChamp PogChamp");
        Assert.Equal("305954156:3-10,12-19", party.Irc.Tag("emotes"));
        PrivmsgMessage heart = Assert.Single(Privmsgs.Select(item => item.Message), m => m.Text == "❤️ <3 that was amazing");
        Assert.Equal("555555584:3-4", heart.Irc.Tag("emotes"));
        Assert.Contains(Privmsgs, item => item.Message.Irc.Tag("emote-only") == "1");
        Assert.All(Privmsgs.Where(item => item.Message.Irc.Tag("emote-only") == "1"),
            item => Assert.Equal(item.Message.Text.Split(' ').Length, item.Message.Emotes.Count));
    }

    [Fact]
    public void Replies_actions_cheers_and_moderation_refer_to_real_messages()
    {
        var earlier = new Dictionary<string, PrivmsgMessage>(StringComparer.Ordinal);
        int replies = 0;
        bool escapedBody = false;
        foreach ((_, TwitchMessage message) in Parsed.Value)
        {
            if (message is PrivmsgMessage { Reply: ReplyParent reply } privmsg)
            {
                replies++;
                PrivmsgMessage parent = earlier[reply.MessageId];
                Assert.Equal(parent.Text, reply.Body);
                Assert.Equal(parent.Login, reply.Login);
                Assert.Equal(parent.UserId, reply.UserId);
                Assert.NotEqual(parent.Login, privmsg.Login);
                Assert.StartsWith("@", privmsg.Text, StringComparison.Ordinal);
                Assert.True(earlier.ContainsKey(privmsg.Irc.Tag("reply-thread-parent-msg-id")!));
                escapedBody |= reply.Body!.Contains('\\', StringComparison.Ordinal) && reply.Body.Contains(';', StringComparison.Ordinal);
            }

            if (message is ClearMsgMessage clear)
            {
                PrivmsgMessage deleted = earlier[clear.TargetMessageId!];
                Assert.Equal(deleted.Text, clear.DeletedText);
                Assert.Equal(deleted.Login, clear.Login);
            }

            if (message is PrivmsgMessage posted)
            {
                earlier.Add(posted.MessageId!, posted);
            }
        }

        Assert.InRange(replies, 40, 400);
        Assert.True(escapedBody, "no reply quotes a body with a backslash and a semicolon");
        Assert.Contains(@"reply-parent-msg-body=\\o/\swe\sdid\sit\s\:)\s\\o/;", Sample.Value.Select(item => item.Line).First(line => line.Contains("reply-parent-msg-body=\\\\o/", StringComparison.Ordinal)), StringComparison.Ordinal);

        var actions = Privmsgs.Where(item => item.Message.IsAction).ToList();
        Assert.InRange(actions.Count, 30, 200);
        Assert.All(actions, item => Assert.EndsWith("\u0001", item.Message.Irc.Trailing, StringComparison.Ordinal));

        var cheers = Privmsgs.Where(item => item.Message.Bits is not null).Select(item => item.Message).ToList();
        Assert.Equal([100, 1000, 1000, 50], cheers.Select(m => m.Bits!.Value));
        Assert.All(cheers, m => Assert.Contains("Cheer", m.Text, StringComparison.Ordinal));

        var clears = Parsed.Value.Select(item => item.Message).OfType<ClearChatMessage>().ToList();
        Assert.Equal(2, clears.Count);
        Assert.Single(clears, c => c.BanDuration is null && c.TargetLogin == "viewerboost_promo");
        ClearChatMessage timeout = Assert.Single(clears, c => c.BanDuration == TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(Privmsgs, item => item.Message.Login == timeout.TargetLogin && item.Message.SentAt > timeout.SentAt && item.Message.SentAt < timeout.SentAt + TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(Privmsgs, item => item.Message.Login == "viewerboost_promo" && item.Offset > TimeSpan.FromSeconds(23));
        Assert.Single(Parsed.Value.Select(item => item.Message).OfType<ClearMsgMessage>());

        var rooms = Parsed.Value.Select(item => item.Message).OfType<RoomStateMessage>().ToList();
        Assert.True(rooms[0].IsFull);
        Assert.Equal([0, 3, 0], rooms.Select(r => r.SlowSeconds!.Value));
        Assert.All(rooms.Skip(1), r => Assert.False(r.IsFull));
    }

    [Fact]
    public void Text_exercises_non_ascii_and_csv_quoting()
    {
        var texts = Privmsgs.Select(item => item.Message.Text).ToList();

        Assert.Contains(texts, t => t.Contains("こんにちは", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Montréal", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.EnumerateRunes().Any(r => r.Value >= 0x1F300));
        Assert.Contains(texts, t => t.Contains(',', StringComparison.Ordinal) && t.Contains('"', StringComparison.Ordinal));
        Assert.Contains(Privmsgs, item => !Ascii.IsValid(item.Message.DisplayName));
    }

    [Fact]
    public void Phases_cover_the_sample_and_their_message_rates_differ()
    {
        Assert.Equal(TimeSpan.Zero, SampleChat.Phases[0].From);
        Assert.Equal(TimeSpan.FromMinutes(6), SampleChat.Phases[^1].To);
        for (int i = 1; i < SampleChat.Phases.Length; i++)
        {
            Assert.Equal(SampleChat.Phases[i - 1].To, SampleChat.Phases[i].From);
        }

        double hype = PerSecond("hype");
        double quiet = PerSecond("quiet");
        output.WriteLine($"lines {Sample.Value.Count}, span {Sample.Value[^1].Offset}");
        foreach (SampleChat.Phase phase in SampleChat.Phases)
        {
            output.WriteLine($"{phase.Name,-10} {PerSecond(phase.Name),6:F1} msg/s  mean compound {MeanCompound(phase.Name),7:F3}");
        }

        Assert.InRange(hype, 18, 30);
        Assert.InRange(quiet, 0.8, 2.5);
        Assert.InRange(PerSecond("raid"), 12, 25);
    }

    [Fact]
    public void Phases_swing_the_mood_a_vader_report_shows()
    {
        double calm = MeanCompound("calm");
        double hype = MeanCompound("hype");
        double fail = MeanCompound("fail");
        double recovery = MeanCompound("recovery");
        double raid = MeanCompound("raid");
        double wholesome = MeanCompound("wholesome");

        Assert.True(hype > 0.3, $"hype {hype:F3}");
        Assert.True(fail < -0.2, $"fail {fail:F3}");
        Assert.True(hype - fail > 0.5, $"hype {hype:F3} vs fail {fail:F3}");
        Assert.True(wholesome > 0.3, $"wholesome {wholesome:F3}");
        Assert.True(raid > 0.15, $"raid {raid:F3}");
        Assert.True(recovery > fail + 0.3, $"recovery {recovery:F3} vs fail {fail:F3}");
        Assert.InRange(calm, -0.1, 0.25);
    }

    private static IEnumerable<PrivmsgMessage> InPhase(string name)
    {
        SampleChat.Phase phase = SampleChat.Phases.Single(p => p.Name == name);
        return Privmsgs.Where(item => item.Offset >= phase.From && item.Offset < phase.To).Select(item => item.Message);
    }

    private static double PerSecond(string name)
    {
        SampleChat.Phase phase = SampleChat.Phases.Single(p => p.Name == name);
        return InPhase(name).Count() / (phase.To - phase.From).TotalSeconds;
    }

    private static double MeanCompound(string name) => InPhase(name).Average(m => VaderAnalyzer.Default.Score(m.Text).Compound);

    private static string WithoutSentTs(string line) => Regex.Replace(line, "tmi-sent-ts=[0-9]+", "tmi-sent-ts=");
}

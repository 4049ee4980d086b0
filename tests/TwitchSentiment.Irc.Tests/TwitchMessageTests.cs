namespace TwitchSentiment.Irc.Tests;

/// <summary>The typed model on Twitch's documented line shapes (TWITCH_IRC.md §6, §7).</summary>
public sealed class TwitchMessageTests
{
    private const string Privmsg =
        "@badge-info=subscriber/12;badges=subscriber/12,premium/1;bits=100;color=#FF0000;display-name=Ronni;emotes=25:0-4;" +
        "first-msg=0;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;reply-parent-msg-id=abc;reply-parent-user-login=ba;" +
        "reply-parent-display-name=Ba;reply-parent-user-id=7;reply-parent-msg-body=hi\\sthere;room-id=1337;subscriber=1;" +
        "tmi-sent-ts=1507246572675;turbo=1;user-id=1337;user-type=global_mod " +
        ":ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa";

    private static T Parse<T>(string line)
        where T : TwitchMessage => Assert.IsType<T>(TwitchMessage.From(IrcMessage.Parse(line)));

    [Fact]
    public void Privmsg_with_a_full_tag_set()
    {
        PrivmsgMessage message = Parse<PrivmsgMessage>(Privmsg);

        Assert.Equal("ronni", message.Channel);
        Assert.Equal("Kappa Keepo Kappa", message.Text);
        Assert.False(message.IsAction);
        Assert.Equal("b34ccfc7-4977-403a-8a94-33c6bac34fb8", message.MessageId);
        Assert.Equal("1337", message.UserId);
        Assert.Equal("ronni", message.Login);
        Assert.Equal("Ronni", message.DisplayName);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1507246572675), message.SentAt);
        Assert.Equal(100, message.Bits);
        Assert.Equal(new ReplyParent("abc", "7", "ba", "Ba", "hi there"), message.Reply);
        Assert.Null(message.SharedChat);
        Assert.Equal("Kappa", Assert.Single(message.Emotes).Name);
    }

    [Theory]
    [InlineData("\u0001ACTION HeyGuys\u0001", "HeyGuys", true)]
    [InlineData("\u0001ACTIONHeyGuys\u0001", "\u0001ACTIONHeyGuys\u0001", false)]
    [InlineData("\u0001ACTION HeyGuys", "\u0001ACTION HeyGuys", false)]
    [InlineData("HeyGuys\u0001", "HeyGuys\u0001", false)]
    [InlineData("\u0001ACTION \u0001ACTION HeyGuys\u0001\u0001", "\u0001ACTION HeyGuys\u0001", true)]
    [InlineData("\u0001ACTION\u0001", "\u0001ACTION\u0001", false)]
    [InlineData("\u0001ACTION \u0001", "", true)]
    public void UnwrapAction_strips_exactly_one_level(string text, string expected, bool isAction)
    {
        Assert.Equal((expected, isAction), TwitchMessage.UnwrapAction(text));
    }

    [Fact]
    public void Action_emote_positions_index_the_unwrapped_text()
    {
        PrivmsgMessage message = Parse<PrivmsgMessage>(
            "@emotes=25:6-10;id=1 :a!a@a.tmi.twitch.tv PRIVMSG #c :\u0001ACTION hello Kappa\u0001");

        Assert.True(message.IsAction);
        Assert.Equal("Kappa", Assert.Single(message.Emotes).Name);
    }

    [Theory]
    [InlineData("One 😂 Two Kappa Three", "25:10-14", "Kappa", 11, 5)]
    [InlineData("👉 <3 👉 <3 👉 <3", "483:2-3,7-8,12-13", "<3", 3, 2)]
    [InlineData("Happy birthday 🎉 🍰 bday100 PogChamp cheer1000", "305954156:27-34", "PogChamp", 29, 8)]
    public void Emote_positions_count_code_points(string text, string tag, string name, int index, int length)
    {
        Emote first = Emote.Parse(tag, text)[0];

        Assert.Equal((name, index, length), (first.Name, first.Index, first.Length));
    }

    [Fact]
    public void Emotes_are_sorted_by_position_across_ids()
    {
        IReadOnlyList<Emote> emotes = Emote.Parse("25:12-16/1902:6-10/25:0-4", "Kappa Keepo Kappa");

        Assert.Equal([0, 6, 12], emotes.Select(e => e.Start));
        Assert.Equal(["25", "1902", "25"], emotes.Select(e => e.Id));
    }

    [Theory]
    [InlineData("25:40-44", "Då kan du begära Kappa", "")]
    [InlineData("25:18-40", "Då kan du begära Kappa", "appa")]
    [InlineData("80481_/3:0-4", "Kappa", "Kappa")]
    [InlineData("25:4-2,x-y,:,/,25:", "Kappa", null)]
    [InlineData("25:99999999999-1", "Kappa", null)]
    public void Bad_emote_ranges_are_clamped_or_skipped_never_thrown(string tag, string text, string? firstName)
    {
        IReadOnlyList<Emote> emotes = Emote.Parse(tag, text);

        Assert.Equal(firstName, emotes.FirstOrDefault()?.Name);
    }

    [Fact]
    public void Usernotice_without_a_message_and_unknown_kind_kept()
    {
        UserNoticeMessage sub = Parse<UserNoticeMessage>(
            "@login=ronni;msg-id=sub;msg-param-cumulative-months=6;system-msg=ronni\\shas\\ssubscribed!\\s;tmi-sent-ts=1 :tmi.twitch.tv USERNOTICE #dallas");
        UserNoticeMessage unknown = Parse<UserNoticeMessage>("@msg-id=brand-new-thing;system-msg=x :tmi.twitch.tv USERNOTICE #dallas :hello");

        Assert.Null(sub.Text);
        Assert.Equal("sub", sub.Kind);
        Assert.Equal("ronni has subscribed! ", sub.SystemMessage);
        Assert.Equal("6", sub.Parameters["cumulative-months"]);
        Assert.Equal("ronni", sub.Login);
        Assert.Equal("brand-new-thing", unknown.Kind);
        Assert.Equal("hello", unknown.Text);
    }

    [Fact]
    public void Clearchat_three_forms()
    {
        ClearChatMessage all = Parse<ClearChatMessage>("@room-id=1;tmi-sent-ts=2 :tmi.twitch.tv CLEARCHAT #dallas");
        ClearChatMessage ban = Parse<ClearChatMessage>("@room-id=1;target-user-id=9 :tmi.twitch.tv CLEARCHAT #dallas :ronni");
        ClearChatMessage timeout = Parse<ClearChatMessage>("@ban-duration=350;room-id=1;target-user-id=9 :tmi.twitch.tv CLEARCHAT #dallas :ronni");

        Assert.Null(all.TargetLogin);
        Assert.Equal(("ronni", (TimeSpan?)null), (ban.TargetLogin, ban.BanDuration));
        Assert.Equal(TimeSpan.FromSeconds(350), timeout.BanDuration);
    }

    [Fact]
    public void Clearmsg_keeps_the_target_id_and_unwraps_an_action()
    {
        ClearMsgMessage message = Parse<ClearMsgMessage>(
            "@login=ronni;room-id=;target-msg-id=abc-1;tmi-sent-ts=-6795364578871 :tmi.twitch.tv CLEARMSG #dallas :\u0001ACTION bad\u0001");

        Assert.Equal(("abc-1", "ronni", "bad", true), (message.TargetMessageId, message.Login, message.DeletedText, message.IsAction));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(-6795364578871), message.SentAt);
    }

    [Fact]
    public void Roomstate_full_and_partial()
    {
        RoomStateMessage full = Parse<RoomStateMessage>(
            "@emote-only=0;followers-only=-1;r9k=0;rituals=0;room-id=12345;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #dallas");
        RoomStateMessage partial = Parse<RoomStateMessage>("@room-id=12345;slow=10 :tmi.twitch.tv ROOMSTATE #dallas");

        Assert.True(full.IsFull);
        Assert.Equal(-1, full.FollowersOnlyMinutes);
        Assert.False(partial.IsFull);
        Assert.Equal(10, partial.SlowSeconds);
        Assert.Null(partial.EmoteOnly);
    }

    [Theory]
    [InlineData(":tmi.twitch.tv NOTICE * :Login authentication failed", true)]
    [InlineData(":tmi.twitch.tv NOTICE * :Improperly formatted auth", true)]
    [InlineData("@msg-id=subs_on :tmi.twitch.tv NOTICE #dallas :This room is now in subscribers-only mode.", false)]
    public void Notice_recognizes_login_failures(string line, bool isAuthenticationFailure)
    {
        Assert.Equal(isAuthenticationFailure, Parse<NoticeMessage>(line).IsAuthenticationFailure);
    }

    [Theory]
    [InlineData("PING :tmi.twitch.tv", "tmi.twitch.tv")]
    [InlineData(":tmi.twitch.tv PING", null)]
    [InlineData("PING", null)]
    [InlineData(":tmi.twitch.tv PING test :abc def", "abc def")]
    public void Ping_variants(string line, string? argument)
    {
        Assert.Equal(argument, Parse<PingMessage>(line).Argument);
    }

    [Fact]
    public void Other_kinds()
    {
        Assert.Equal(("ronni", "dallas"), (Parse<JoinMessage>(":ronni!ronni@ronni.tmi.twitch.tv JOIN #dallas").Login, "dallas"));
        Assert.Equal("dallas", Parse<PartMessage>(":ronni!ronni@ronni.tmi.twitch.tv PART #dallas").Channel);
        Assert.IsType<ReconnectMessage>(TwitchMessage.From(IrcMessage.Parse(":tmi.twitch.tv RECONNECT")));
        Assert.Equal(376, Parse<NumericMessage>(":tmi.twitch.tv 376 justinfan1 :>").Code);
        Assert.Equal(["twitch.tv/tags", "twitch.tv/commands"], Parse<CapMessage>(":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands").Capabilities);
        Assert.Equal((null, (int?)0), (Parse<HostTargetMessage>(":tmi.twitch.tv HOSTTARGET #dallas :- 0").Target, Parse<HostTargetMessage>(":tmi.twitch.tv HOSTTARGET #dallas :- 0").Viewers));
        Assert.Equal("hello", Parse<WhisperMessage>("@user-id=1 :a!a@a.tmi.twitch.tv WHISPER b :hello").Text);
        Assert.IsType<GlobalUserStateMessage>(TwitchMessage.From(IrcMessage.Parse("@user-id=1;display-name=X :tmi.twitch.tv GLOBALUSERSTATE")));
        Assert.IsType<UserStateMessage>(TwitchMessage.From(IrcMessage.Parse("@display-name=X :tmi.twitch.tv USERSTATE #dallas")));
        Assert.IsType<UnknownMessage>(TwitchMessage.From(IrcMessage.Parse(":tmi.twitch.tv SERVERCHANGE")));
        Assert.IsType<UnknownMessage>(TwitchMessage.From(IrcMessage.Parse(":jtv MODE #dallas +o ronni")));
        Assert.IsType<UnknownMessage>(TwitchMessage.From(IrcMessage.Parse("PRIVMSG #")));
    }

    [Fact]
    public void Shared_chat_source_is_kept()
    {
        PrivmsgMessage message = Parse<PrivmsgMessage>("@source-room-id=99;source-id=m1;id=m2 :a!a@a.tmi.twitch.tv PRIVMSG #c :hi");

        Assert.Equal(new SharedChatSource("99", "m1"), message.SharedChat);
    }
}

public sealed class EmoteRangesTests
{
    [Theory]
    [InlineData("25:0-4,12-16/1902:6-10", "Kappa Keepo Kappa")]
    [InlineData("1:2-3/2:0-0", "😀ab c")]
    [InlineData("9:5-40,1-1", "short")]
    [InlineData("bad/7:x-1/8:3-2", "malformed pieces")]
    public void Ranges_are_the_positions_parse_gives(string tag, string text)
    {
        var ranges = new List<Range> { 99..100 }; // added after what the list holds

        Emote.AddRanges(System.Text.Encoding.UTF8.GetBytes(tag), text, ranges);

        Assert.Equal(
            [(99, 100), .. Emote.Parse(tag, text).Select(e => (e.Index, e.Index + e.Length))],
            ranges.Select(r => (r.Start.Value, r.End.Value)));
    }
}

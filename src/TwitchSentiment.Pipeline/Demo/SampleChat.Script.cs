using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TwitchSentiment.Irc;

namespace TwitchSentiment.Pipeline.Demo;

public static partial class SampleChat
{
    /// <summary>
    /// Writes the sample: builds the cast, lays the scripted events and the random chat arrivals on one timeline,
    /// then plays it in order, so every line sees the state (subs, bans, slow mode, the raid) of its moment.
    /// </summary>
    private sealed class Script
    {
        private const int RegularCount = 112;
        private const int RaiderCount = 40;
        private const int RaidViewers = 214;
        private const string RaiderDisplayName = "CozyCartographer";
        private const int ArrivalBinMilliseconds = 5; // chat arrivals: at most one per bin, with probability rate × bin
        private const int MinimumGapMilliseconds = 1200; // no chatter writes faster than this, slow mode or not
        private const int RecentForReplies = 40; // a reply answers one of the last this-many messages
        private const double ActionShare = 0.02;
        private const double EmoteTailShare = 0.22;
        private const double EmojiShare = 0.05;

        private readonly long _startMilliseconds;
        private readonly Random _random = new(Seed);
        private readonly List<(long Milliseconds, string Line)> _output = [];
        private readonly List<(long Milliseconds, int Order, Action<long> Run)> _timeline = [];
        private readonly HashSet<string> _logins = new(StringComparer.Ordinal);
        private readonly HashSet<string> _userIds = new(StringComparer.Ordinal);
        private readonly List<Chatter> _regulars = [];
        private readonly List<Chatter> _raiders = [];
        private readonly List<Posted> _recent = [];
        private readonly Chatter _broadcaster;
        private bool _raidArrived;
        private int _slowSeconds;

        public Script(DateTimeOffset start)
        {
            _startMilliseconds = start.ToUnixTimeMilliseconds();
            _broadcaster = new Chatter(Channel, BroadcasterDisplayName, RoomId, "#9146FF") { Role = "broadcaster", ExtraBadge = "premium/1" };
            _logins.Add(Channel);
            _userIds.Add(RoomId);
            for (int i = 0; i < RegularCount; i++)
            {
                _regulars.Add(NewChatter(isRaider: false, i));
            }

            for (int i = 0; i < RaiderCount; i++)
            {
                _raiders.Add(NewChatter(isRaider: true, i));
            }

            WriteStory();
            foreach (Phase phase in Phases)
            {
                ScheduleArrivals(phase);
            }
        }

        public IReadOnlyList<(TimeSpan Offset, string Line)> Write()
        {
            foreach ((long milliseconds, _, Action<long> run) in _timeline.OrderBy(item => item.Milliseconds).ThenBy(item => item.Order))
            {
                run(milliseconds);
            }

            return _output.ConvertAll(item => (TimeSpan.FromTicks(item.Milliseconds * TimeSpan.TicksPerMillisecond), item.Line));
        }

        /// <summary>The scripted events, in story order (the phase table in SampleChat.cs).</summary>
        private void WriteStory()
        {
            Chatter mod = _regulars.First(c => c.Role == "moderator");
            Chatter otherMod = _regulars.Last(c => c.Role == "moderator");
            Chatter nekomaru = Special("nekomaru_jp", "ねこまる", subMonths: 7);
            Chatter dalbit = Special("dalbit_goyangi", "달빛고양이", subMonths: 0);
            Chatter montreal = Special("montreal_maple", "Montreal_Maple", subMonths: 15);
            Chatter promoBot = Special("viewerboost_promo", "viewerboost_promo", subMonths: 0, color: string.Empty, activity: 0);
            Chatter raidLeader = Special("cozycartographer", RaiderDisplayName, subMonths: 0, activity: 0);
            raidLeader.ExtraBadge = "partner/1";
            Chatter spammer = _regulars.Skip(30).First(c => c.Role.Length == 0 && c.SubMonths == 0 && !c.FirstTimeChatter);
            List<Chatter> plain = _regulars.Where(c => c.Role.Length == 0 && c != spammer).ToList();
            List<Chatter> nonSubs = plain.Where(c => c.SubMonths == 0 && !c.FirstTimeChatter).ToList();
            List<Chatter> subs = plain.Where(c => c.SubMonths > 0).ToList();

            // calm
            At(0.0, ms => Emit(ms, $"@emote-only=0;followers-only=-1;r9k=0;room-id={RoomId};slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #{Channel}"));
            Say(1.2, _broadcaster, "hi chat! welcome in, grab a drink and get comfy HeyGuys");
            Say(8.0, nekomaru, "こんにちは from Osaka! HeyGuys");
            Say(14.0, dalbit, "안녕하세요 여러분 VoHiYo");
            Say(19.5, montreal, "Bonsoir de Montréal, le café est prêt ☕");
            Posted? promo = null;
            At(22.0, ms => promo = Post(ms, promoBot, "Want more viewers? Cheap followers and viewers at viewerboost dot example"));
            At(23.8, ms => Emit(ms, Tags(("login", promoBot.Login), ("room-id", string.Empty), ("target-msg-id", promo!.Id), ("tmi-sent-ts", SentTs(ms)))
                + $" :tmi.twitch.tv CLEARMSG #{Channel} :{promo.Text}"));
            At(24.5, ms =>
            {
                Emit(ms, Tags(("room-id", RoomId), ("target-user-id", promoBot.UserId), ("tmi-sent-ts", SentTs(ms))) + $" :tmi.twitch.tv CLEARCHAT #{Channel} :{promoBot.Login}");
                promoBot.BlockedUntilMilliseconds = long.MaxValue;
                _recent.RemoveAll(p => p.Author == promoBot);
            });
            Say(27.0, mod, "spam gone, carry on Kappa");
            Say(33.0, plain[5], "my cat walked across the keyboard and typed \"asdfgh\", so that's my review of the patch LUL");
            At(40.0, ms => UserNotice(ms, otherMod, "announcement", [("msg-param-color", "PRIMARY")], string.Empty,
                "Welcome in! Be kind, no spoilers, and have fun <3"));
            Chatter primeSub = nonSubs[2];
            primeSub.ExtraBadge = "premium/1";
            At(50.0, ms =>
            {
                Subscribe(primeSub, months: 1, tier: 1);
                UserNotice(ms, primeSub, "sub", SubParameters(1, "Prime"), $"{primeSub.DisplayName} subscribed with Prime.", text: null);
            });
            Say(51.5, plain[11], $"welcome to the club {primeSub.DisplayName} <3");
            Say(57.0, _broadcaster, "ok this is the attempt, chat. boss time");

            // hype
            Say(60.4, _broadcaster, "WE DID IT CHAT!!! PogChamp");
            Say(60.9, plain[14], "🎉🎉 PogChamp PogChamp");
            Say(61.3, nekomaru, "❤️ <3 that was amazing");
            Posted? wave = null;
            At(62.5, ms => wave = Post(ms, plain[20], "\\o/ we did it ;) \\o/"));
            At(63.0, ms => Post(ms, Cheerer(subs[3], "bits/100"), "Cheer100 that was amazing SeemsGood", bits: 100));
            At(64.0, ms => Post(ms, plain[21], $"@{wave!.Author.ReplyName} yes \\o/ best moment of the stream", parent: wave));
            Resub(70.0, subs.First(c => c.SubMonths is >= 10 and < 20 && c.SubTier == 1), streak: 3, "{0} months and this was the best moment yet! PogChamp");
            At(71.0, ms => Post(ms, Cheerer(plain[30], "bits/1000"), "Cheer500 Cheer500 LETS GO what a win", bits: 1000));
            Chatter gifter = subs[9];
            gifter.ExtraBadge = "sub-gifter/25";
            string originId = string.Join(' ', Enumerable.Range(0, 20).Select(_ => _random.Next(256).ToString("x2", CultureInfo.InvariantCulture)));
            At(80.0, ms => UserNotice(ms, gifter, "submysterygift",
                [("msg-param-mass-gift-count", "5"), ("msg-param-origin-id", originId), ("msg-param-sender-count", "25"), ("msg-param-sub-plan", "1000")],
                $"{gifter.DisplayName} is gifting 5 Tier 1 Subs to {BroadcasterDisplayName}'s community! They've gifted a total of 25 in the channel!", text: null));
            for (int i = 0; i < 5; i++)
            {
                Chatter recipient = nonSubs[10 + i];
                At(80.05 + (0.04 * i), ms => Gift(ms, gifter, recipient, originId, senderCount: 0));
            }

            Say(81.2, plain[40], $"thank you for the gifts {gifter.DisplayName}! <3");
            At(83.0, ms => Post(ms, Cheerer(subs[12], "bits/5000"), "Cheer1000 best stream ever, thank you", bits: 1000));
            Chatter secondGifter = subs[15];
            secondGifter.ExtraBadge = "sub-gifter/1";
            At(95.0, ms => Gift(ms, secondGifter, nonSubs[16], originId: null, senderCount: 3));
            At(98.0, ms => Post(ms, Cheerer(plain[45], "bits/100"), "Kappa Cheer50 GG", bits: 50));

            // fail
            Say(105.2, _broadcaster, "oh no. the second phase one-shot me. the run is over NotLikeThis");
            Say(118.0, spammer, "RIGGED RIGGED RIGGED RIGGED RIGGED");
            Say(119.5, spammer, "RIGGED RIGGED RIGGED RIGGED RIGGED RIGGED RIGGED");
            At(121.0, ms =>
            {
                Emit(ms, Tags(("ban-duration", "60"), ("room-id", RoomId), ("target-user-id", spammer.UserId), ("tmi-sent-ts", SentTs(ms)))
                    + $" :tmi.twitch.tv CLEARCHAT #{Channel} :{spammer.Login}");
                spammer.BlockedUntilMilliseconds = ms + 60_000;
            });
            Say(125.0, mod, "chill in chat please, it happens BibleThump");
            Say(140.0, _broadcaster, "that one hurt. ok, deep breath, we go again");

            // recovery
            Chatter newSub = nonSubs[20];
            At(170.0, ms =>
            {
                Subscribe(newSub, months: 1, tier: 1);
                UserNotice(ms, newSub, "sub", SubParameters(1, "1000"), $"{newSub.DisplayName} subscribed at Tier 1.", text: null);
            });
            Say(171.4, plain[50], $"welcome to the club {newSub.DisplayName} {EmoteOf("{love}", plain[50])}");
            Say(185.0, _broadcaster, "ok new run, this one looks good SeemsGood");

            // raid
            At(195.5, ms =>
            {
                UserNotice(ms, raidLeader, "raid",
                [
                    ("msg-param-displayName", RaiderDisplayName), ("msg-param-login", raidLeader.Login),
                    ("msg-param-profileImageURL", $"https://static-cdn.jtvnw.net/jtv_user_pictures/{NewId()}-profile_image-%s.png"),
                    ("msg-param-viewerCount", RaidViewers.ToString(CultureInfo.InvariantCulture)),
                ],
                $"{RaidViewers} raiders from {RaiderDisplayName} have joined!", text: null);
                _raidArrived = true;
            });
            Say(197.0, _broadcaster, $"WELCOME RAIDERS! thank you so much for the raid {RaiderDisplayName} <3");
            Say(200.0, raidLeader, $"had a great stream, now go show {BroadcasterDisplayName} some love <3");
            At(215.0, ms =>
            {
                Emit(ms, $"@room-id={RoomId};slow=3 :tmi.twitch.tv ROOMSTATE #{Channel}");
                _slowSeconds = 3;
            });

            // quiet
            At(246.0, ms =>
            {
                Emit(ms, $"@room-id={RoomId};slow=0 :tmi.twitch.tv ROOMSTATE #{Channel}");
                _slowSeconds = 0;
            });
            Say(260.0, _broadcaster, "reading the patch notes for a bit, chat");

            // wholesome
            Resub(320.0, subs.Last(c => c.SubMonths >= 20), streak: 0, "{0} months of the coziest streams, thank you ❤️ sampleLove");
            Say(330.0, _broadcaster, "thank you all so much for today, this chat is the best <3");
            Say(350.0, _broadcaster, "goodnight everyone, see you Thursday! bleedPurple");
            Say(359.5, mod, "good stream everyone, goodnight! <3");
        }

        /// <summary>A resub at <paramref name="seconds"/>: one month more, with a message ({0} is the months).</summary>
        private void Resub(double seconds, Chatter who, int streak, string message)
        {
            int months = who.SubMonths + 1;
            streak = streak > 0 ? Math.Min(streak, months) : months;
            string plan = (who.SubTier * 1000).ToString(CultureInfo.InvariantCulture);
            At(seconds, ms =>
            {
                Subscribe(who, months, who.SubTier);
                UserNotice(ms, who, "resub", SubParameters(months, plan, streak),
                    $"{who.DisplayName} subscribed at Tier {who.SubTier}. They've subscribed for {months} months, currently on a {streak} month streak!",
                    string.Format(CultureInfo.InvariantCulture, message, months));
            });
        }

        /// <summary>Random chat arrivals in <paramref name="phase"/>, at a rate ramping from its start rate to its end rate.</summary>
        private void ScheduleArrivals(Phase phase)
        {
            long from = (long)phase.From.TotalMilliseconds;
            long to = (long)phase.To.TotalMilliseconds;
            for (long bin = from; bin < to; bin += ArrivalBinMilliseconds)
            {
                double progress = (double)(bin - from) / (to - from);
                double perSecond = phase.StartRate + ((phase.EndRate - phase.StartRate) * progress);
                if (_random.NextDouble() < perSecond * ArrivalBinMilliseconds / 1000)
                {
                    long at = bin + _random.Next(ArrivalBinMilliseconds);
                    _timeline.Add((at, _timeline.Count, ms => Chat(ms, phase)));
                }
            }
        }

        /// <summary>A scripted message from <paramref name="who"/> at <paramref name="seconds"/>.</summary>
        private void Say(double seconds, Chatter who, string text) => At(seconds, ms => Post(ms, who, text));

        /// <summary>A scripted event at <paramref name="seconds"/>.</summary>
        private void At(double seconds, Action<long> run) => _timeline.Add(((long)Math.Round(seconds * 1000), _timeline.Count, run));

        /// <summary>One random chat message: a speaker who may write now, and a line in the phase's mood.</summary>
        private void Chat(long ms, Phase phase)
        {
            Chatter? who = PickSpeaker(ms, phase);
            if (who is null)
            {
                return;
            }

            Mood mood = who.IsRaider && phase.RaiderMood is not null ? phase.RaiderMood : phase.Mood;
            double roll = _random.NextDouble();
            if (roll < ActionShare)
            {
                Post(ms, who, Fill(Pick(mood.Actions), who, shout: false), isAction: true);
            }
            else if (roll < ActionShare + mood.ReplyShare && PickParent(who) is Posted parent)
            {
                Post(ms, who, $"@{parent.Author.ReplyName} {Fill(Pick(mood.Replies), who, shout: false)}", parent: parent);
            }
            else
            {
                Post(ms, who, Compose(who, mood));
            }
        }

        private Chatter? PickSpeaker(long ms, Phase phase)
        {
            bool raidPhase = phase.RaiderMood is not null;
            for (int attempt = 0; attempt < 40; attempt++)
            {
                double total = _regulars.Sum(c => c.Activity) + (_raidArrived ? _raiders.Sum(c => c.Activity * (raidPhase ? 3 : 1)) : 0);
                double target = _random.NextDouble() * total;
                Chatter? picked = null;
                foreach (Chatter chatter in _regulars.Concat(_raidArrived ? _raiders : []))
                {
                    picked = chatter;
                    target -= chatter.Activity * (chatter.IsRaider && raidPhase ? 3 : 1);
                    if (target < 0)
                    {
                        break;
                    }
                }

                if (picked is not null && CanPost(picked, ms))
                {
                    return picked;
                }
            }

            return null;
        }

        private bool CanPost(Chatter chatter, long ms)
        {
            int gap = _slowSeconds > 0 && chatter.Role.Length == 0 ? Math.Max(_slowSeconds * 1000, MinimumGapMilliseconds) : MinimumGapMilliseconds;
            return ms >= chatter.BlockedUntilMilliseconds && ms - chatter.LastPostMilliseconds >= gap;
        }

        private Posted? PickParent(Chatter who)
        {
            List<Posted> candidates = _recent.Where(p => p.Author != who).ToList();
            return candidates.Count == 0 ? null : candidates[_random.Next(candidates.Count)];
        }

        private string Compose(Chatter who, Mood mood)
        {
            if (Chance(mood.EmoteOnlyShare))
            {
                return EmoteRun(who, mood.EmoteSlot, 1 + _random.Next(4));
            }

            var text = new StringBuilder(Fill(Pick(mood.Lines), who, Chance(mood.ShoutShare)));
            if (Chance(EmoteTailShare))
            {
                text.Append(' ').Append(EmoteRun(who, mood.EmoteSlot, 1 + _random.Next(3)));
            }

            if (Chance(EmojiShare))
            {
                string emoji = Pick(mood.Emoji);
                text.Append(' ').Append(string.Concat(Enumerable.Repeat(emoji, 1 + _random.Next(3))));
            }

            return text.ToString();
        }

        /// <summary>Fills the slots of a template; <paramref name="shout"/> writes the other words in capitals.</summary>
        private string Fill(string template, Chatter who, bool shout)
        {
            string[] words = template.Split(' ');
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = words[i] switch
                {
                    "{streamer}" => Pick(StreamerNames),
                    "{hello}" => Pick(Hellos),
                    "{place}" => Pick(Places),
                    "{raider}" => RaiderDisplayName,
                    string slot when EmoteSlots.ContainsKey(slot) => EmoteOf(slot, who),
                    string word when shout && !EmoteIds.ContainsKey(word) => word.ToUpperInvariant(),
                    string word => word,
                };
            }

            return string.Join(' ', words);
        }

        private string EmoteRun(Chatter who, string slot, int count) => string.Join(' ', Enumerable.Repeat(EmoteOf(slot, who), count));

        /// <summary>An emote for <paramref name="slot"/> that <paramref name="who"/> may use (channel emotes need a sub).</summary>
        private string EmoteOf(string slot, Chatter who)
        {
            ImmutableArray<string> emotes = EmoteSlots[slot];
            while (true)
            {
                string emote = Pick(emotes);
                if (who.SubMonths > 0 || !ChannelEmotes.Contains(emote))
                {
                    return emote;
                }
            }
        }

        private static Chatter Cheerer(Chatter who, string bitsBadge)
        {
            who.ExtraBadge = bitsBadge;
            return who;
        }

        private static void Subscribe(Chatter who, int months, int tier)
        {
            who.SubMonths = months;
            who.SubTier = tier;
        }

        private static (string, string)[] SubParameters(int months, string plan, int streak = 0) =>
        [
            ("msg-param-cumulative-months", months.ToString(CultureInfo.InvariantCulture)),
            ("msg-param-months", "0"),
            ("msg-param-multimonth-duration", "1"),
            ("msg-param-multimonth-tenure", "0"),
            ("msg-param-should-share-streak", streak > 0 ? "1" : "0"),
            .. streak > 0 ? [("msg-param-streak-months", streak.ToString(CultureInfo.InvariantCulture))] : Array.Empty<(string, string)>(),
            ("msg-param-sub-plan-name", $"Channel Subscription ({Channel})"),
            ("msg-param-sub-plan", plan),
            ("msg-param-was-gifted", "false"),
        ];

        private void Gift(long ms, Chatter gifter, Chatter recipient, string? originId, int senderCount)
        {
            Subscribe(recipient, months: 1, tier: 1);
            string system = $"{gifter.DisplayName} gifted a Tier 1 sub to {recipient.DisplayName}!"
                + (senderCount > 0 ? $" They have given {senderCount} Gift Subs in the channel!" : string.Empty);
            UserNotice(ms, gifter, "subgift",
            [
                ("msg-param-gift-months", "1"),
                ("msg-param-months", "1"),
                .. originId is null ? Array.Empty<(string, string)>() : [("msg-param-origin-id", originId)],
                ("msg-param-recipient-display-name", recipient.DisplayName),
                ("msg-param-recipient-id", recipient.UserId),
                ("msg-param-recipient-user-name", recipient.Login),
                ("msg-param-sender-count", senderCount.ToString(CultureInfo.InvariantCulture)),
                ("msg-param-sub-plan-name", $"Channel Subscription ({Channel})"),
                ("msg-param-sub-plan", "1000"),
            ],
            system, text: null);
        }

        /// <summary>A PRIVMSG from <paramref name="who"/>, with the tags Twitch sends (alphabetical, as Twitch orders them).</summary>
        private Posted Post(long ms, Chatter who, string text, bool isAction = false, Posted? parent = null, int bits = 0)
        {
            string id = NewId();
            bool firstMessage = who.Posts == 0;
            var tags = new List<(string, string)>
            {
                ("badge-info", who.BadgeInfo),
                ("badges", who.Badges),
            };
            if (bits > 0)
            {
                tags.Add(("bits", bits.ToString(CultureInfo.InvariantCulture)));
            }

            if (who.SendsNonce)
            {
                tags.Add(("client-nonce", Convert.ToHexStringLower(RandomBytes(16))));
            }

            tags.Add(("color", who.Color));
            tags.Add(("display-name", who.DisplayName));
            string emotes = EmotesTag(text, out bool emoteOnly);
            if (emoteOnly)
            {
                tags.Add(("emote-only", "1"));
            }

            tags.Add(("emotes", emotes));
            tags.Add(("first-msg", firstMessage && who.FirstTimeChatter ? "1" : "0"));
            tags.Add(("flags", string.Empty));
            tags.Add(("id", id));
            tags.Add(("mod", who.Role == "moderator" ? "1" : "0"));
            Posted? root = parent?.ThreadRoot ?? parent;
            if (parent is not null && root is not null)
            {
                tags.Add(("reply-parent-display-name", parent.Author.DisplayName));
                tags.Add(("reply-parent-msg-body", parent.Text));
                tags.Add(("reply-parent-msg-id", parent.Id));
                tags.Add(("reply-parent-user-id", parent.Author.UserId));
                tags.Add(("reply-parent-user-login", parent.Author.Login));
                tags.Add(("reply-thread-parent-display-name", root.Author.DisplayName));
                tags.Add(("reply-thread-parent-msg-id", root.Id));
                tags.Add(("reply-thread-parent-user-id", root.Author.UserId));
                tags.Add(("reply-thread-parent-user-login", root.Author.Login));
            }

            tags.Add(("returning-chatter", firstMessage && who.Returning ? "1" : "0"));
            tags.Add(("room-id", RoomId));
            tags.Add(("subscriber", who.SubMonths > 0 ? "1" : "0"));
            tags.Add(("tmi-sent-ts", SentTs(ms)));
            tags.Add(("turbo", who.ExtraBadge == "turbo/1" ? "1" : "0"));
            tags.Add(("user-id", who.UserId));
            tags.Add(("user-type", who.Role == "moderator" ? "mod" : string.Empty));
            if (who.Role == "vip")
            {
                tags.Add(("vip", "1"));
            }

            string trailing = isAction ? $"\u0001ACTION {text}\u0001" : text;
            Emit(ms, $"{Tags([.. tags])} :{who.Login}!{who.Login}@{who.Login}.tmi.twitch.tv PRIVMSG #{Channel} :{trailing}");

            who.Posts++;
            who.LastPostMilliseconds = ms;
            var posted = new Posted(id, who, text, root);
            if (!isAction)
            {
                _recent.Add(posted);
                if (_recent.Count > RecentForReplies)
                {
                    _recent.RemoveAt(0);
                }
            }

            return posted;
        }

        /// <summary>A USERNOTICE (event) from <paramref name="who"/>; <paramref name="text"/> is the user's own message, if any.</summary>
        private void UserNotice(long ms, Chatter who, string kind, (string, string)[] parameters, string systemMessage, string? text)
        {
            string emotes = text is null ? string.Empty : EmotesTag(text, out _);
            (string, string)[] tags =
            [
                ("badge-info", who.BadgeInfo),
                ("badges", who.Badges),
                ("color", who.Color),
                ("display-name", who.DisplayName),
                ("emotes", emotes),
                ("flags", string.Empty),
                ("id", NewId()),
                ("login", who.Login),
                ("mod", who.Role == "moderator" ? "1" : "0"),
                ("msg-id", kind),
                .. parameters,
                ("room-id", RoomId),
                ("subscriber", who.SubMonths > 0 ? "1" : "0"),
                ("system-msg", systemMessage),
                ("tmi-sent-ts", SentTs(ms)),
                ("user-id", who.UserId),
                ("user-type", who.Role == "moderator" ? "mod" : string.Empty),
                .. who.Role == "vip" ? [("vip", "1")] : Array.Empty<(string, string)>(),
            ];
            Emit(ms, $"{Tags(tags)} :tmi.twitch.tv USERNOTICE #{Channel}" + (text is null ? string.Empty : $" :{text}"));
        }

        private void Emit(long ms, string line) => _output.Add((ms, line));

        private string SentTs(long ms) => (_startMilliseconds + ms).ToString(CultureInfo.InvariantCulture);

        /// <summary>A tag section, values escaped (IRCv3: <c>\s</c>, <c>\:</c>, <c>\\</c>, <c>\r</c>, <c>\n</c>).</summary>
        private static string Tags(params (string Key, string Value)[] tags) =>
            "@" + string.Join(';', tags.Select(tag => tag.Key + "=" + IrcTags.Escape(tag.Value)));

        /// <summary>
        /// The <c>emotes</c> tag for <paramref name="text"/>: every space-separated word that is an emote, as code-point
        /// ranges (end inclusive), grouped by id in order of first use.
        /// </summary>
        private static string EmotesTag(string text, out bool emoteOnly)
        {
            var ranges = new List<(string Id, List<string> Ranges)>();
            int codePoint = 0;
            int words = 0;
            int emoteWords = 0;
            foreach (string word in text.Split(' '))
            {
                int length = word.EnumerateRunes().Count();
                if (word.Length > 0)
                {
                    words++;
                }

                if (EmoteIds.TryGetValue(word, out string? id))
                {
                    emoteWords++;
                    int group = ranges.FindIndex(r => r.Id == id);
                    if (group < 0)
                    {
                        ranges.Add((id, []));
                        group = ranges.Count - 1;
                    }

                    ranges[group].Ranges.Add(string.Create(CultureInfo.InvariantCulture, $"{codePoint}-{codePoint + length - 1}"));
                }

                codePoint += length + 1; // the word and the space after it
            }

            emoteOnly = words > 0 && emoteWords == words;
            return string.Join('/', ranges.Select(r => r.Id + ":" + string.Join(',', r.Ranges)));
        }

        /// <summary>A message id: a version-4 UUID from the seeded generator.</summary>
        private string NewId()
        {
            byte[] bytes = RandomBytes(16);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes, bigEndian: true).ToString("D");
        }

        private byte[] RandomBytes(int count)
        {
            byte[] bytes = new byte[count];
            _random.NextBytes(bytes);
            return bytes;
        }

        private bool Chance(double share) => _random.NextDouble() < share;

        private string Pick(ImmutableArray<string> items) => items[_random.Next(items.Length)];

        /// <summary>A generated chatter: a fresh login, id and colour, and a random standing in the channel.</summary>
        private Chatter NewChatter(bool isRaider, int index)
        {
            (string login, string displayName) = NewLogin();
            var chatter = new Chatter(login, displayName, NewUserId(), NewColor())
            {
                IsRaider = isRaider,
                Activity = Activity(),
                SendsNonce = _random.Next(5) > 0,
            };

            // Regulars: a few moderators and VIPs at fixed places, about half subscribed, some extra badges.
            if (!isRaider && index % 28 == 3)
            {
                chatter.Role = "moderator";
            }
            else if (!isRaider && index % 37 == 9)
            {
                chatter.Role = "vip";
            }

            if (!isRaider && (chatter.Role.Length > 0 || _random.Next(100) < 45))
            {
                int months = 1 + _random.Next(60);
                Subscribe(chatter, months: months <= 30 ? months : 1 + (months % 6), tier: _random.Next(100) switch { < 5 => 2, < 7 => 3, _ => 1 });
            }

            chatter.ExtraBadge = _random.Next(100) switch
            {
                < 15 => "premium/1",
                < 18 => "turbo/1",
                < 26 => "bits/" + Pick(["100", "1000", "5000"]),
                < 31 when !isRaider => "sub-gifter/" + Pick(["1", "5", "10"]),
                < 34 => "glhf-pledge/1",
                _ => string.Empty,
            };
            int standing = _random.Next(100);
            chatter.FirstTimeChatter = chatter.SubMonths == 0 && chatter.Role.Length == 0 && standing < (isRaider ? 30 : 7);
            chatter.Returning = !chatter.FirstTimeChatter && standing is >= 90 and < 96;
            return chatter;
        }

        private Chatter Special(string login, string displayName, int subMonths, string? color = null, double activity = 1)
        {
            if (!_logins.Add(login))
            {
                throw new InvalidOperationException($"The sample's login '{login}' is used twice.");
            }

            var chatter = new Chatter(login, displayName, NewUserId(), color ?? NewColor()) { Activity = activity, SendsNonce = true };
            Subscribe(chatter, subMonths, tier: 1);
            if (activity > 0)
            {
                _regulars.Add(chatter);
            }

            return chatter;
        }

        /// <summary>Chat activity: most chatters write now and then, a few write a lot (a cubed uniform gives the long tail).</summary>
        private double Activity()
        {
            double u = _random.NextDouble();
            return 0.25 + (4 * u * u * u);
        }

        /// <summary>An unused login of 4–25 characters from [a-z0-9_], and a display name that differs only in case.</summary>
        private (string Login, string DisplayName) NewLogin()
        {
            while (true)
            {
                string adjective = Pick(Adjectives);
                string noun = Pick(Nouns);
                string digits = _random.Next(1, 1000).ToString(CultureInfo.InvariantCulture);
                string a = Capitalize(adjective);
                string n = Capitalize(noun);
                (string login, string display) = _random.Next(10) switch
                {
                    0 => (adjective + noun, a + n),
                    1 => ($"{adjective}_{noun}", $"{a}_{n}"),
                    2 => (adjective + noun + digits, a + n + digits),
                    3 => ($"{noun}_{adjective}{digits}", $"{n}_{a}{digits}"),
                    4 => ($"the_{adjective}_{noun}", $"The_{a}_{n}"),
                    5 => ($"{adjective}{noun}tv", $"{a}{n}TV"),
                    6 => ($"x{adjective}{noun}x", $"x{a}{n}x"),
                    7 => (noun + digits, n + digits),
                    8 => ($"{adjective}_{noun}_{digits}", $"{a}_{n}_{digits}"),
                    _ => ($"{adjective}{noun}gaming", $"{a}{n}Gaming"),
                };
                if (login.Length is >= 4 and <= 25 && _logins.Add(login))
                {
                    return (login, _random.Next(3) == 0 ? login : display);
                }
            }
        }

        private string NewUserId()
        {
            while (true)
            {
                string id = _random.Next(10_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
                if (_userIds.Add(id))
                {
                    return id;
                }
            }
        }

        private string NewColor() => _random.Next(100) switch
        {
            < 12 => string.Empty, // never picked a colour
            < 70 => Pick(Colors),
            _ => "#" + _random.Next(0x1000000).ToString("X6", CultureInfo.InvariantCulture),
        };

        private static string Capitalize(string word) => string.Concat(word[..1].ToUpperInvariant(), word.AsSpan(1));

    }

    /// <summary>A chatter and their state as the story goes on.</summary>
    private sealed class Chatter(string login, string displayName, string userId, string color)
    {
        public string Login { get; } = login;

        public string DisplayName { get; } = displayName;

        public string UserId { get; } = userId;

        public string Color { get; } = color;

        /// <summary>"broadcaster", "moderator", "vip" or empty.</summary>
        public string Role { get; set; } = string.Empty;

        public int SubMonths { get; set; }

        public int SubTier { get; set; } = 1;

        /// <summary>One more badge after the role and subscriber ones (<c>premium/1</c>, <c>bits/100</c>, …), or empty.</summary>
        public string ExtraBadge { get; set; } = string.Empty;

        public double Activity { get; init; } = 1;

        public bool IsRaider { get; init; }

        public bool SendsNonce { get; init; }

        /// <summary>Their first message ever in the channel comes in the sample (<c>first-msg=1</c>).</summary>
        public bool FirstTimeChatter { get; set; }

        /// <summary>Back after a while (<c>returning-chatter=1</c> on their first message).</summary>
        public bool Returning { get; set; }

        public int Posts { get; set; }

        public long LastPostMilliseconds { get; set; } = -3_600_000;

        public long BlockedUntilMilliseconds { get; set; } = long.MinValue;

        /// <summary>The name a reply starts with: the display name, or the login when the display name is not ASCII.</summary>
        public string ReplyName => Ascii.IsValid(DisplayName) ? DisplayName : Login;

        public string BadgeInfo => SubMonths > 0 ? string.Create(CultureInfo.InvariantCulture, $"subscriber/{SubMonths}") : string.Empty;

        public string Badges
        {
            get
            {
                var badges = new List<string>(3);
                if (Role.Length > 0)
                {
                    badges.Add(Role + "/1");
                }

                if (SubMonths > 0)
                {
                    int[] steps = [0, 3, 6, 9, 12, 18, 24, 36, 48];
                    int version = steps.Last(step => step <= (SubMonths < 3 ? 0 : SubMonths));
                    badges.Add(string.Create(CultureInfo.InvariantCulture, $"subscriber/{(SubTier > 1 ? (SubTier * 1000) + version : version)}"));
                }

                if (ExtraBadge.Length > 0)
                {
                    badges.Add(ExtraBadge);
                }

                return string.Join(',', badges);
            }
        }
    }

    /// <summary>A message already in chat: what a reply or a CLEARMSG points at.</summary>
    private sealed record Posted(string Id, Chatter Author, string Text, Posted? ThreadRoot);
}

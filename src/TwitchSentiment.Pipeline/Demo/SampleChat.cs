using System.Collections.Frozen;
using System.Collections.Immutable;

namespace TwitchSentiment.Pipeline.Demo;

/// <summary>
/// A built-in sample of Twitch chat for <c>twitch-sentiment demo</c>, so the demo runs with no network: about six
/// minutes of one fictional channel (<see cref="Channel"/>), written by us. Some 3,700 lines from about 150 fictional
/// chatters, with emotes, /me actions, replies, cheers, subs, gifted subs, a raid, an announcement, a deleted message,
/// a ban, a timeout and slow mode, and a mood that swings in phases a sentiment report shows plainly: calm, hype, a
/// lost run, recovery, a raid, a quiet minute and a wholesome goodbye.
/// </summary>
/// <remarks>
/// The vocabulary and the phase table are in this file; the generator that turns them into lines is in
/// <c>SampleChat.Script.cs</c>. Every random choice comes from one <see cref="Random"/> with a fixed seed, and the
/// generator uses only exact arithmetic (no logarithms), so the lines are the same on every machine and every run.
/// </remarks>
public static partial class SampleChat
{
    /// <summary>The channel the sample is in: a valid Twitch login, and clearly fictional.</summary>
    public const string Channel = "sampledemo";

    /// <summary>The channel's display name.</summary>
    internal const string BroadcasterDisplayName = "SampleDemo";

    /// <summary>The channel's numeric id (<c>room-id</c>); made up.</summary>
    internal const string RoomId = "493017825";

    /// <summary>The seed of every random choice.</summary>
    private const int Seed = 20_240_611;

    // ---------------------------------------------------------------------------------------------------------------
    // Vocabulary
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Emotes the sample uses, by the word that stands in the text, with their ids. The global ones carry Twitch's
    /// ids; the three <c>sample…</c> ones are this channel's own (subscribers only), with made-up <c>emotesv2_</c> ids.
    /// </summary>
    internal static readonly FrozenDictionary<string, string> EmoteIds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Kappa"] = "25",
        ["DansGame"] = "33",
        ["Kreygasm"] = "41",
        ["BibleThump"] = "86",
        ["ResidentSleeper"] = "245",
        ["4Head"] = "354",
        ["FailFish"] = "360",
        ["BabyRage"] = "22639",
        ["WutFace"] = "28087",
        ["HeyGuys"] = "30259",
        ["CoolCat"] = "58127",
        ["NotLikeThis"] = "58765",
        ["bleedPurple"] = "62835",
        ["SeemsGood"] = "64138",
        ["KomodoHype"] = "81273",
        ["VoHiYo"] = "81274",
        ["GivePLZ"] = "112291",
        ["TakeNRG"] = "112292",
        ["Jebaited"] = "114836",
        ["CurseLit"] = "116625",
        ["KonCha"] = "160400",
        ["TwitchUnity"] = "196892",
        ["GlitchCat"] = "304486301",
        ["PogChamp"] = "305954156",
        ["LUL"] = "425618",
        ["<3"] = "555555584",
        ["sampleHype"] = "emotesv2_3f9c2a7d41e84b0c9d6a5e1f2b7c8d90",
        ["sampleLove"] = "emotesv2_8b1e4d6c2a9f47e3b5c0d1a2e3f4a5b6",
        ["sampleSad"] = "emotesv2_c47a0e2b9d3f41c8a6e5b4d3c2b1a0f9",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The channel's own emotes: only subscribers can use them.</summary>
    internal static readonly FrozenSet<string> ChannelEmotes = FrozenSet.Create(StringComparer.Ordinal, "sampleHype", "sampleLove", "sampleSad");

    /// <summary>The emotes a <c>{slot}</c> in a template can become.</summary>
    private static readonly FrozenDictionary<string, ImmutableArray<string>> EmoteSlots = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
    {
        ["{greet}"] = ["HeyGuys", "VoHiYo", "KonCha", "TwitchUnity", "<3"],
        ["{hype}"] = ["PogChamp", "PogChamp", "Kreygasm", "SeemsGood", "CurseLit", "KomodoHype", "GlitchCat", "sampleHype", "sampleHype"],
        ["{love}"] = ["<3", "<3", "bleedPurple", "TwitchUnity", "GivePLZ", "sampleLove", "sampleLove"],
        ["{funny}"] = ["LUL", "LUL", "Kappa", "4Head", "Jebaited", "CoolCat"],
        ["{sad}"] = ["BibleThump", "BibleThump", "NotLikeThis", "NotLikeThis", "FailFish", "BabyRage", "WutFace", "DansGame", "sampleSad"],
        ["{sleepy}"] = ["ResidentSleeper", "ResidentSleeper", "CoolCat", "Kappa"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Logins are made of an adjective and a noun in one of a few shapes (see Script.NewLogin).
    private static readonly ImmutableArray<string> Adjectives =
    [
        "sleepy", "cosmic", "lucky", "quiet", "pixel", "mellow", "brave", "fuzzy", "silver", "tiny", "rusty", "sunny",
        "nimble", "salty", "witty", "misty", "clever", "golden", "frosty", "rapid", "gentle", "cozy", "wild", "lazy",
        "bold", "crispy", "dizzy", "humble", "jolly", "spicy", "velvet", "electric", "paper", "lunar", "neon", "soggy",
    ];

    private static readonly ImmutableArray<string> Nouns =
    [
        "otter", "falcon", "noodle", "badger", "comet", "walrus", "pancake", "lantern", "gecko", "mango", "panda",
        "cactus", "raven", "turnip", "waffle", "koala", "pebble", "marmot", "quokka", "penguin", "biscuit", "moth",
        "yeti", "llama", "dumpling", "hedgehog", "kettle", "meteor", "pickle", "squid", "teapot", "toast", "wombat",
    ];

    // Twitch's default name colours, and some picked by hand.
    private static readonly ImmutableArray<string> Colors =
    [
        "#FF0000", "#0000FF", "#008000", "#B22222", "#FF7F50", "#9ACD32", "#FF4500", "#2E8B57", "#DAA520", "#D2691E",
        "#5F9EA0", "#1E90FF", "#FF69B4", "#8A2BE2", "#00FF7F",
    ];

    private static readonly ImmutableArray<string> Places =
    [
        "Lisbon", "Osaka", "Toronto", "Melbourne", "Nairobi", "Oslo", "Montréal", "Seoul", "Buenos Aires", "Cape Town",
        "Kraków", "Reykjavík", "Manila", "Lima", "Glasgow",
    ];

    private static readonly ImmutableArray<string> Hellos =
    [
        "hi", "hello", "hey", "heyo", "good evening", "hola", "bonjour", "hallo", "olá", "ciao", "こんにちは", "안녕하세요",
    ];

    private static readonly ImmutableArray<string> StreamerNames = [BroadcasterDisplayName, Channel, "@" + BroadcasterDisplayName];

    // Slots in templates: {streamer} {hello} {place} {raider} and the emote slots above. A slot is a whole word.
    private static readonly Mood Calm = new(
        "calm",
        Lines:
        [
            "{hello} chat", "{hello} {streamer} {greet}", "{hello} everyone", "good evening from {place}",
            "what are we playing today?", "first time catching the stream live {greet}", "just got home from work {greet}",
            "is this the new patch?", "how long has the stream been on?", "what rank is this account?", "brb grabbing snacks",
            "back", "who else is eating dinner right now", "is the boss next?", "did you change the overlay?",
            "lurking while I study", "the weather here is rainy today", "this map again {funny}", "how many attempts so far?",
            "what keyboard is that?", "chat what did I miss", "watching from my phone on the bus",
            "the dog is sleeping next to me", "is the mic a bit quiet or is it me", "any plans for the weekend stream?",
            "what time zone are you in?", "I think the secret room is on the left", "did anyone see the new trailer",
            "let's see how this goes", "water check {streamer}", "posture check chat", "that jump looked tricky",
            "{streamer} what's the plan for today?", "evening from {place} {greet}", "the music today is nice",
            "is this run the one?", "which character is this?", "I have a test tomorrow but this is more important {funny}",
        ],
        Replies: ["same here", "welcome in!", "I think so", "good question", "no idea", "same time zone as me", "it's the new patch"],
        Actions: ["waves", "sips tea", "settles in with a blanket", "stretches", "grabs some popcorn"],
        EmoteSlot: "{greet}",
        Emoji: ["👋", "☕", "🙂"],
        EmoteOnlyShare: 0.05,
        ShoutShare: 0.0,
        ReplyShare: 0.05);

    private static readonly Mood Hype = new(
        "hype",
        Lines:
        [
            "LETS GO", "LETS GOOOOO {hype}", "that was amazing {hype}", "GG", "GG WP", "gg {streamer} that was awesome",
            "what a play {hype}", "best stream ever", "I love this {love}", "he actually did it {hype}", "perfect run",
            "so good {hype}", "wow wow wow", "yes yes yes {hype}", "great job {streamer}", "love you {streamer} {love}",
            "that was beautiful", "clutch of the year {hype}", "chat we won {hype}", "absolutely awesome",
            "this is the best day", "W {streamer}", "HYPE HYPE HYPE", "that was so clean, great play", "I screamed lol",
            "what a win {hype}", "perfect timing {hype}", "yesss", "clip it! that was amazing", "actual legend, great job",
            "my heart is racing, that was awesome", "yay {hype}", "congrats {streamer}! {love}", "happy for you {streamer}",
            "so proud of you {love}", "best player I know", "that was fun lol", "wow, amazing {hype}", "greatest comeback ever",
            "\\o/ \\o/ \\o/", "incroyable, génial!", "LETS GO {streamer} {hype}", "I love this stream so much",
        ],
        Replies: ["right?? amazing", "so good", "agreed, best play", "LETS GO", "yes! awesome", "best moment ever lol"],
        Actions: ["does a victory dance", "throws confetti", "jumps around the room", "cheers loudly"],
        EmoteSlot: "{hype}",
        Emoji: ["🎉", "🙌", "❤️"],
        EmoteOnlyShare: 0.12,
        ShoutShare: 0.2,
        ReplyShare: 0.03);

    private static readonly Mood Fail = new(
        "fail",
        Lines:
        [
            "NOOOO", "no no no {sad}", "that's terrible {sad}", "so sad {sad}", "worst timing ever", "that hurts {sad}",
            "pain", "ugh {sad}", "he was so close {sad}", "rigged", "brutal {sad}", "I can't watch this", "heartbreaking",
            "that boss is unfair", "sad times", "terrible luck {sad}", "chat we lost", "F", "F in chat {sad}",
            "I'm crying {sad}", "awful hitbox {sad}", "that was painful to watch", "why does this always happen",
            "the worst", "disappointed but not surprised", "so close yet so far {sad}", "my heart is broken",
            "it's over {sad}", "that's so bad", "I hate this boss", "noooo not like this {sad}", "horrible luck",
            "lag? that was awful", "we were robbed", "tragic", "no way, that's the worst {sad}", "sad, so sad",
        ],
        Replies: ["I know, so sad", "pain", "it hurts", "terrible luck", "worst feeling", "no, I can't believe it"],
        Actions: ["hides behind the couch", "stares at the screen in silence", "quietly closes the laptop", "sobs"],
        EmoteSlot: "{sad}",
        Emoji: ["😭", "😢"],
        EmoteOnlyShare: 0.12,
        ShoutShare: 0.15,
        ReplyShare: 0.03);

    private static readonly Mood Recovery = new(
        "recovery",
        Lines:
        [
            "you got this {streamer}", "we go again", "it's ok, next try", "deep breath", "hope this is the one",
            "better attempt already", "nice dodge {hype}", "good recovery", "stay strong {love}", "chat believe",
            "one more try", "that start looked good", "ok ok this is better", "calm and focused", "learning the pattern, nice",
            "we believe {love}", "hopefully the dice are kind this time", "back on track", "you can do it", "small steps",
            "water break first?", "good luck {streamer} {love}", "fresh run, fresh hope", "this looks better already",
        ],
        Replies: ["we got this", "yep, one more", "agreed", "good luck!", "hope so"],
        Actions: ["crosses fingers", "cracks knuckles", "lights a lucky candle"],
        EmoteSlot: "{love}",
        Emoji: ["🙏", "💪"],
        EmoteOnlyShare: 0.06,
        ShoutShare: 0.0,
        ReplyShare: 0.05);

    /// <summary>What the raiders say when they arrive.</summary>
    private static readonly Mood RaidArrival = new(
        "raid arrival",
        Lines:
        [
            "{raider} raid! {greet}", "hi from the {raider} raid {love}", "HELLO {greet}", "raid hype {hype}",
            "we come in peace {greet}", "hey everyone {greet}", "happy to be here {love}", "love this vibe",
            "{raider} sent us, hi!", "{hello} from the raid", "what did we walk into {funny}", "nice overlay!",
            "hi {streamer}! great stream", "RAID RAID RAID {hype}", "hello hello {greet}", "{hello} {streamer} {love}",
        ],
        Replies: ["hi!", "thanks, happy to be here", "hello friend", "glad we came"],
        Actions: ["waves at everyone", "rolls in with snacks"],
        EmoteSlot: "{greet}",
        Emoji: ["👋", "🎉"],
        EmoteOnlyShare: 0.1,
        ShoutShare: 0.2,
        ReplyShare: 0.03);

    /// <summary>What the regulars say to the raiders.</summary>
    private static readonly Mood RaidWelcome = new(
        "raid welcome",
        Lines:
        [
            "welcome raiders! {love}", "welcome welcome {greet}", "thanks for the raid {raider}! {love}",
            "hi raiders, enjoy the stream", "wow that's a big raid", "raid hype {hype}", "welcome in, friends {greet}",
            "thank you {raider} {love}", "so many new people, welcome!", "hello raiders {greet}",
        ],
        Replies: ["welcome!", "hi hi", "glad you're here", "welcome in <3"],
        Actions: ["waves at the raiders", "rolls out the welcome mat"],
        EmoteSlot: "{love}",
        Emoji: ["👋", "🎉"],
        EmoteOnlyShare: 0.08,
        ShoutShare: 0.1,
        ReplyShare: 0.05);

    private static readonly Mood Quiet = new(
        "quiet",
        Lines:
        [
            "so quiet now", "chat is sleepy {sleepy}", "anyone still here?", "just vibing", "lurk", "this part is slow",
            "mhm", "making tea brb", "menu music time", "reading the patch notes meanwhile", "zzz {sleepy}",
            "what's the next game?", "still here", "hmm", "inventory management stream {sleepy}",
        ],
        Replies: ["same", "still here", "me too", "tea sounds nice"],
        Actions: ["yawns", "refills the snack bowl"],
        EmoteSlot: "{sleepy}",
        Emoji: ["😴", "☕"],
        EmoteOnlyShare: 0.15,
        ShoutShare: 0.0,
        ReplyShare: 0.05);

    private static readonly Mood Wholesome = new(
        "wholesome",
        Lines:
        [
            "thank you for the stream {love}", "this was so fun", "goodnight everyone {love}", "love this community {love}",
            "see you tomorrow", "thanks for the great stream {streamer}", "best community on twitch", "take care everyone",
            "sleep well chat", "bless you all {love}", "happy I found this channel", "bye chat {greet}",
            "great stream, thank you", "what a fun day", "thanks for being so kind {streamer}",
            "have a lovely evening everyone", "gn chat, you are all awesome", "thanks mods {love}",
            "thanks for the laughs lol", "merci, bonne nuit {love}", "happy stream, happy chat", "thank you, that was great",
        ],
        Replies: ["thank you too!", "goodnight!", "take care <3", "see you next time", "you too, sleep well"],
        Actions: ["hugs everyone", "waves goodbye"],
        EmoteSlot: "{love}",
        Emoji: ["❤️", "🥰", "💜"],
        EmoteOnlyShare: 0.08,
        ShoutShare: 0.0,
        ReplyShare: 0.05);

    // ---------------------------------------------------------------------------------------------------------------
    // The story: phases one after another. Chat messages arrive at a rate that ramps linearly from → to within a
    // phase; the scripted events (in SampleChat.Script.cs) happen at fixed offsets.
    //
    //  phase      from  to    msg/s    mood and events
    //  calm       0:00  1:00   3 → 5   greetings, small talk; a spam bot's message deleted, the bot banned, an announcement, a Prime sub
    //  hype       1:00  1:45  30 → 16  the boss is beaten: LETS GO, PogChamp, GG; cheers, a resub, 5 gifted subs and one more
    //  fail       1:45  2:30  20 → 8   the run is lost: NotLikeThis, BibleThump, "so sad"; a spammer timed out for 60 s
    //  recovery   2:30  3:15   6 → 8   "we go again", hopeful; a new sub
    //  raid       3:15  4:00  28 → 10  214 raiders arrive: greetings and hype; slow mode (3 s) goes on
    //  quiet      4:00  5:00   2 → 1   menu time, few messages; slow mode goes off
    //  wholesome  5:00  6:00   5 → 11  thanks and goodnights; a resub; the streamer signs off
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>The phases in order; they cover the sample without gaps.</summary>
    internal static readonly ImmutableArray<Phase> Phases =
    [
        new("calm", TimeSpan.FromSeconds(0), TimeSpan.FromSeconds(60), 3, 5, Calm),
        new("hype", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(105), 30, 16, Hype),
        new("fail", TimeSpan.FromSeconds(105), TimeSpan.FromSeconds(150), 20, 8, Fail),
        new("recovery", TimeSpan.FromSeconds(150), TimeSpan.FromSeconds(195), 6, 8, Recovery),
        new("raid", TimeSpan.FromSeconds(195), TimeSpan.FromSeconds(240), 28, 10, RaidWelcome, RaidArrival),
        new("quiet", TimeSpan.FromSeconds(240), TimeSpan.FromSeconds(300), 2, 1, Quiet),
        new("wholesome", TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(360), 5, 11, Wholesome),
    ];

    /// <summary>
    /// The sample chat: each item is an offset from the start of the chat and one raw Twitch IRC line (no CR LF),
    /// exactly as Twitch's server sends it to a reader with the <c>twitch.tv/tags</c> and <c>twitch.tv/commands</c>
    /// capabilities, in order (offsets never decrease). Deterministic: the same <paramref name="start"/> always gives the
    /// same lines, and another start changes only the <c>tmi-sent-ts</c> tags.
    /// </summary>
    /// <param name="start">When the chat starts; <c>tmi-sent-ts</c> is <paramref name="start"/> + offset in Unix
    /// milliseconds (the sub-millisecond part of <paramref name="start"/> is dropped). Offsets are whole milliseconds.</param>
    public static IReadOnlyList<(TimeSpan Offset, string Line)> Lines(DateTimeOffset start) => new Script(start).Write();

    /// <summary>What chatters say in a phase.</summary>
    /// <param name="Name">For reading.</param>
    /// <param name="Lines">Message templates (see the slots above).</param>
    /// <param name="Replies">Templates for a reply; the generator puts <c>@parent</c> in front.</param>
    /// <param name="Actions">Templates for <c>/me</c> actions.</param>
    /// <param name="EmoteSlot">The emote slot for emote-only messages and emote tails.</param>
    /// <param name="Emoji">Emoji a message may end with.</param>
    /// <param name="EmoteOnlyShare">The share of messages that are emotes only.</param>
    /// <param name="ShoutShare">The share of messages written in capitals.</param>
    /// <param name="ReplyShare">The share of messages that are replies.</param>
    internal sealed record Mood(
        string Name,
        ImmutableArray<string> Lines,
        ImmutableArray<string> Replies,
        ImmutableArray<string> Actions,
        string EmoteSlot,
        ImmutableArray<string> Emoji,
        double EmoteOnlyShare,
        double ShoutShare,
        double ReplyShare);

    /// <summary>One phase of the story.</summary>
    /// <param name="Name">The phase's name (the table above).</param>
    /// <param name="From">Its start, as an offset.</param>
    /// <param name="To">Its end (exclusive).</param>
    /// <param name="StartRate">Chat messages per second at <paramref name="From"/>.</param>
    /// <param name="EndRate">Chat messages per second at <paramref name="To"/>.</param>
    /// <param name="Mood">What the chatters say.</param>
    /// <param name="RaiderMood">What the raiders say, when it differs.</param>
    internal sealed record Phase(string Name, TimeSpan From, TimeSpan To, double StartRate, double EndRate, Mood Mood, Mood? RaiderMood = null);
}

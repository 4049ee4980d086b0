using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Sentiment.Tests;

public sealed class TwitchSentimentAnalyzerTests
{
    private static readonly TwitchSentimentAnalyzer Twitch = TwitchSentimentAnalyzer.Default;

    private static readonly string[] ChatLines =
    [
        "LUL what a play", "Clap Clap Clap", "OMEGALUL that was GREAT", "@forsen goooood sodaLUL", "PepeHands 😭 no",
        "hahahaha KEKW", "!roulette all", "https://example.com nice", "  ", string.Empty,
        "LET'S GOOO", "D I E", "you can’t win", "not a bully", "dont eat it lmao",
    ];

    [Fact]
    public void Emotes_match_case_sensitively_as_whole_tokens()
    {
        Assert.True(Twitch.Score("Clap").Compound > 0.05); // the applause emote
        Assert.Equal(0.0, Twitch.Score("clap").Compound); // the word, which neither lexicon scores
        Assert.Equal(0.0, Twitch.Score("ClapClap").Compound); // not a whole token
        Assert.True(Twitch.Score("Clap!").Compound > 0.05); // trailing punctuation is stripped as VADER strips it
    }

    [Fact]
    public void An_emote_and_the_word_spelled_the_same_get_their_own_valences()
    {
        TwitchSentimentAnalyzer analyzer = WithLexicon("LUL\t3\temote\nlul\t-1\tslang\n");

        Assert.Equal(Expected(3.0), analyzer.Score("LUL").Compound);
        Assert.Equal(Expected(-1.0), analyzer.Score("lul").Compound);
        Assert.Equal(Expected(-1.0), analyzer.Score("Lul").Compound); // slang ignores case
    }

    [Fact]
    public void An_emote_matches_only_its_own_spelling_among_names_that_lower_case_alike()
    {
        // U+212A KELVIN SIGN lower-cases to an ASCII 'k', so all three names share one lower-cased key, "kappa"
        TwitchSentimentAnalyzer analyzer = WithLexicon("Kappa\t1\temote\nkAPPA\t-2\temote\n\u212Aappa\t3\temote\n");

        Assert.Equal(Expected(1.0), analyzer.Score("Kappa").Compound);
        Assert.Equal(Expected(-2.0), analyzer.Score("kAPPA").Compound);
        Assert.Equal(Expected(3.0), analyzer.Score("\u212Aappa").Compound);
        Assert.Equal(0.0, analyzer.Score("kappa").Compound); // no capitals, as the Kelvin-sign name has none among A-Z
        Assert.Equal(0.0, analyzer.Score("KAPPA").Compound);
        Assert.Equal(Expected(1.0), analyzer.Score("Kappa.").Compound); // the word without its punctuation
    }

    [Fact]
    public void An_emote_name_longer_than_64_characters_matches_only_its_own_spelling()
    {
        // capitals are kept as 64 bits: a capital at position 64 must not pass for one at position 0
        string name = "A" + new string('a', 64);
        TwitchSentimentAnalyzer analyzer = WithLexicon($"{name}\t1\temote\n");

        Assert.Equal(Expected(1.0), analyzer.Score(name).Compound);
        Assert.Equal(0.0, analyzer.Score(new string('a', 64) + "A").Compound);
        Assert.Equal(0.0, analyzer.Score(name.ToLowerInvariant()).Compound);
    }

    [Fact]
    public void Emote_names_are_exempt_from_the_all_caps_boost()
    {
        TwitchSentimentAnalyzer analyzer = WithLexicon("HYPE\t2\temote\nHype\t2\temote\nyay\t2\tslang\n");

        // among lower-case words an ALL-CAPS lexicon word gains 0.733; an emote does not
        Assert.Equal(analyzer.Score("Hype it was a stream").Compound, analyzer.Score("HYPE it was a stream").Compound);
        Assert.True(analyzer.Score("YAY it was a stream").Compound > analyzer.Score("yay it was a stream").Compound);
    }

    [Fact]
    public void Emotes_do_not_make_the_words_around_them_shouting()
    {
        // "GREAT" is the only word: ALL CAPS everywhere is no emphasis, whether or not an emote stands beside it
        Assert.Equal(Twitch.Score("GREAT KEKW").Compound, Twitch.Score("great KEKW").Compound);
    }

    [Fact]
    public void An_emote_keeps_its_own_valence_after_a_negation()
    {
        Assert.Equal(Twitch.Score("KEKW").Compound, Twitch.Score("not KEKW").Compound);
        Assert.True(VaderAnalyzer.Default.Score("not good").Compound < 0); // words are still negated
        Assert.True(Twitch.Score("not good").Compound < 0);
    }

    [Fact]
    public void Emote_tag_positions_make_an_unknown_channel_emote_a_neutral_emote()
    {
        const string Text = "love it";
        Assert.True(Twitch.Score(Text).Compound > 0.05);

        // Twitch marked "love" (0-3) as an emote, say a channel's: it is no longer the word love
        Assert.Equal(0.0, Twitch.Score(Text, [new Range(0, 4)]).Compound);
    }

    [Fact]
    public void Emote_tag_marks_every_occurrence_and_keeps_lexicon_emotes_scored()
    {
        Assert.Equal(0.0, Twitch.Score("happy happy", [new Range(0, 5)]).Compound);
        Assert.Equal(Twitch.Score("Kreygasm").Compound, Twitch.Score("Kreygasm", [new Range(0, 8)]).Compound);
    }

    [Fact]
    public void Emote_tag_ranges_outside_the_text_are_a_caller_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Twitch.Score("Kappa", [new Range(0, 6)]));
    }

    [Fact]
    public void Repeated_emotes_are_damped_but_keep_their_sign()
    {
        double once = Twitch.Score("Clap").Compound;
        double spam = Twitch.Score("Clap Clap Clap Clap Clap Clap").Compound;
        double undamped = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { RepeatDamping = 1 })
            .Score("Clap Clap Clap Clap Clap Clap").Compound;
        double onlyFirst = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { RepeatDamping = 0 })
            .Score("Clap Clap Clap Clap Clap Clap").Compound;

        Assert.True(once < spam && spam < undamped, $"{once} < {spam} < {undamped}");
        Assert.Equal(once, onlyFirst);

        // spam does not drown a negative sentence
        Assert.True(Twitch.Score("this is terrible and awful Clap Clap Clap Clap Clap").Compound < 0);
    }

    [Fact]
    public void Commands_score_neutral_unless_switched_off()
    {
        Assert.Equal(new SentimentScores(0.0, 1.0, 0.0, 0.0), Twitch.Score("!love all"));
        Assert.True(new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { SkipCommands = false })
            .Score("!love all").Compound > 0.05);
        Assert.True(Twitch.Score("love it!").Compound > 0.05); // an exclamation is not a command
    }

    [Fact]
    public void Mentions_and_links_are_not_words_unless_switched_off()
    {
        Assert.Equal(0.0, Twitch.Score("@happy hello").Compound);
        Assert.True(new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { SkipMentions = false })
            .Score("@happy hello").Compound > 0.05);

        // a link is no neutral word either: "good" is all there is
        Assert.Equal(1.0, Twitch.Score("good https://example.com/x").Pos);
        Assert.True(new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { SkipUrls = false })
            .Score("good https://example.com/x").Pos < 1.0);
    }

    [Fact]
    public void Invisible_filler_tokens_are_left_out_so_all_caps_lines_stay_unboosted()
    {
        // U+206D, appended by chat clients, would be a non-caps "word" that makes GOOD a shouted word
        Assert.Equal(Twitch.Score("GOOD STREAM").Compound, Twitch.Score("GOOD STREAM \u206d").Compound);
        TwitchSentimentAnalyzer keep = new(TwitchSentimentOptions.Default with { SkipInvisibleTokens = false });
        Assert.NotEqual(keep.Score("GOOD STREAM").Compound, keep.Score("GOOD STREAM \u206d").Compound);
    }

    [Fact]
    public void Channel_emotes_are_read_by_their_suffix_unless_switched_off()
    {
        Assert.Equal(Twitch.Score("LUL").Compound, Twitch.Score("sodaLUL").Compound);
        Assert.True(Twitch.Score("sodaRAGE").Compound < -0.05);
        Assert.Equal(0.0, Twitch.Score("moon2S").Compound); // a one-letter suffix says nothing
        Assert.Equal(0.0, Twitch.Score("iLove").Compound); // a prefix is at least three characters
        Assert.Equal(0.0, new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { InferChannelEmotes = false })
            .Score("sodaLUL").Compound);
    }

    [Fact]
    public void Stretched_words_and_laughter_are_read_unless_switched_off()
    {
        Assert.Equal(Twitch.Score("good").Compound, Twitch.Score("goooood").Compound);
        Assert.Equal(Twitch.Score("lol").Compound, Twitch.Score("lOOOOOl").Compound);
        Assert.Equal(Twitch.Score("haha").Compound, Twitch.Score("ahahahahahaha").Compound);
        Assert.Equal(Twitch.Score("haha").Compound, Twitch.Score("hehehe").Compound);
        Assert.Equal(0.0, Twitch.Score("hahx").Compound);
        Assert.Equal(0.0, new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { ReadElongations = false })
            .Score("goooood").Compound);
    }

    [Fact]
    public void Slang_of_valence_zero_takes_a_word_out_of_vader_lexicon()
    {
        Assert.True(VaderAnalyzer.Default.Score("they killed the boss").Compound < -0.05);
        Assert.Equal(0.0, Twitch.Score("they killed the boss").Compound);
        Assert.Equal(0.0, Twitch.Score("they KILLED the boss").Compound); // no ALL-CAPS push of a zero to -0.733
    }

    [Fact]
    public void Plain_vader_is_unchanged_by_the_twitch_layer()
    {
        Assert.Equal(new SentimentScores(0.0, 1.0, 0.0, 0.0), VaderAnalyzer.Default.Score("Clap Pog KEKW"));
        Assert.Equal(VaderAnalyzer.Default.Score("the stream is good"), Twitch.Score("the stream is good"));
    }

    [Fact]
    public void Score_null_string_throws_argument_null()
    {
        Assert.Throws<ArgumentNullException>(() => Twitch.Score((string)null!));
        Assert.Throws<ArgumentNullException>(() => Twitch.Score(null!, []));
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_option()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { RepeatDamping = 1.5 }));
        Assert.Contains("RepeatDamping", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { Lexicon = null! }));
    }

    [Fact]
    public void Score_allocates_nothing_after_warm_up()
    {
        Range[] emotes = [new Range(0, 4)];
        foreach (string line in ChatLines)
        {
            Twitch.Score(line);
        }

        Twitch.Score("Clap that", emotes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double checksum = 0;
        for (int round = 0; round < 100; round++)
        {
            foreach (string line in ChatLines)
            {
                checksum += Twitch.Score(line).Compound;
            }

            checksum += Twitch.Score("Clap that", emotes).Compound;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotEqual(0, checksum);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Score_from_many_threads_equals_score_from_one()
    {
        string[] texts = File.ReadLines(SharedData.DataPath("twitch-labeled", "dev.csv")).Skip(1).ToArray();
        SentimentScores[] sequential = texts.Select(Twitch.Score).ToArray();

        SentimentScores[] parallel = texts.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(Twitch.Score).ToArray();

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Long_texts_are_scored_with_rented_buffers_like_short_ones()
    {
        string line = "Clap goooood sodaLUL @x ";
        string longText = string.Concat(Enumerable.Repeat(line, 2000));

        Assert.True(Twitch.Score(longText).Compound > 0.05);
    }

    [Fact]
    public void Chat_emoji_meanings_replace_vaders_descriptions()
    {
        Assert.True(VaderAnalyzer.Default.Score("\U0001F525").Compound < 0); // VADER reads "fire"
        Assert.True(Twitch.Score("\U0001F525").Compound > 0.05); // chat reads hype
        Assert.Equal(0.0, VaderAnalyzer.Default.Score("\u2764\uFE0F").Compound); // "heart" + U+FE0F is no word
        Assert.True(Twitch.Score("\u2764\uFE0F").Compound > 0.05);
        Assert.Equal(Twitch.Score("nice \U0001F525").Compound, Twitch.Score("nice\U0001F525").Compound); // stands alone

        var off = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { ChatEmojiMeanings = false });
        Assert.Equal(VaderAnalyzer.Default.Score("\U0001F525").Compound, off.Score("\U0001F525").Compound);
    }

    [Fact]
    public void Laughter_after_negative_words_is_mockery()
    {
        Assert.True(Twitch.Score("LUL").Compound > 0.05);
        Assert.True(Twitch.Score("worst team ever LUL").Compound < VaderAnalyzer.Default.Score("worst team ever").Compound);
        Assert.True(Twitch.Score("best team ever LUL").Compound > Twitch.Score("best team ever").Compound); // laughing along

        var off = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { MockingLaughter = false });
        Assert.True(off.Score("worst team ever LUL").Compound > Twitch.Score("worst team ever LUL").Compound);
    }

    [Fact]
    public void A_sarcasm_marker_cancels_the_words_but_not_the_emotes()
    {
        Assert.Equal(0.0, Twitch.Score("great idea Kappa").Compound);
        Assert.Equal(0.0, Twitch.Score("great idea /s").Compound);
        Assert.Equal(Twitch.Score("PogChamp").Compound, Twitch.Score("great idea Kappa PogChamp").Compound);

        var off = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { SarcasmMarkers = false });
        Assert.True(off.Score("great idea Kappa").Compound > 0.05);
    }

    [Fact]
    public void Laughter_reacts_to_the_line_and_is_not_negated()
    {
        // VADER flips "lmao" after "dont"; laughter is a reaction to the whole line, like an emote
        Assert.True(VaderAnalyzer.Default.Score("dont eat it lmao").Compound < -0.05);
        Assert.Equal(Twitch.Score("eat it lmao").Compound, Twitch.Score("dont eat it lmao").Compound);
    }

    [Fact]
    public void Typographic_apostrophes_read_as_plain_ones_unless_switched_off()
    {
        Assert.Equal(Twitch.Score("you can't win").Compound, Twitch.Score("you can’t win").Compound);
        Assert.True(Twitch.Score("you can’t win").Compound < -0.05);
        Assert.Equal(Twitch.Score("it's good").Compound, Twitch.Score("it‘s good").Compound);

        var off = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { PlainApostrophes = false });
        Assert.True(off.Score("you can’t win").Compound > 0.05); // "can’t" is then no negation
        Assert.True(VaderAnalyzer.Default.Score("you can’t win").Compound > 0.05); // VADER's numbers stay the reference's
    }

    [Fact]
    public void Lets_go_is_the_hype_chant_unless_switched_off()
    {
        double letsGo = Twitch.Score("letsgo").Compound;
        Assert.True(letsGo > 0.05);
        Assert.Equal(letsGo, Twitch.Score("let's go").Compound);
        Assert.Equal(letsGo, Twitch.Score("lets gooooo").Compound);
        Assert.Equal(letsGo, Twitch.Score("let’s go").Compound);
        Assert.Equal(Twitch.Score("LETSGOOOO LIQUID").Compound, Twitch.Score("LET'S GO LIQUID").Compound);
        Assert.Equal(0.0, Twitch.Score("let's").Compound);
        Assert.Equal(0.0, Twitch.Score("go").Compound);
        Assert.Equal(0.0, Twitch.Score("let's not go").Compound); // only the two words together
        Assert.Equal(0.0, Twitch.Score("go lets").Compound);

        var off = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { ChatPhrases = false });
        Assert.Equal(0.0, off.Score("let's go").Compound);
    }

    [Fact]
    public void Words_spelled_out_in_single_letters_are_read_as_the_word_unless_switched_off()
    {
        double die = Twitch.Score("DIE").Compound;
        Assert.True(die < -0.05);
        Assert.Equal(die, Twitch.Score("D I E").Compound);
        Assert.Equal(Twitch.Score("you DIE now").Compound, Twitch.Score("you D I E now").Compound); // the token after the run is kept
        Assert.Equal(Twitch.Score("good").Compound, Twitch.Score("g o o d").Compound);
        Assert.Equal(0.0, Twitch.Score("I C").Compound); // two letters are initials, not a word
        Assert.Equal(0.0, Twitch.Score("S W A T").Compound); // a run the lexicons do not know stays letters
        Assert.Equal(Twitch.Score("a b c good").Compound, Twitch.Score("good").Compound);

        var off = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { ChatPhrases = false });
        Assert.Equal(0.0, off.Score("D I E").Compound);
    }

    [Fact]
    public void A_negated_negative_word_counts_nothing_unless_switched_off()
    {
        Assert.Equal(0.0, Twitch.Score("not a bully").Compound);
        Assert.Equal(0.0, Twitch.Score("he doesn't hate it").Compound);
        Assert.Equal(0.0, Twitch.Score("no problem").Compound); // "no" negates like "not"
        Assert.True(VaderAnalyzer.Default.Score("no problem").Compound > 0.05);
        Assert.True(Twitch.Score("not good").Compound < -0.05); // a negated positive word still turns negative
        Assert.True(VaderAnalyzer.Default.Score("not a bully").Compound > 0.05); // VADER's flip, unchanged

        var off = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { NegatedNegativesNeutral = false });
        Assert.Equal(VaderAnalyzer.Default.Score("not a bully").Compound, off.Score("not a bully").Compound);
    }

    private static TwitchSentimentAnalyzer WithLexicon(string text) =>
        new(TwitchSentimentOptions.Default with { Lexicon = TwitchLexicon.Parse(text, "test.tsv") });

    /// <summary>VADER's compound of a single token of valence <paramref name="valence"/>: normalize(v) rounded to 4.</summary>
    private static double Expected(double valence) => Math.Round(valence / Math.Sqrt((valence * valence) + 15), 4);
}

using FsCheck;
using FsCheck.Xunit;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Sentiment.Tests;

/// <summary>Invariants over generated inputs.</summary>
public sealed class ScoreProperties
{
    private static readonly string[] Vocabulary =
    [
        "good", "bad", "not", "never", "so", "this", "but", "BUT", "no", "or", "nor", "least", "at", "very", "kind", "of",
        "the", "shit", "without", "doubt", "GREAT", "isn't", ":)", "😁", "!", "??", "İ", "Σ", "\t", "LUL", "kinda", "really",
    ];

    [Property(MaxTest = 300)]
    public void Repeated_emotes_count_the_damping_to_the_power_of_their_earlier_repeats_within_the_window(NonNegativeInt seed)
    {
        // lines of emotes only (no words, so no other rule applies), short and longer than the 256-token window; a mild
        // damping so that repeats far back still count
        const double Damping = 0.98;
        var analyzer = new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default with { RepeatDamping = Damping });
        (string Name, double Valence)[] emotes = [("Clap", 2.0), ("LUL", 2.0), ("PepeHands", -2.0), ("monkaS", -1.5)];
        var random = new Random(seed.Get);
        int[] picks = [.. Enumerable.Range(0, random.Next(400)).Select(_ => random.Next(emotes.Length))];

        double sum = 0;
        for (int i = 0; i < picks.Length; i++)
        {
            int earlier = picks[Math.Max(0, i - 256)..i].Count(pick => pick == picks[i]);
            sum += emotes[picks[i]].Valence * Math.Pow(Damping, earlier);
        }

        double expected = sum / Math.Sqrt((sum * sum) + 15);
        double actual = analyzer.Score(string.Join(' ', picks.Select(pick => emotes[pick].Name))).Compound;
        Assert.True(Math.Abs(expected - actual) <= 0.00005 + 1e-12, $"expected {expected:F6}, got {actual} for {picks.Length} emotes");
    }

    [Property(MaxTest = 500)]
    public void Scores_stay_in_range_and_shares_add_up(NonNegativeInt seed, PositiveInt length)
    {
        var random = new Random(seed.Get);
        string text = string.Join(' ', Enumerable.Range(0, length.Get % 60).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));

        SentimentScores scores = VaderAnalyzer.Default.Score(text);

        Assert.InRange(scores.Compound, -1.0, 1.0);
        Assert.InRange(scores.Neg, 0.0, 1.0);
        Assert.InRange(scores.Neu, 0.0, 1.0);
        Assert.InRange(scores.Pos, 0.0, 1.0);
        double shares = scores.Neg + scores.Neu + scores.Pos;
        Assert.True(shares == 0 || Math.Abs(shares - 1) <= 0.0021, $"shares add up to {shares} for '{text}'");
    }

    [Property]
    public void Any_string_scores_without_throwing_and_the_same_twice(string? text)
    {
        text ??= string.Empty;
        Assert.Equal(VaderAnalyzer.Default.Score(text), VaderAnalyzer.Default.Score(text.AsSpan()));
    }

    [Property(MaxTest = 300)]
    public void ButCheck_scan_and_index_both_equal_the_literal_reference_loop(NonNegativeInt seed, PositiveInt length)
    {
        // Few distinct values, so list.index() often lands on an earlier equal value.
        double[] palette = [0, -0.0, 1.9, -2.5, 0.95, 2.85, 3.1, -1.25, 1.9 * 1.5];
        var random = new Random(seed.Get);
        double[] values = Enumerable.Range(0, (length.Get % 400) + 1).Select(_ => palette[random.Next(palette.Length)]).ToArray();
        int bi = random.Next(values.Length);
        double[] reference = (double[])values.Clone();
        double[] scanned = (double[])values.Clone();
        double[] indexed = (double[])values.Clone();

        ReferenceButLoop(reference, bi);
        VaderAnalyzer.ButCheckByScanning(scanned, bi);
        VaderAnalyzer.ButCheckByIndex(indexed, bi);

        // == on purpose: the port may leave a zero's sign different, which no later step can observe.
        Assert.True(reference.Zip(scanned).All(pair => pair.First == pair.Second), "scan differs from the reference loop");
        Assert.True(reference.Zip(indexed).All(pair => pair.First == pair.Second), "index differs from the reference loop");
    }

    /// <summary>vaderSentiment's _but_check loop, literally: every value, zeros included, written at list.index(value).</summary>
    private static void ReferenceButLoop(double[] sentiments, int bi)
    {
        for (int k = 0; k < sentiments.Length; k++)
        {
            double sentiment = sentiments[k];
            int si = Array.FindIndex(sentiments, value => value == sentiment);
            if (si < bi)
            {
                sentiments[si] = sentiment * 0.5;
            }
            else if (si > bi)
            {
                sentiments[si] = sentiment * 1.5;
            }
        }
    }

    // Chat tokens for the Twitch layer's two readings: emotes (one name per group and several: LUL/LuL), slang spelled
    // like an emote, channel emotes (prefixes and suffixes at and past their length limits), stretched words and
    // laughter (runs at every place of a word up to ten letters and beyond), mentions, links, "let's go", spelled-out
    // letters, punctuation around emotes, emoji, invisible and other non-ASCII tokens, and long words.
    private static readonly string[] ChatVocabulary =
    [
        "LUL", "LuL", "lul", "KEKW", "kekw", "Kekw", "Kappa", "PogChamp", "Clap", "EZ", "D:", "LUL!", "(KEKW)", "OMEGALUL",
        "forsenSWA", "moon2C", "sodaLUL", "rooEZ", "xqcLove", "cirLove", "forsenPls", "sodaRAGE", "nb3Thinking",
        "abLUL", "abcdefghijLUL", "abcdefghijkLUL", "sodaD",
        "goooood", "LOOOOL", "hahaha", "AHAHAH", "hehehe", "heaven", "aaah", "abcdefghii", "abcdefghiii", "abcdefgiii",
        "abcdefghijkkk", "zzzabcdefghij", "soooo", "niceeee", "wtfff", "nooo", "baddd", "yesss", "Baddd!", "hateee", "@forsen", "@xQcOW", "https://x.tv/clip",
        "www.twitch.tv", "http", "let's", "lets", "LETS", "go", "GOOO", "Let’s", "D", "I", "E", "g", "o", "a", "x",
        "good", "bad", "not", "no", "but", "very", "kind", "of", "the", "love", "hate", "like", "like,", "can’t", "isn't",
        "\U0001F602", "\U0001F525", "\u2764\uFE0F", "\u206D", "\u2800", "chаt", "\U0001F170", "!roulette",
        new string('a', 70), "x" + new string('y', 66), "GG", "gg", "ResidentSleeper", "NotLikeThis", "!", "?",
        "@", "\u200B\u2800", "\u2591\u2591\u2591\u2593\u2588\u2500\u2500", "\U0001F602\U0001F602",
    ];

    [Property(MaxTest = 400)]
    public void The_layers_quick_reading_scores_every_line_as_its_full_reading_does(NonNegativeInt seed)
    {
        // the common tokens take the quick reading, the rest the full one (Apply); with and without an emotes tag (here
        // marking a random choice of the line's tokens, emotes of the lexicon or not) both must give the same four numbers
        var random = new Random(seed.Get);
        string[] tokens = [.. Enumerable.Range(0, 1 + random.Next(12)).Select(_ => ChatVocabulary[random.Next(ChatVocabulary.Length)])];
        string text = string.Join(' ', tokens);
        var tagged = new List<Range>();
        int start = 0;
        foreach (string token in tokens)
        {
            if (random.Next(3) == 0)
            {
                tagged.Add(start..(start + token.Length));
            }

            start += token.Length + 1;
        }

        TwitchSentimentAnalyzer analyzer = TwitchSentimentAnalyzer.Default;
        Assert.True(
            analyzer.Score(text) == analyzer.ScoreByFullReading(text, []),
            $"'{text}': quick {analyzer.Score(text)}, full {analyzer.ScoreByFullReading(text, [])}");
        Range[] tags = [.. tagged];
        Assert.True(
            analyzer.Score(text, tags) == analyzer.ScoreByFullReading(text, tags),
            $"'{text}' tagged {string.Join(',', tags)}: quick {analyzer.Score(text, tags)}, full {analyzer.ScoreByFullReading(text, tags)}");
    }

    [Property]
    public void Round_is_idempotent_and_repr_reads_back(NormalFloat value)
    {
        double x = value.Get;
        double rounded = PythonRound.Round(x, 4);

        Assert.Equal(rounded, PythonRound.Round(rounded, 4));
        Assert.Equal(x, double.Parse(PythonFloat.Repr(x), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Property]
    public void Lower_never_grows_a_string_beyond_twice_its_length(string? text)
    {
        text ??= string.Empty;
        Assert.InRange(PythonString.Lower(text).Length, 0, text.Length * PythonString.MaxLowerExpansion);
    }
}

using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Sentiment.Tests;

public sealed class VaderAnalyzerTests
{
    private static readonly string[] ChatLines =
    [
        "that was so good", "this is not bad at all!!", "LUL what a play", "I love it😍so much", "no no no",
        "good good but good", "Nothing is so very good.", "ΣΟΦΟΣ bad", "  ", string.Empty,
    ];

    [Fact]
    public void Score_null_string_throws_argument_null()
    {
        Assert.Throws<ArgumentNullException>(() => VaderAnalyzer.Default.Score((string)null!));
    }

    [Fact]
    public void Score_of_a_string_and_of_its_span_are_equal()
    {
        Assert.All(ChatLines, line => Assert.Equal(VaderAnalyzer.Default.Score(line), VaderAnalyzer.Default.Score(line.AsSpan())));
    }

    [Fact]
    public void Score_allocates_nothing_after_warm_up()
    {
        VaderAnalyzer analyzer = VaderAnalyzer.Default;
        foreach (string line in ChatLines)
        {
            analyzer.Score(line);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        double checksum = 0;
        for (int round = 0; round < 100; round++)
        {
            foreach (string line in ChatLines)
            {
                checksum += analyzer.Score(line).Compound;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotEqual(0, checksum);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Score_from_many_threads_equals_score_from_one()
    {
        string[] texts = File.ReadLines(SharedData.DataPath("vader-reference", "tweets.vader.jsonl"))
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)
            .ToArray();
        SentimentScores[] sequential = texts.Select(VaderAnalyzer.Default.Score).ToArray();

        SentimentScores[] parallel = texts.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(VaderAnalyzer.Default.Score).ToArray();

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Embedded_lexicon_is_the_pinned_one()
    {
        VaderLexicon lexicon = VaderLexicon.Embedded;

        Assert.Equal(7506, lexicon.WordCount);
        Assert.Equal(3.2, lexicon.Words["heart"]);
        Assert.Equal(3.3, lexicon.Words["hearts"]);
        Assert.Equal(3570, lexicon.EmojiCount);
    }

    [Fact]
    public void A_lexicon_of_our_own_is_used_and_a_later_duplicate_wins()
    {
        var analyzer = new VaderAnalyzer(VaderLexicon.Parse("pog\t1.0\npog\t3.5\t0.5\t[]\n", "🙂\tsmile\n"));

        Assert.Equal(0.6705, analyzer.Score("pog").Compound); // normalize(3.5)
        Assert.Equal(0.0, analyzer.Score("good").Compound);
    }

    [Fact]
    public void Emoji_with_several_code_points_can_never_match_and_are_left_out()
    {
        var lexicon = VaderLexicon.Parse("smile\t2.0\n", "🙂\tsmile\n👍🏽\tsmile\n");
        var analyzer = new VaderAnalyzer(lexicon);

        Assert.Equal(2, lexicon.EmojiCount);
        Assert.Single(lexicon.Emojis);
        Assert.Equal(0.0, analyzer.Score("👍🏽").Compound);
        Assert.True(analyzer.Score("🙂").Compound > 0);
    }

    [Theory]
    [InlineData("good 2.0\n", "vader_lexicon.txt line 1", "has no tab")]
    [InlineData("good\t2.0\nbad\tminus\n", "vader_lexicon.txt line 2", "is not a number")]
    public void Parse_bad_lexicon_line_names_file_line_and_fix(string lexicon, string where, string what)
    {
        var error = Assert.Throws<VaderLexiconException>(() => VaderLexicon.Parse(lexicon, string.Empty));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains("fix the line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_bad_emoji_line_names_its_file()
    {
        var error = Assert.Throws<VaderLexiconException>(() => VaderLexicon.Parse("good\t1.9", "🙂 smile"));

        Assert.Contains("emoji_utf8_lexicon.txt line 1", error.Message, StringComparison.Ordinal);
    }
}

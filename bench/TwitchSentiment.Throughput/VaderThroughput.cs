using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Throughput;

/// <summary>Our side: every text scored on the calling thread, timed by <see cref="PassTimer"/> (the median pass).</summary>
internal static class VaderThroughput
{
    internal const string What = "vader";

    /// <summary>Scores every text of <paramref name="corpus"/> in passes; the checksum is of one pass.</summary>
    internal static (ThroughputResult Result, ScoreChecksum Checksum, PassTimes Passes) Measure(TextCorpus corpus)
    {
        VaderAnalyzer analyzer = VaderAnalyzer.Default;
        string[] texts = corpus.Texts;
        ScoreChecksum checksum = default;
        PassTimes passes = PassTimer.Measure(() => checksum = ScoreAll(analyzer, texts));
        return (ThroughputResult.OfPasses(What, corpus, passes), checksum, passes);
    }

    internal static ScoreChecksum ScoreAll(VaderAnalyzer analyzer, string[] texts)
    {
        ScoreChecksum checksum = default;
        foreach (string text in texts)
        {
            checksum = checksum.Add(analyzer.Score(text));
        }

        return checksum;
    }
}

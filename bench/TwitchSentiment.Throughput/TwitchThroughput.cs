using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Throughput;

/// <summary>
/// The Twitch-aware score and its peer, plain VADER, on the same texts and the same thread, timed side by side
/// (<see cref="PassTimer.MeasurePaired"/>): what the Twitch layer costs against VADER's throughput.
/// </summary>
internal static class TwitchThroughput
{
    internal const string What = "twitch";

    /// <summary>The budget: the layer costs at most 25 % of VADER's throughput, so at most 1/0.75 of its time.</summary>
    internal const double TimeRatioBudget = 1 / 0.75;

    /// <summary>Scores every text of <paramref name="corpus"/> both ways in paired passes; the checksums are of one pass each.</summary>
    internal static (ThroughputResult Twitch, ThroughputResult Vader, ScoreChecksum TwitchChecksum, ScoreChecksum VaderChecksum, PairedTimes Passes) Measure(
        TextCorpus corpus)
    {
        VaderAnalyzer vader = VaderAnalyzer.Default;
        TwitchSentimentAnalyzer twitch = TwitchSentimentAnalyzer.Default;
        string[] texts = corpus.Texts;
        ScoreChecksum vaderChecksum = default;
        ScoreChecksum twitchChecksum = default;
        PairedTimes passes = PassTimer.MeasurePaired(
            () => vaderChecksum = VaderThroughput.ScoreAll(vader, texts),
            () => twitchChecksum = ScoreAll(twitch, texts));
        return (ThroughputResult.OfPasses(What, corpus, passes.Second), ThroughputResult.OfPasses(VaderThroughput.What, corpus, passes.First),
            twitchChecksum, vaderChecksum, passes);
    }

    // the same loop as VaderThroughput.ScoreAll, with direct calls on both sides (a delegate would add to both times)
    private static ScoreChecksum ScoreAll(TwitchSentimentAnalyzer analyzer, string[] texts)
    {
        ScoreChecksum checksum = default;
        foreach (string text in texts)
        {
            checksum = checksum.Add(analyzer.Score(text));
        }

        return checksum;
    }
}

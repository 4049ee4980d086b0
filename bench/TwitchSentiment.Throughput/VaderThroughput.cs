using System.Diagnostics;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Throughput;

/// <summary>Our side: warm up, then one timed pass over every text on the calling thread.</summary>
internal static class VaderThroughput
{
    internal const string What = "vader";

    /// <summary>
    /// The shortest warm-up. Tiered compilation waits 100 ms after start-up before it counts calls, then
    /// recompiles hot methods (with profile data) in the background; a single pass over a few thousand short texts
    /// takes a few milliseconds and would end before any of that, leaving the timed pass on unoptimized code.
    /// </summary>
    private static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(1);

    /// <summary>Scores every text of <paramref name="corpus"/> once, after a warm-up of whole passes.</summary>
    internal static (ThroughputResult Result, ScoreChecksum Checksum, int WarmUpPasses) Measure(TextCorpus corpus)
    {
        VaderAnalyzer analyzer = VaderAnalyzer.Default;
        string[] texts = corpus.Texts;

        int warmUpPasses = 0;
        long warmUpStart = Stopwatch.GetTimestamp();
        do
        {
            ScoreAll(analyzer, texts);
            warmUpPasses++;
        }
        while (Stopwatch.GetElapsedTime(warmUpStart) < MinimumWarmUp);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        ScoreChecksum checksum = ScoreAll(analyzer, texts);
        long end = Stopwatch.GetTimestamp();
        long allocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        double seconds = (double)(end - start) / Stopwatch.Frequency;
        var result = new ThroughputResult(
            What,
            texts.Length,
            seconds,
            texts.Length / seconds,
            corpus.Utf8ByteCount / seconds,
            allocatedBytes);
        return (result, checksum, warmUpPasses);
    }

    private static ScoreChecksum ScoreAll(VaderAnalyzer analyzer, string[] texts)
    {
        ScoreChecksum checksum = default;
        foreach (string text in texts)
        {
            checksum = checksum.Add(analyzer.Score(text));
        }

        return checksum;
    }
}

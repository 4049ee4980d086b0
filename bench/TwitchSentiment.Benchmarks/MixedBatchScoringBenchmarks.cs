using BenchmarkDotNet.Attributes;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Benchmarks;

/// <summary>
/// A batch of texts mixed as in a chat log (<see cref="SampleTexts.MixedBatch"/>), scored one after another as the
/// pipeline scores a batch. The time is per batch; divide by <see cref="BatchSize"/> for the time per text.
/// </summary>
[MemoryDiagnoser]
public class MixedBatchScoringBenchmarks
{
    private readonly VaderAnalyzer _analyzer = VaderAnalyzer.Default;
    private string[] _texts = [];

    /// <summary>The number of texts in the batch.</summary>
    [Params(100, 1_000, 10_000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup() => _texts = SampleTexts.MixedBatch(BatchSize);

    /// <summary>Scores every text; the sum of the compound scores keeps the work observable.</summary>
    [Benchmark]
    public double ScoreBatch()
    {
        double compoundSum = 0;
        foreach (string text in _texts)
        {
            compoundSum += _analyzer.Score(text).Compound;
        }

        return compoundSum;
    }
}

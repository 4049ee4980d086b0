using BenchmarkDotNet.Attributes;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Benchmarks;

/// <summary>
/// Per-message scoring of one review paragraph. The sizes straddle the analyzer's stack-buffer limit (512 UTF-16
/// units): 256 is scored on the stack, 2048 (about the longest chat message Twitch relays) and 8192 with pooled
/// arrays.
/// </summary>
[MemoryDiagnoser]
public class LongTextScoringBenchmarks
{
    private readonly VaderAnalyzer _analyzer = VaderAnalyzer.Default;
    private string _text = string.Empty;

    /// <summary>The paragraph's length in UTF-16 units (about; it ends on a whole word).</summary>
    [Params(256, 2048, 8192)]
    public int TextLength { get; set; }

    [GlobalSetup]
    public void Setup() => _text = SampleTexts.Review(TextLength);

    [Benchmark]
    public SentimentScores Score() => _analyzer.Score(_text);
}

using BenchmarkDotNet.Attributes;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Benchmarks;

/// <summary>Per-message scoring of one short chat line: the common case on a live channel.</summary>
[MemoryDiagnoser]
public class ShortLineScoringBenchmarks
{
    private readonly VaderAnalyzer _analyzer = VaderAnalyzer.Default;
    private string _text = string.Empty;

    [Params(ChatLine.Emote, ChatLine.Negated, ChatLine.Emoji, ChatLine.AllCaps, ChatLine.ButClause)]
    public ChatLine Line { get; set; }

    [GlobalSetup]
    public void Setup() => _text = SampleTexts.Get(Line);

    [Benchmark]
    public SentimentScores Score() => _analyzer.Score(_text);
}

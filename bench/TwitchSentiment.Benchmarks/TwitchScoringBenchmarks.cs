using BenchmarkDotNet.Attributes;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Benchmarks;

/// <summary>
/// What the Twitch layer costs: plain VADER (the baseline) and <c>twitch_compound</c> on the same batch of chat lines
/// (emotes, channel emotes, slang, stretched words, mentions, links, commands, emoji and plain sentences, built here
/// in code), scored one after another. The Ratio column is the Twitch score's time over plain VADER's; the issue's
/// budget is 1.33 (at most 25 % of VADER's throughput lost). Time is per batch.
/// </summary>
[MemoryDiagnoser]
public class TwitchScoringBenchmarks
{
    private static readonly string[] ChatLines =
    [
        "OMEGALUL", "Pog", "LUL what a play", "KEKW KEKW KEKW", "Clap Clap Clap Clap", "PepeHands he died",
        "monkaS this boss is scary", "sodaLUL sodaLUL", "goooood game chat", "LOOOOOL", "hahahaha that was so good",
        "@forsen you are the best streamer", "!roulette all", "check https://example.com/clip it's insane",
        "EZ Clap ggwp", "that was NOT good at all NotLikeThis", "I love this stream so much \U0001F602\U0001F525",
        "what game is this?", "the first half was boring but the ending was great :)", "WHAT A PLAY TriHard",
        "ResidentSleeper", "FeelsGoodMan Clap", "why would you do that DansGame", "5Head strats from the streamer",
    ];

    private readonly VaderAnalyzer _vader = VaderAnalyzer.Default;
    private readonly TwitchSentimentAnalyzer _twitch = TwitchSentimentAnalyzer.Default;
    private string[] _texts = [];

    /// <summary>The number of chat lines in the batch.</summary>
    [Params(1_000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup() => _texts = [.. Enumerable.Range(0, BatchSize).Select(i => ChatLines[i % ChatLines.Length])];

    /// <summary>Plain VADER 3.3.2 over the batch.</summary>
    [Benchmark(Baseline = true)]
    public double Vader()
    {
        double compoundSum = 0;
        foreach (string text in _texts)
        {
            compoundSum += _vader.Score(text).Compound;
        }

        return compoundSum;
    }

    /// <summary>The Twitch-aware score over the same batch.</summary>
    [Benchmark]
    public double Twitch()
    {
        double compoundSum = 0;
        foreach (string text in _texts)
        {
            compoundSum += _twitch.Score(text).Compound;
        }

        return compoundSum;
    }
}

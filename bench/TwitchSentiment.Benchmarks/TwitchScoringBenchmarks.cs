using BenchmarkDotNet.Attributes;
using TwitchSentiment.Sentiment;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Benchmarks;

/// <summary>
/// What the Twitch layer costs: plain VADER (the baseline) and <c>twitch_compound</c> on the same batch of chat lines,
/// scored one after another: <c>Lines=mix</c> is built here in code (emotes, channel emotes, slang, stretched words,
/// mentions, links, commands, emoji and plain sentences); <c>Lines=dev.csv</c> is the 774 real messages of
/// <c>../shared/data/twitch-labeled/dev.csv</c>, offered only when that file is beside the checkout. The Ratio column
/// is the Twitch score's time over plain VADER's; the budget is 1.33 (at most 25 % of VADER's throughput lost).
/// <c>TwitchTagged</c> scores the batch as the pipeline scores lines that carry Twitch's <c>emotes</c> tag: each line's
/// Twitch global emotes of the lexicon are marked, as Twitch marks them (BTTV/FFZ/7TV emotes are not). Time is per batch.
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
    private Range[][] _tags = [];

    private const string MixLines = "mix";
    private const string DevLines = "dev.csv";

    /// <summary>Which chat lines: <see cref="MixLines"/> (1,000 lines) or <see cref="DevLines"/> (774 lines).</summary>
    [ParamsSource(nameof(LineSets))]
    public string Lines { get; set; } = MixLines;

    /// <summary>The line sets this machine has.</summary>
    public static IEnumerable<string> LineSets => DevFile() is null ? [MixLines] : [MixLines, DevLines];

    [GlobalSetup]
    public void Setup()
    {
        _texts = Lines == DevLines
            ? ReadMessages(DevFile() ?? throw new FileNotFoundException("../shared/data/twitch-labeled/dev.csv is not beside the checkout."))
            : [.. Enumerable.Range(0, 1_000).Select(i => ChatLines[i % ChatLines.Length])];
        HashSet<string> globalEmotes = [.. _twitch.Options.Lexicon.Entries
            .Where(entry => entry.Kind == TwitchTokenKind.Emote && entry.Source.StartsWith("Twitch global", StringComparison.Ordinal))
            .Select(entry => entry.Token)];
        _tags = [.. _texts.Select(text => TokenRanges(text).Where(range => globalEmotes.Contains(text[range])).ToArray())];
    }

    /// <summary>Where each token of <paramref name="text"/> lies, split as the scores split it (Python's <c>str.split()</c>).</summary>
    private static List<Range> TokenRanges(string text)
    {
        var ranges = new List<Range>();
        int position = 0;
        while (PythonString.TryNextWord(text, ref position, out Range range))
        {
            ranges.Add(range);
        }

        return ranges;
    }

    /// <summary>dev.csv of the shared data beside the checkout that holds this build, or null.</summary>
    private static string? DevFile()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "..", "shared", "data", "twitch-labeled", "dev.csv");
            if (File.Exists(Path.Combine(directory.FullName, "TwitchSentiment.slnx")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The 'message' column of a CSV file with a header.</summary>
    private static string[] ReadMessages(string path)
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(path) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        int column = Array.IndexOf(parser.ReadFields() ?? [], "message");
        var messages = new List<string>();
        while (parser.ReadFields() is { } fields)
        {
            messages.Add(fields[column]);
        }

        return [.. messages];
    }

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

    /// <summary>The Twitch-aware score over the same batch, each line with its <c>emotes</c> tag.</summary>
    [Benchmark]
    public double TwitchTagged()
    {
        double compoundSum = 0;
        for (int i = 0; i < _texts.Length; i++)
        {
            compoundSum += _twitch.Score(_texts[i], _tags[i]).Compound;
        }

        return compoundSum;
    }
}

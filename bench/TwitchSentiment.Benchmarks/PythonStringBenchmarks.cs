using BenchmarkDotNet.Attributes;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Benchmarks;

/// <summary>
/// The <c>str.lower()</c> and <c>str.isupper()</c> shims on their own, which the analyzer runs on every token;
/// the time reported is per word.
/// </summary>
[MemoryDiagnoser]
public class PythonStringBenchmarks
{
    /// <summary>Words per invocation; both word sets have this many.</summary>
    private const int WordCount = 8;

    /// <summary>Chat words in ASCII: emotes, caps, a contraction, punctuation kept inside the token.</summary>
    private static readonly string[] AsciiWords = ["LUL", "PogChamp", "amazing", "HYPE", "wasn't", "kinda", "GG!!", ":)"];

    /// <summary>
    /// Words off the ASCII fast path: Latin-1 letters, a capital sigma ending a word (the final-sigma rule),
    /// U+0130 (which lower-cases to two units), Cyrillic, and an emoji (a surrogate pair).
    /// </summary>
    private static readonly string[] NonAsciiWords =
        ["ÇA", "Straße", "ΟΔΟΣ", "İSTANBUL", "café", "НЕПЛОХО", "naïve", "GG\U0001F525"];

    private readonly char[] _lowerBuffer = new char[64 * PythonString.MaxLowerExpansion];
    private string[] _words = [];

    [Params(WordScript.Ascii, WordScript.NonAscii)]
    public WordScript Script { get; set; }

    [GlobalSetup]
    public void Setup() => _words = Script == WordScript.Ascii ? AsciiWords : NonAsciiWords;

    [Benchmark(OperationsPerInvoke = WordCount)]
    public int Lower()
    {
        int written = 0;
        foreach (string word in _words)
        {
            written += PythonString.Lower(word, _lowerBuffer);
        }

        return written;
    }

    [Benchmark(OperationsPerInvoke = WordCount)]
    public int IsUpper()
    {
        int upper = 0;
        foreach (string word in _words)
        {
            upper += PythonString.IsUpper(word) ? 1 : 0;
        }

        return upper;
    }
}

/// <summary>Which words <see cref="PythonStringBenchmarks"/> runs on.</summary>
public enum WordScript
{
    /// <summary>ASCII-only words.</summary>
    Ascii,

    /// <summary>Words with non-ASCII code points.</summary>
    NonAscii,
}

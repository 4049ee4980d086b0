using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Sentiment;

/// <summary>
/// VADER's two data files: <c>vader_lexicon.txt</c> (word → mean valence) and <c>emoji_utf8_lexicon.txt</c>
/// (emoji → description), read as the reference's <c>make_lex_dict</c> and <c>make_emoji_dict</c> read them.
/// <see cref="Embedded"/> holds the files of vaderSentiment at commit
/// 94fbd74594ac0714dfc0e55bd7415994b24020cf, checked by SHA-256 when the library was built.
/// </summary>
public sealed class VaderLexicon
{
    /// <summary>The upstream commit whose files are embedded.</summary>
    public const string UpstreamCommit = "94fbd74594ac0714dfc0e55bd7415994b24020cf";

    private const string LexiconFileName = "vader_lexicon.txt";
    private const string EmojiFileName = "emoji_utf8_lexicon.txt";

    private static readonly Lazy<VaderLexicon> EmbeddedLexicon = new(LoadEmbedded);

    private VaderLexicon(FrozenDictionary<string, double> words, FrozenDictionary<int, string> emojis, int emojiLineCount)
    {
        Words = words;
        Emojis = emojis;
        EmojiCount = emojiLineCount;
    }

    /// <summary>The lexicons embedded at build time.</summary>
    public static VaderLexicon Embedded => EmbeddedLexicon.Value;

    /// <summary>Distinct words in the word lexicon (7,506 for the embedded files).</summary>
    public int WordCount => Words.Count;

    /// <summary>Entries in the emoji lexicon file.</summary>
    public int EmojiCount { get; }

    /// <summary>Word → valence, the keys exactly as in the file (a later duplicate wins, as in a Python dict).</summary>
    internal FrozenDictionary<string, double> Words { get; }

    /// <summary>
    /// Code point → description. The reference replaces one character at a time, so only single-code-point
    /// keys can ever match; the others are left out.
    /// </summary>
    internal FrozenDictionary<int, string> Emojis { get; }

    /// <summary>Parses the two files' contents. Throws <see cref="VaderLexiconException"/> naming the bad line.</summary>
    public static VaderLexicon Parse(string lexiconText, string emojiLexiconText)
    {
        ArgumentNullException.ThrowIfNull(lexiconText);
        ArgumentNullException.ThrowIfNull(emojiLexiconText);

        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((int lineNumber, string key, string value) in Fields(lexiconText, LexiconFileName))
        {
            // float(measure): Python accepts surrounding whitespace; so does NumberStyles.Float.
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double valence))
            {
                throw new VaderLexiconException(
                    $"{LexiconFileName} line {lineNumber}: the valence '{Excerpt(value)}' of '{Excerpt(key)}' is not a number. " +
                    "Each line must be 'word<TAB>mean valence[<TAB>…]'; fix the line or use the file from the pinned commit.");
            }

            words[key] = valence;
        }

        var emojis = new Dictionary<int, string>();
        int emojiLines = 0;
        foreach ((_, string key, string description) in Fields(emojiLexiconText, EmojiFileName))
        {
            emojiLines++;
            int index = 0;
            int codePoint = PythonString.ReadCodePoint(key, ref index);
            if (index == key.Length - 1)
            {
                emojis[codePoint] = description;
            }
        }

        return new VaderLexicon(words.ToFrozenDictionary(StringComparer.Ordinal), emojis.ToFrozenDictionary(), emojiLines);
    }

    /// <summary>
    /// The reference's reading of a lexicon: <c>text.rstrip('\n').split('\n')</c>, empty lines skipped,
    /// each line <c>strip()</c>ped and split on tabs, the first two fields kept.
    /// </summary>
    private static IEnumerable<(int LineNumber, string Key, string Value)> Fields(string text, string fileName)
    {
        string[] lines = text.TrimEnd('\n').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = StripPythonWhitespace(lines[i]);
            if (line.Length == 0)
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                throw new VaderLexiconException(
                    $"{fileName} line {i + 1}: '{Excerpt(line)}' has no tab. Each line must be 'key<TAB>value'; " +
                    "fix the line or use the file from the pinned commit.");
            }

            int nextTab = line.IndexOf('\t', tab + 1);
            string value = nextTab < 0 ? line[(tab + 1)..] : line[(tab + 1)..nextTab];
            yield return (i + 1, line[..tab], value);
        }
    }

    private static string StripPythonWhitespace(string line)
    {
        int start = 0;
        int end = line.Length;
        while (start < end && PythonString.IsSpace(line[start]))
        {
            start++;
        }

        while (end > start && PythonString.IsSpace(line[end - 1]))
        {
            end--;
        }

        return line[start..end];
    }

    private static string Excerpt(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static VaderLexicon LoadEmbedded() => Parse(ReadResource(LexiconFileName), ReadResource(EmojiFileName));

    private static string ReadResource(string name)
    {
        using Stream stream = typeof(VaderLexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new VaderLexiconException(
                $"The lexicon '{name}' is not embedded in {typeof(VaderLexicon).Assembly.GetName().Name}. " +
                "Rebuild the library; see the README's 'Building offline' section.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }
}

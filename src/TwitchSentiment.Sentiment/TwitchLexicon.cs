using System.Globalization;
using System.Text;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Sentiment;

/// <summary>
/// The emotes and chat slang the Twitch-aware score knows, each with a valence on VADER's scale. <see cref="Embedded"/>
/// is the lexicon this project writes and maintains (<c>Twitch/twitch-lexicon.tsv</c> in the source, embedded in the
/// library); <see cref="Parse"/> reads a file of the same format, and <see cref="Extend"/> lays one over another.
/// </summary>
/// <remarks>
/// The format is UTF-8 text, one entry per line: <c>token&lt;TAB&gt;valence&lt;TAB&gt;kind[&lt;TAB&gt;source[&lt;TAB&gt;meaning]]</c>,
/// where kind is <c>emote</c>, <c>slang</c> or <c>emoji</c>, optionally followed by a role (<c>emote:laughter</c>,
/// <c>slang:sarcasm</c>), and valence a number from -4 to 4. Empty lines and lines starting
/// with <c>#</c> are skipped, except <c># version&lt;TAB&gt;…</c>, which names the file's version.
/// </remarks>
public sealed class TwitchLexicon
{
    /// <summary>The file name of the embedded lexicon, as its resource is named.</summary>
    public const string EmbeddedFileName = "twitch-lexicon.tsv";

    /// <summary>The most negative valence an entry may have (VADER's scale).</summary>
    public const double MinValence = -4;

    /// <summary>The most positive valence an entry may have (VADER's scale).</summary>
    public const double MaxValence = 4;

    private const string VersionPrefix = "# version\t";
    private const int MinFields = 3;
    private const int MaxFields = 5;

    // U+FE0F VARIATION SELECTOR-16: asks for the emoji presentation of the code point before it ("❤️" is U+2764 U+FE0F).
    private const char EmojiPresentationSelector = '\uFE0F';

    private static readonly Lazy<TwitchLexicon> EmbeddedLexicon = new(LoadEmbedded);

    private TwitchLexicon(string version, IReadOnlyList<TwitchLexiconEntry> entries)
    {
        Version = version;
        Entries = entries;
    }

    /// <summary>The lexicon embedded in this library.</summary>
    public static TwitchLexicon Embedded => EmbeddedLexicon.Value;

    /// <summary>
    /// The version from the file's <c># version</c> line (empty if it has none); an extended lexicon joins the
    /// versions with <c>+</c>.
    /// </summary>
    public string Version { get; }

    /// <summary>The entries in file order, at most one per token and kind.</summary>
    public IReadOnlyList<TwitchLexiconEntry> Entries { get; }

    /// <summary>
    /// Reads a lexicon file's text. <paramref name="sourceName"/> (a file name) is used in error messages. Throws
    /// <see cref="TwitchLexiconException"/> naming the first bad line, what is wrong and how to fix it.
    /// </summary>
    public static TwitchLexicon Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);

        string version = string.Empty;
        var entries = new List<TwitchLexiconEntry>();
        var firstLines = new Dictionary<(TwitchTokenKind, string), int>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i].TrimEnd('\r');
            if (line.StartsWith(VersionPrefix, StringComparison.Ordinal))
            {
                version = line[VersionPrefix.Length..].Trim();
                continue;
            }

            if (line.Length == 0 || line[0] == '#' || line.AsSpan().Trim().IsEmpty)
            {
                continue;
            }

            TwitchLexiconEntry entry = ParseLine(line, sourceName, lineNumber);
            if (!firstLines.TryAdd((entry.Kind, entry.Token), lineNumber))
            {
                throw Error(sourceName, lineNumber, line,
                    $"the {Describe(entry.Kind)} '{entry.Token}' is already on line {firstLines[(entry.Kind, entry.Token)]}; keep one of the two lines");
            }

            entries.Add(entry);
        }

        return new TwitchLexicon(version, entries);
    }

    /// <summary>
    /// This lexicon with <paramref name="additions"/> laid over it: an entry of <paramref name="additions"/> replaces
    /// this lexicon's entry for the same token and kind, and new ones are added at the end.
    /// </summary>
    public TwitchLexicon Extend(TwitchLexicon additions)
    {
        ArgumentNullException.ThrowIfNull(additions);
        var replaced = additions.Entries.ToDictionary(entry => (entry.Kind, entry.Token));
        var entries = new List<TwitchLexiconEntry>(Entries.Count + additions.Entries.Count);
        foreach (TwitchLexiconEntry entry in Entries)
        {
            entries.Add(replaced.Remove((entry.Kind, entry.Token), out TwitchLexiconEntry? replacement) ? replacement : entry);
        }

        entries.AddRange(additions.Entries.Where(entry => replaced.ContainsKey((entry.Kind, entry.Token))));
        string version = additions.Version.Length == 0 ? Version : $"{Version}+{additions.Version}";
        return new TwitchLexicon(version, entries);
    }

    private static TwitchLexiconEntry ParseLine(string line, string sourceName, int lineNumber)
    {
        string[] fields = line.Split('\t');
        if (fields.Length is < MinFields or > MaxFields)
        {
            throw Error(sourceName, lineNumber, line,
                $"it has {fields.Length} tab-separated field{(fields.Length == 1 ? string.Empty : "s")}; " +
                "write 'token<TAB>valence<TAB>emote|slang|emoji[:laughter|:sarcasm][<TAB>source[<TAB>meaning]]'");
        }

        string token = fields[0];
        if (token.Length == 0 || ContainsPythonSpace(token))
        {
            throw Error(sourceName, lineNumber, line,
                "the token is empty or holds a space; an entry is one whitespace-free token as it appears in chat");
        }

        if (!double.TryParse(fields[1], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double valence)
            || !double.IsFinite(valence)
            || valence is < MinValence or > MaxValence)
        {
            throw Error(sourceName, lineNumber, line,
                $"the valence '{Excerpt(fields[1])}' is not a number from -4 to 4 (VADER's scale; write e.g. 2.5 or -1)");
        }

        int colon = fields[2].IndexOf(':', StringComparison.Ordinal);
        string kindName = colon < 0 ? fields[2] : fields[2][..colon];
        TwitchTokenKind kind = kindName switch
        {
            "emote" => TwitchTokenKind.Emote,
            "slang" => TwitchTokenKind.Slang,
            "emoji" => TwitchTokenKind.Emoji,
            _ => throw Error(sourceName, lineNumber, line,
                $"the kind '{Excerpt(kindName)}' is not 'emote' (case-sensitive), 'slang' (case-insensitive word) or 'emoji' (one code point)"),
        };

        TwitchTokenRole role = colon < 0 ? TwitchTokenRole.None : fields[2][(colon + 1)..] switch
        {
            "laughter" => TwitchTokenRole.Laughter,
            "sarcasm" => TwitchTokenRole.Sarcasm,
            _ => throw Error(sourceName, lineNumber, line,
                $"the role '{Excerpt(fields[2][(colon + 1)..])}' is neither 'laughter' nor 'sarcasm'; write e.g. 'emote:laughter', or the kind alone"),
        };

        if (kind == TwitchTokenKind.Emoji)
        {
            // an emoji is one code point, as VADER's emoji lexicon reads them; a trailing U+FE0F (emoji presentation) is dropped
            token = token.TrimEnd(EmojiPresentationSelector);
            int at = 0;
            _ = PythonString.ReadCodePoint(token, ref at);
            if (token.Length == 0 || at + 1 != token.Length)
            {
                throw Error(sourceName, lineNumber, line,
                    "an emoji entry is a single code point (such as 😂 or ❤); write a sequence's parts as separate entries");
            }
        }

        if (kind == TwitchTokenKind.Slang && !string.Equals(PythonString.Lower(token), token, StringComparison.Ordinal))
        {
            throw Error(sourceName, lineNumber, line,
                $"slang is matched case-insensitively, so write it in lower case ('{PythonString.Lower(token)}'), or make it an emote to match '{token}' exactly");
        }

        string source = fields.Length > 3 ? fields[3].Trim() : string.Empty;
        string meaning = fields.Length > 4 ? fields[4].Trim() : string.Empty;
        return new TwitchLexiconEntry(token, valence, kind, source, meaning, role);
    }

    private static bool ContainsPythonSpace(string token)
    {
        for (int i = 0; i < token.Length; i++)
        {
            if (PythonString.IsSpace(PythonString.ReadCodePoint(token, ref i)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(TwitchTokenKind kind) => kind switch
    {
        TwitchTokenKind.Emote => "emote",
        TwitchTokenKind.Emoji => "emoji",
        _ => "slang word",
    };

    private static TwitchLexiconException Error(string sourceName, int lineNumber, string line, string problem) =>
        new($"{sourceName} line {lineNumber}: '{Excerpt(line.Replace('\t', ' '))}': {problem}.");

    private static string Excerpt(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");

    private static TwitchLexicon LoadEmbedded()
    {
        using Stream stream = typeof(TwitchLexicon).Assembly.GetManifestResourceStream(EmbeddedFileName)
            ?? throw new TwitchLexiconException(
                $"The lexicon '{EmbeddedFileName}' is not embedded in {typeof(TwitchLexicon).Assembly.GetName().Name}; rebuild the library.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false);
        return Parse(reader.ReadToEnd(), EmbeddedFileName);
    }
}

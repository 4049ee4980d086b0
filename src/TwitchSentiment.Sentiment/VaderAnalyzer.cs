using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using TwitchSentiment.Sentiment.Internal;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Sentiment;

/// <summary>
/// A port of vaderSentiment's <c>SentimentIntensityAnalyzer</c> at commit 94fbd74594ac0714dfc0e55bd7415994b24020cf
/// (release 3.3.2) that gives the reference's numbers exactly. Build it once; it is immutable and thread-safe,
/// and scoring allocates nothing on the heap. Method names follow the reference's so the two read side by side:
/// <c>polarity_scores</c> is <see cref="Score(ReadOnlySpan{char})"/>, and the rules live in the partial files.
/// </summary>
public sealed partial class VaderAnalyzer
{
    // Texts up to this many UTF-16 units are scored with stack buffers; longer ones rent from the shared pools.
    private const int StackTextLimit = 512;
    private const int StackTokenLimit = (StackTextLimit / 2) + 1;

    // U+FE0F VARIATION SELECTOR-16, which follows many emoji ("❤️"); the Twitch layer drops it with chat emoji meanings.
    private const int EmojiPresentationSelector = 0xFE0F;

    private static readonly Lazy<VaderAnalyzer> DefaultAnalyzer = new(() => new VaderAnalyzer(VaderLexicon.Embedded));

    private readonly WordTable _words;
    private readonly FrozenDictionary<int, string> _emojis;
    private readonly bool _hasAsciiEmoji;
    private readonly int _maxLookupLength;

    // The smallest code point with an emoji description (see TryGetEmoji).
    private readonly int _minEmojiCodePoint;

    // The Twitch-aware layer (TwitchSentimentAnalyzer); null for plain VADER, whose path it never changes.
    private readonly TwitchLayer? _twitch;

    // What a negation ("not", "don't") does to a negative word after it: the reference's N_SCALAR flips it, the Twitch
    // layer (NegatedNegativesNeutral) reads "not bad" as the absence of something bad: 0.
    private readonly double _negatedNegativeScalar;

    /// <summary>Builds an analyzer over <paramref name="lexicon"/>.</summary>
    public VaderAnalyzer(VaderLexicon lexicon)
        : this(lexicon, twitchOptions: null)
    {
    }

    /// <summary>Builds plain VADER, or with <paramref name="twitchOptions"/> the Twitch-aware analyzer.</summary>
    internal VaderAnalyzer(VaderLexicon lexicon, TwitchSentimentOptions? twitchOptions)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        bool chatEmojiMeanings = twitchOptions?.ChatEmojiMeanings ?? false;
        _words = BuildWordTable(lexicon.Words, twitchOptions?.Lexicon, chatEmojiMeanings, out EmoteCandidate[][] emoteGroups);
        _twitch = twitchOptions is null ? null : new TwitchLayer(twitchOptions, emoteGroups, _words);
        _negatedNegativeScalar = twitchOptions?.NegatedNegativesNeutral == true ? 0.0 : VaderReferenceData.NScalar;
        _emojis = chatEmojiMeanings ? ChatEmojis(lexicon.Emojis, twitchOptions!.Lexicon) : lexicon.Emojis;
        _hasAsciiEmoji = _emojis.Keys.Any(codePoint => codePoint < 0x80);
        _minEmojiCodePoint = _emojis.Count == 0 ? int.MaxValue : _emojis.Keys.Min();

        // str.lower() never shortens a word below half its UTF-16 length, so longer tokens cannot match a key.
        _maxLookupLength = _words.MaxKeyLength * 2;
    }

    /// <summary>The analyzer over the embedded lexicons, built on first use.</summary>
    public static VaderAnalyzer Default => DefaultAnalyzer.Value;

    /// <summary>Scores <paramref name="text"/>: the reference's <c>polarity_scores(text)</c>.</summary>
    public SentimentScores Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Score(text.AsSpan());
    }

    /// <summary>Scores <paramref name="text"/>: the reference's <c>polarity_scores(text)</c>.</summary>
    public SentimentScores Score(ReadOnlySpan<char> text) => ScoreCore(text, []);

    /// <summary>
    /// polarity_scores, with the Twitch layer when this analyzer has one: <paramref name="emoteRanges"/> are the
    /// emotes Twitch marked in <paramref name="text"/> (already checked to lie inside it).
    /// </summary>
    internal SentimentScores ScoreCore(ReadOnlySpan<char> text, ReadOnlySpan<Range> emoteRanges) =>
        _twitch is null ? ScoreCore<PlainVader>(text, []) : ScoreCore<TwitchAware>(text, emoteRanges);

    /// <summary>
    /// The Twitch-aware score with every token read by the layer's full reading (<c>TwitchLayer.ReadToken</c>), never
    /// the quick one: the definition the quick reading is tested against.
    /// </summary>
    internal SentimentScores ScoreByFullReading(ReadOnlySpan<char> text, ReadOnlySpan<Range> emoteRanges) =>
        _twitch is null ? throw new InvalidOperationException("Plain VADER has no Twitch layer.") : ScoreCore<TwitchAwareFullReading>(text, emoteRanges);

    // The scores share one body, compiled once per mode: the JIT specializes a method per struct type argument and
    // drops the branches of the other modes, so plain VADER's loop carries none of the layer's code and the layer's
    // loop none of the checks for a missing layer.
    private readonly struct PlainVader;

    private readonly struct TwitchAware;

    private readonly struct TwitchAwareFullReading;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTwitch<TMode>() => typeof(TMode) == typeof(TwitchAware) || typeof(TMode) == typeof(TwitchAwareFullReading);

    private SentimentScores ScoreCore<TMode>(ReadOnlySpan<char> text, ReadOnlySpan<Range> emoteRanges)
        where TMode : struct
    {
        if (IsTwitch<TMode>() && _twitch!.SkipCommands && TwitchLayer.IsCommand(text))
        {
            return TwitchLayer.CommandScores;
        }

        ReadOnlySpan<char> original = text;
        char[]? rentedText = null;
        Token[]? rentedTokens = null;
        double[]? rentedSentiments = null;
        try
        {
            // convert emojis to their textual descriptions (none can hide in pure ASCII unless the lexicon has ASCII keys)
            bool isAscii = Ascii.IsValid(text);
            int replacedLength = isAscii && !_hasAsciiEmoji ? -1 : ReplacedLength(text);
            if (replacedLength >= 0)
            {
                rentedText = ArrayPool<char>.Shared.Rent(replacedLength);
                text = ReplaceEmojis(text, rentedText);
                isAscii = Ascii.IsValid(text);
            }

            int maxTokens = (text.Length / 2) + 1;
            Span<Token> tokens = maxTokens <= StackTokenLimit
                ? stackalloc Token[maxTokens]
                : (rentedTokens = ArrayPool<Token>.Shared.Rent(maxTokens));
            Span<double> sentiments = maxTokens <= StackTokenLimit
                ? stackalloc double[maxTokens]
                : (rentedSentiments = ArrayPool<double>.Shared.Rent(maxTokens));

            Span<char> lower = stackalloc char[_maxLookupLength * PythonString.MaxLowerExpansion];
            Span<char> apostrophes = IsTwitch<TMode>() ? stackalloc char[TwitchLayer.MaxApostropheWordLength] : [];
            int count = WordsAndEmoticons<TMode>(text, isAscii, tokens, lower, apostrophes, original, emoteRanges, out TwitchReading reading);
            tokens = tokens[..count];
            sentiments = sentiments[..count];
            bool isCapDiff = IsTwitch<TMode>() ? TwitchLayer.AllcapDifferential(tokens) : AllcapDifferential(tokens);

            for (int i = 0; i < tokens.Length; i++)
            {
                // check for vader_lexicon words that may be used as modifiers or negations
                if (tokens[i].Info.IsBooster
                    || (i < tokens.Length - 1 && tokens[i].Word == RuleWord.Kind && tokens[i + 1].Word == RuleWord.Of))
                {
                    sentiments[i] = 0;
                    continue;
                }

                sentiments[i] = IsTwitch<TMode>() && (tokens[i].IsEmote || tokens[i].Info.Role == TwitchTokenRole.Laughter)
                    ? TwitchLayer.EmoteValence(tokens[i])
                    : SentimentValence(tokens, i, isCapDiff, _negatedNegativeScalar);
            }

            if (IsTwitch<TMode>())
            {
                // the line passes only run when the tokens read show they can change something
                if (reading.EmoteCount > 1)
                {
                    _twitch!.DampRepeats(tokens, sentiments, reading.EmoteCount);
                }

                if (reading.HasRoles)
                {
                    _twitch!.ApplyLineRules(tokens, sentiments);
                }
            }

            ButCheck(tokens, sentiments);
            return ScoreValence(sentiments, text);
        }
        finally
        {
            if (rentedText is not null)
            {
                ArrayPool<char>.Shared.Return(rentedText);
            }

            if (rentedTokens is not null)
            {
                ArrayPool<Token>.Shared.Return(rentedTokens);
            }

            if (rentedSentiments is not null)
            {
                ArrayPool<double>.Shared.Return(rentedSentiments);
            }
        }
    }

    /// <summary>
    /// The length of <paramref name="text"/> after emoji replacement, or -1 when nothing would be replaced
    /// (the common case: then the text is scored in place).
    /// </summary>
    private int ReplacedLength(ReadOnlySpan<char> text)
    {
        int length = 0;
        bool replaced = false;
        for (int i = 0; i < text.Length; i++)
        {
            int start = i;
            int codePoint = PythonString.ReadCodePoint(text, ref i);
            if (TryGetEmoji(codePoint, out string? description))
            {
                length += description.Length + 1;
                replaced = true;
            }
            else
            {
                length += i + 1 - start;
            }
        }

        return replaced ? length : -1;
    }

    /// <summary>The description of the emoji <paramref name="codePoint"/>; code points below every emoji skip the lookup.</summary>
    private bool TryGetEmoji(int codePoint, [NotNullWhen(true)] out string? description)
    {
        description = null;
        return codePoint >= _minEmojiCodePoint && _emojis.TryGetValue(codePoint, out description);
    }

    /// <summary>polarity_scores' emoji loop: each emoji becomes its description, after a space unless one precedes.</summary>
    private ReadOnlySpan<char> ReplaceEmojis(ReadOnlySpan<char> text, Span<char> destination)
    {
        int written = 0;
        bool prevSpace = true;
        for (int i = 0; i < text.Length; i++)
        {
            int start = i;
            int codePoint = PythonString.ReadCodePoint(text, ref i);
            if (codePoint == EmojiPresentationSelector && _twitch is not null && _twitch.ChatEmojiMeanings)
            {
                continue; // asks for an emoji's picture form; left in, it would glue itself to the emoji's token
            }

            if (TryGetEmoji(codePoint, out string? description))
            {
                if (!prevSpace)
                {
                    destination[written++] = ' ';
                }

                description.CopyTo(destination[written..]);
                written += description.Length;
                prevSpace = false;
            }
            else
            {
                text[start..(i + 1)].CopyTo(destination[written..]);
                written += i + 1 - start;
                prevSpace = codePoint == ' ';
            }
        }

        // The reference strips the result; whitespace at the ends changes neither the tokens nor the '!'/'?' counts.
        return destination[..written];
    }

    /// <summary>
    /// SentiText._words_and_emoticons: <c>text.split()</c>, then <c>_strip_punc_if_word</c> on each token, then what
    /// the rules need of each one. Returns the number of tokens.
    /// </summary>
    /// <remarks>
    /// The caller's stack holds <paramref name="lower"/> (room for a lower-cased word) and <paramref name="apostrophes"/>:
    /// a method that allocates on the stack is compiled once, fully but without the profile the runtime gathers, and this
    /// loop is the one that profits most from it.
    /// </remarks>
    private int WordsAndEmoticons<TMode>(
        ReadOnlySpan<char> text,
        bool isAscii,
        Span<Token> tokens,
        Span<char> lower,
        Span<char> apostrophes,
        ReadOnlySpan<char> original,
        ReadOnlySpan<Range> emoteRanges,
        out TwitchReading reading)
        where TMode : struct
    {
        reading = default;
        int count = 0;
        int position = 0;
        while (PythonString.TryNextWord(text, ref position, out Range range))
        {
            ref Token token = ref tokens[count++];
            scoped ReadOnlySpan<char> word;
            scoped ReadOnlySpan<char> lowered = default; // the word lower-cased, when it was short enough to be looked up
            ulong capitals = 0; // the Twitch layer's: which characters of an ASCII word are capitals (see ReadAsciiWord)

            // an ASCII token reads the same with the ASCII rules in any text (Python's isupper/lower agree on ASCII),
            // so only the tokens that are not pay for the Unicode ones
            bool isAsciiToken = isAscii || Ascii.IsValid(text[range]);
            if (isAsciiToken)
            {
                word = ReadAsciiWord<TMode>(text[range], lower, ref token, out capitals);
                lowered = word.Length <= _maxLookupLength ? lower[..word.Length] : default;
            }
            else
            {
                word = ReadUnicodeWord<TMode>(text[range], lower, apostrophes, ref token, out lowered);
            }

            // most chat tokens are settled by the layer's quick reading; the rest cost a call
            if (IsTwitch<TMode>()
                && !(typeof(TMode) == typeof(TwitchAware) && isAsciiToken
                    && _twitch!.TryReadQuickly(text[range], word, lowered, lower, capitals, ref token, count, original, emoteRanges, ref reading)))
            {
                count = _twitch!.ReadToken(tokens, count, text[range], word, lowered, isAsciiToken, original, emoteRanges, ref reading);
            }
        }

        if (IsTwitch<TMode>() && reading.Joins.IsPending)
        {
            count = _twitch!.EndJoins(tokens, count, ref reading);
        }

        return count;
    }

    /// <summary>
    /// The same for a token with characters beyond ASCII, by Python's Unicode rules; <paramref name="lowered"/> is the
    /// lower-cased word when it was short enough to be looked up. Kept apart from the reading loop: few tokens are these.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReadOnlySpan<char> ReadUnicodeWord<TMode>(
        ReadOnlySpan<char> raw, Span<char> lower, Span<char> apostrophes, ref Token token, out ReadOnlySpan<char> lowered)
        where TMode : struct
    {
        ReadOnlySpan<char> word = StripPuncIfWord(raw);
        if (IsTwitch<TMode>() && _twitch!.PlainApostrophes && word.Length <= apostrophes.Length && word.ContainsAny(TwitchLayer.TypographicApostrophes))
        {
            word = TwitchLayer.WithPlainApostrophes(word, apostrophes);
        }

        token.IsUpper = PythonString.IsUpper(word);
        token.Info = default;
        lowered = default;
        if (word.Length <= _maxLookupLength)
        {
            int lowerLength = PythonString.Lower(word, lower);
            lowered = lower[..lowerLength];
            _words.TryGet(lowered, out token.Info);
        }

        token.IsNegated = token.Info.IsNegation || ContainsNt(word);
        return word;
    }

    /// <summary>
    /// The same for an ASCII token, in one pass: code points are UTF-16 units, <c>isupper()</c> is "some A-Z and no
    /// a-z", and the lower-cased word is hashed while it is written. Returns the word as _strip_punc_if_word leaves it.
    /// For the Twitch layer, bit i of <paramref name="capitals"/> tells that character i is a capital: with the lower-cased
    /// word the table found, that spells the word exactly, so an emote is told by one compare (for words of up to 64).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<char> ReadAsciiWord<TMode>(ReadOnlySpan<char> raw, scoped Span<char> lower, ref Token token, out ulong capitals)
        where TMode : struct
    {
        capitals = 0;
        ReadOnlySpan<char> stripped = PythonString.StripPunctuation(raw);
        ReadOnlySpan<char> word = stripped.Length <= VaderReferenceData.EmoticonMaxLength ? raw : stripped;
        bool hasUpper = false;
        bool hasLower = false;
        token.Info = default;
        if (word.Length <= _maxLookupLength)
        {
            uint hash = WordTable.HashStart;
            for (int i = 0; i < word.Length; i++)
            {
                char c = word[i];
                bool upper = char.IsAsciiLetterUpper(c);
                hasUpper |= upper;
                hasLower |= char.IsAsciiLetterLower(c);
                if (IsTwitch<TMode>())
                {
                    capitals |= (upper ? 1UL : 0UL) << i; // wraps past 64 characters: such words are compared instead
                }

                c = upper ? (char)(c | 0x20) : c;
                lower[i] = c;
                hash = WordTable.HashStep(hash, c);
            }

            _words.TryGet(lower[..word.Length], WordTable.HashEnd(hash), out token.Info);
        }
        else
        {
            hasUpper = word.ContainsAnyInRange('A', 'Z');
            hasLower = word.ContainsAnyInRange('a', 'z');
        }

        token.IsUpper = hasUpper && !hasLower;
        token.IsNegated = token.Info.IsNegation || ContainsNt(word);
        return word;
    }

    /// <summary>
    /// _strip_punc_if_word: strip leading and trailing punctuation, unless that leaves two code points or fewer
    /// (then it was likely an emoticon such as ":)" and stays whole).
    /// </summary>
    private static ReadOnlySpan<char> StripPuncIfWord(ReadOnlySpan<char> token)
    {
        ReadOnlySpan<char> stripped = PythonString.StripPunctuation(token);
        return PythonString.CodePointLength(stripped) <= VaderReferenceData.EmoticonMaxLength ? token : stripped;
    }

    /// <summary>
    /// negated()'s <c>"n't" in word.lower()</c>. Only N/n, the apostrophe and T/t lower-case to those three
    /// characters, so the test runs on the word as it is.
    /// </summary>
    private static bool ContainsNt(ReadOnlySpan<char> word)
    {
        for (int at = 1; at + 1 < word.Length; at++)
        {
            if (word[at] == '\'' && (word[at - 1] | 0x20) == 'n' && (word[at + 1] | 0x20) == 't')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// VADER's emoji descriptions with the lexicon's chat emoji in place of theirs: each of those is "replaced" by itself
    /// and a space, so that it stands alone as a token that the word table knows as an emote.
    /// </summary>
    private static FrozenDictionary<int, string> ChatEmojis(FrozenDictionary<int, string> emojis, TwitchLexicon twitchLexicon)
    {
        var merged = new Dictionary<int, string>(emojis);
        foreach (TwitchLexiconEntry entry in twitchLexicon.Entries.Where(entry => entry.Kind == TwitchTokenKind.Emoji))
        {
            int at = 0;
            merged[PythonString.ReadCodePoint(entry.Token, ref at)] = entry.Token + " ";
        }

        return merged.ToFrozenDictionary();
    }

    /// <summary>
    /// One table for every word the rules look up. With a Twitch lexicon, its slang replaces VADER's valence for the
    /// same word, and each emote joins the group of its lower-cased name (<paramref name="emoteGroups"/>), so that a
    /// token finds its emotes with the lookup VADER already makes and then compares the exact text.
    /// </summary>
    private static WordTable BuildWordTable(
        FrozenDictionary<string, double> lexicon, TwitchLexicon? twitchLexicon, bool chatEmojiMeanings, out EmoteCandidate[][] emoteGroups)
    {
        var entries = new Dictionary<string, WordInfo>(StringComparer.Ordinal);
        void Update(string key, Func<WordInfo, WordInfo> change) =>
            entries[key] = change(entries.TryGetValue(key, out WordInfo info) ? info : default);

        foreach ((string word, double valence) in lexicon)
        {
            Update(word, info => info with { InLexicon = true, Valence = valence });
        }

        foreach ((string word, double scalar) in VaderReferenceData.BoosterDict)
        {
            if (scalar is not (VaderReferenceData.BIncr or VaderReferenceData.BDecr))
            {
                throw new InvalidOperationException($"BOOSTER_DICT['{word}'] is {scalar}; WordInfo keeps only B_INCR or B_DECR.");
            }

            Update(word, info => info with { IsBooster = true, BoosterDampens = scalar == VaderReferenceData.BDecr });
        }

        foreach (string word in VaderReferenceData.Negate)
        {
            Update(word, info => info with { IsNegation = true });
        }

        foreach (RuleWord ruleWord in Enum.GetValues<RuleWord>().Where(w => w != RuleWord.None))
        {
            Update(ruleWord.ToString().ToLowerInvariant(), info => info with { Word = ruleWord });
        }

        foreach ((string phraseWord, short id) in Phrases.WordIds)
        {
            Update(phraseWord, info => info with { PhraseWord = id });
        }

        var groups = new List<List<EmoteCandidate>>();
        foreach (TwitchLexiconEntry entry in twitchLexicon?.Entries ?? [])
        {
            if (entry.Kind == TwitchTokenKind.Emoji && !chatEmojiMeanings)
            {
                continue;
            }

            if (entry.Kind == TwitchTokenKind.Slang)
            {
                // slang of valence 0 is a plain word: out of the lexicon, so ALL CAPS cannot push it to -0.733
                Update(entry.Token, info => info with { InLexicon = entry.Valence != 0, Valence = entry.Valence, Role = entry.Role });
                continue;
            }

            // an emote, or an emoji with its chat meaning: the emoji stands alone as a token (see ChatEmojis) and is
            // matched like an emote
            string key = PythonString.Lower(entry.Token);
            Update(key, info =>
            {
                if (info.EmoteGroup == 0)
                {
                    groups.Add([]);
                    info = info with { EmoteGroup = checked((short)groups.Count) };
                }

                groups[info.EmoteGroup - 1].Add(new EmoteCandidate(entry.Token, entry.Valence, entry.Role));
                return info;
            });
        }

        emoteGroups = [.. groups.Select(group => group.ToArray())];

        return new WordTable(entries);
    }
}

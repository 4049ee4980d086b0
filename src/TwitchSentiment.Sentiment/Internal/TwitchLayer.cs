using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace TwitchSentiment.Sentiment.Internal;

/// <summary>
/// What the Twitch layer keeps while a line's tokens are read: the joins under way, and whether its line passes have
/// anything to do.
/// </summary>
internal struct TwitchReading
{
    /// <summary>How many tokens are emotes (repeats need two).</summary>
    internal int EmoteCount;

    /// <summary>Whether some token has a role (laughter, sarcasm) that the line rules read.</summary>
    internal bool HasRoles;

    internal TokenJoins Joins;
}

/// <summary>
/// What <see cref="TwitchLayer.JoinTokens"/> remembers from one token to the next: whether the last token was "let's",
/// and the run of single letters being read (<c>D I E</c>).
/// </summary>
internal struct TokenJoins
{
    internal bool PreviousIsLets;
    internal int LetterRun;
    internal int RunStart;
    internal bool RunUpper;
    internal LetterBuffer Letters;

    /// <summary>Whether the next token may complete a join.</summary>
    internal readonly bool IsPending => PreviousIsLets || LetterRun > 0;

    /// <summary>Room for the letters of one spaced-out word.</summary>
    [InlineArray(TwitchLayer.MaxSpacedLetters)]
    internal struct LetterBuffer
    {
        private char _first;
    }
}

/// <summary>One emote (or chat emoji) of the Twitch lexicon: its exact name, valence and role.</summary>
internal readonly record struct EmoteCandidate(string Name, double Valence, TwitchTokenRole Role);

/// <summary>
/// An emote as the layer matches it: what a token that is the emote reads as, where its name is kept, whether the name
/// is ASCII, and which of its characters are capitals A-Z (bit i for character i; see <see cref="TwitchLayer.MaxCapitalsLength"/>).
/// </summary>
internal readonly record struct EmoteReading(WordInfo Reading, int NameStart, int NameLength, bool IsAsciiName, ulong Capitals);

/// <summary>
/// What the Twitch-aware score adds to VADER's token reading: emotes matched case-sensitively (one group per
/// lower-cased name, found through the same word-table lookup VADER makes), emotes named by Twitch's <c>emotes</c>
/// tag, and tokens that are not words of the message (mentions, links, invisible filler). Immutable.
/// </summary>
internal sealed class TwitchLayer
{
    /// <summary>How far back (in tokens) a repeat of the same emote is looked for; bounds the work on long texts.</summary>
    internal const int RepeatWindow = 256;

    // U+2800 BRAILLE PATTERN BLANK: drawn as nothing, used in chat as filler and in ASCII-art copypasta.
    private const int BrailleBlank = 0x2800;

    // Twitch channel emote prefixes are 3 to 10 lower-case letters or digits ("forsen", "moon2", "soda").
    private const int MinPrefixLength = 3;
    private const int MaxPrefixLength = 10;

    // A channel emote's suffix must be at least this long to be read ("sodaLUL", "rooEZ"; not "moon2S", "xqcL").
    private const int MinSuffixLength = 2;

    // Words shorter than this ("haha") are neither stretched words nor channel emotes (3-letter prefix + 2).
    private const int MinExaminedLength = 4;

    // Words longer than this are not examined for elongation or as channel emotes (a stack buffer holds them).
    private const int MaxExaminedLength = 64;

    // A run of one letter this long or longer is an elongation ("LOOOOL", "niceeee"); "good" and "lmao" have shorter runs.
    private const int ElongationRun = 3;

    // The laughter word a "hahaha"/"ahahah" of any length counts as (VADER's "haha").
    private const string Laughter = "haha";

    // Laughter after negative words laughs at something: it counts this share of its valence, with the opposite sign.
    // Half: mockery is a milder judgement than the words' own.
    private const double MockeryScalar = -0.5;

    // The slang entry "let's go" is read as.
    private const string LetsGo = "letsgo";

    private readonly WordInfo _letsGo;

    // The emotes of every group side by side, group by group (group g is _emotes[_groupStarts[g - 1].._groupStarts[g]]),
    // their names in one buffer: matching a token reads two flat arrays instead of following a reference per emote.
    private readonly int[] _groupStarts;
    private readonly EmoteReading[] _emotes;
    private readonly char[] _emoteNames;
    private readonly WordTable _words;

    internal TwitchLayer(TwitchSentimentOptions options, EmoteCandidate[][] groups, WordTable words)
    {
        _groupStarts = new int[groups.Length + 1];
        var emotes = new List<EmoteReading>();
        var names = new StringBuilder();
        for (int g = 0; g < groups.Length; g++)
        {
            foreach (EmoteCandidate emote in groups[g])
            {
                emotes.Add(new EmoteReading(
                    EmoteInfo(emote.Valence, (short)(g + 1), emote.Role), names.Length, emote.Name.Length, Ascii.IsValid(emote.Name), Capitals(emote.Name)));
                names.Append(emote.Name);
            }

            _groupStarts[g + 1] = emotes.Count;
        }

        _emotes = [.. emotes];
        _emoteNames = names.ToString().ToCharArray();
        _words = words;
        InferChannelEmotes = options.InferChannelEmotes;
        ReadElongations = options.ReadElongations;
        SkipCommands = options.SkipCommands;
        SkipMentions = options.SkipMentions;
        SkipUrls = options.SkipUrls;
        SkipInvisibleTokens = options.SkipInvisibleTokens;
        RepeatDamping = options.RepeatDamping;
        ChatEmojiMeanings = options.ChatEmojiMeanings;
        MockingLaughter = options.MockingLaughter;
        SarcasmMarkers = options.SarcasmMarkers;
        PlainApostrophes = options.PlainApostrophes;
        ChatPhrases = options.ChatPhrases;
        _words.TryGet(LetsGo, out _letsGo);
    }

    /// <summary>What a chat command line scores: all neutral, as a line of words with no valence.</summary>
    internal static SentimentScores CommandScores => new(0.0, 1.0, 0.0, 0.0);

    internal bool SkipCommands { get; }

    internal bool SkipMentions { get; }

    internal bool SkipUrls { get; }

    internal bool SkipInvisibleTokens { get; }

    internal double RepeatDamping { get; }

    internal bool InferChannelEmotes { get; }

    internal bool ReadElongations { get; }

    internal bool ChatEmojiMeanings { get; }

    internal bool MockingLaughter { get; }

    internal bool SarcasmMarkers { get; }

    /// <summary>Words up to this long have their typographic apostrophes made plain (a stack buffer holds them).</summary>
    internal const int MaxApostropheWordLength = 64;

    /// <summary>U+2019 and U+2018, which phone keyboards type for the apostrophe ("can’t").</summary>
    internal static readonly System.Buffers.SearchValues<char> TypographicApostrophes = System.Buffers.SearchValues.Create("\u2019\u2018");

    internal bool PlainApostrophes { get; }

    /// <summary>Copies <paramref name="word"/> into <paramref name="destination"/> with ’ and ‘ written as '.</summary>
    internal static ReadOnlySpan<char> WithPlainApostrophes(ReadOnlySpan<char> word, Span<char> destination)
    {
        word.CopyTo(destination);
        destination = destination[..word.Length];
        destination.ReplaceAny(TypographicApostrophes, '\'');
        return destination;
    }

    /// <summary>A spaced-out word has at least this many letters (<c>D I E</c>); two are too often initials (<c>I C</c>).</summary>
    internal const int MinSpacedLetters = 3;

    /// <summary>A spaced-out word has at most this many letters.</summary>
    internal const int MaxSpacedLetters = 16;

    internal bool ChatPhrases { get; }

    /// <summary>Whether a token can start a join: a single character, or "lets"/"let's" (checked by the caller per token).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool MayStartJoin(ReadOnlySpan<char> word, ReadOnlySpan<char> lowered) =>
        word.Length == 1 || (lowered.Length is 4 or 5 && lowered[0] == 'l');

    /// <summary>
    /// Joins tokens that chat writes apart but means as one word, after the token at <c>count - 1</c> was read:
    /// "let's go" (the hype chant, read as the slang <c>letsgo</c>) and a word spelled out in single letters
    /// (<c>D I E</c>, read as <c>die</c> when the lexicons know it). Returns the new token count. The caller calls it
    /// only while <see cref="TokenJoins.IsPending"/> or for a token that <see cref="MayStartJoin"/>.
    /// </summary>
    internal int JoinTokens(Span<Token> tokens, int count, ReadOnlySpan<char> word, scoped ReadOnlySpan<char> lowered, ref TwitchReading reading)
    {
        ref TokenJoins joins = ref reading.Joins;
        ref Token current = ref tokens[count - 1];
        if (joins.PreviousIsLets)
        {
            joins.PreviousIsLets = false;
            if (IsGo(lowered) && _letsGo.InLexicon)
            {
                ref Token lets = ref tokens[count - 2];
                lets.Info = _letsGo;
                lets.IsUpper &= current.IsUpper;
                lets.IsNegated = false;
                return count - 1;
            }
        }

        if (word.Length == 1 && char.IsAsciiLetter(word[0]) && !current.IsEmote)
        {
            AddLetter(ref joins, count - 1, word[0]);
            return count;
        }

        if (joins.LetterRun >= MinSpacedLetters)
        {
            Token next = current;
            count = EndJoins(tokens, count - 1, ref reading);
            tokens[count++] = next;
        }

        joins.LetterRun = 0;
        joins.PreviousIsLets = IsLets(lowered) && !tokens[count - 1].IsEmote;
        return count;
    }

    /// <summary>Adds the single letter at token <paramref name="index"/> to the run being read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddLetter(ref TokenJoins joins, int index, char letter)
    {
        if (joins.LetterRun == 0)
        {
            joins.RunStart = index;
            joins.RunUpper = true;
        }

        if (joins.LetterRun < MaxSpacedLetters)
        {
            joins.Letters[joins.LetterRun] = (char)(letter | 0x20);
        }

        joins.RunUpper &= char.IsAsciiLetterUpper(letter);
        joins.LetterRun++;
    }

    /// <summary>"lets" or "let's", lower-cased: the first word of "let's go".</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLets(ReadOnlySpan<char> lowered) =>
        (lowered.Length == 4 && FirstFourUnits(lowered) == Lets) || (lowered.Length == 5 && FirstFourUnits(lowered) == LetApostrophe && lowered[4] == 's');

    // "lets" and "let'" as four UTF-16 units read at once (little-endian), so that testing a word is one compare
    private const ulong Lets = 'l' | ((ulong)'e' << 16) | ((ulong)'t' << 32) | ((ulong)'s' << 48);
    private const ulong LetApostrophe = 'l' | ((ulong)'e' << 16) | ((ulong)'t' << 32) | ((ulong)'\'' << 48);

    private static ulong FirstFourUnits(ReadOnlySpan<char> word) => BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.AsBytes(word[..4]));

    /// <summary>
    /// Closes a run of single letters that ends the tokens before <paramref name="count"/>; returns the new count.
    /// <see cref="TwitchReading.HasRoles"/> is set when the joined word has a role.
    /// </summary>
    internal int EndJoins(Span<Token> tokens, int count, ref TwitchReading reading)
    {
        ref TokenJoins joins = ref reading.Joins;
        int run = joins.LetterRun;
        joins.LetterRun = 0;
        if (run < MinSpacedLetters || run > MaxSpacedLetters
            || !_words.TryGet(((ReadOnlySpan<char>)joins.Letters)[..run], out WordInfo info) || !info.InLexicon)
        {
            return count;
        }

        tokens[joins.RunStart] = new Token { Info = info, IsUpper = joins.RunUpper, IsNegated = info.IsNegation };
        reading.HasRoles |= info.Role != TwitchTokenRole.None;
        return joins.RunStart + 1;
    }

    /// <summary>"go", "gooo": the second word of "let's go".</summary>
    private static bool IsGo(ReadOnlySpan<char> lowered) =>
        lowered.Length >= 2 && lowered[0] == 'g' && !lowered[1..].ContainsAnyExcept('o');

    /// <summary>A chat command for a bot (<c>!roulette all</c>): '!' then a letter at the start of the line.</summary>
    internal static bool IsCommand(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || (text[0] != '!' && !char.IsWhiteSpace(text[0])))
        {
            return false;
        }

        text = text.TrimStart();
        return text.Length > 1 && text[0] == '!' && char.IsAsciiLetter(text[1]);
    }

    /// <summary>
    /// The layer's work on an ASCII token, just read by VADER's rules as the token at <c>count - 1</c>, when it is one
    /// of the common cases, settled inline: no mention or link, no "lets" and no join under way, and an emote of the
    /// lexicon (spelled exactly), or else a token the <c>emotes</c> tag does not mark that is a word VADER's rules read,
    /// a word too short to be examined, or an unknown word that can be neither laughter (its first three letters h, a
    /// or e) nor stretched (a letter three times in a row); one with a channel emote's shape is read as one. Returns
    /// false for every other token, having changed nothing that <see cref="ReadToken"/>, which then decides, reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryReadQuickly(
        ReadOnlySpan<char> raw,
        ReadOnlySpan<char> word,
        scoped ReadOnlySpan<char> lowered,
        scoped ReadOnlySpan<char> lower,
        ulong capitals,
        ref Token token,
        int count,
        ReadOnlySpan<char> original,
        ReadOnlySpan<Range> emoteRanges,
        ref TwitchReading reading)
    {
        ref TokenJoins joins = ref reading.Joins;
        int length = word.Length;
        bool letter = (length == 1) && char.IsAsciiLetter(word[0]);
        if ((raw[0] == '@') | (lowered.Length != length) | joins.PreviousIsLets | (joins.LetterRun >= MinSpacedLetters & !letter)
            || MayBeUrl(raw) || (ChatPhrases && IsLets(lowered)))
        {
            return false;
        }

        // an emote exactly as the lexicon spells it, or else the word itself ("kekw", the slang, is not the emote KEKW)
        if (TryEmoteByCapitals(token.Info.EmoteGroup, raw, word, capitals, out WordInfo emote))
        {
            SetEmote(ref token, emote);
            reading.EmoteCount++;
            return EndQuickRead(word, ref token, letter, count, ref reading);
        }

        if (!emoteRanges.IsEmpty && IsTagged(raw, word, original, emoteRanges))
        {
            return false; // an emote Twitch marked that the lexicon does not know: Apply reads it
        }

        token.IsEmote = false;
        if (!token.Info.IsKnown && length >= MinExaminedLength)
        {
            // an unknown word that may be stretched or laughter is examined by Apply; one with a channel emote's shape
            // is read as one here (the tests are combined without branches: which way each goes depends on the word)
            if ((IsLaughterLetter(lowered[0]) & IsLaughterLetter(lowered[1]) & IsLaughterLetter(lowered[2])) | HasRun(lower, length))
            {
                return false;
            }

            // (the word was lower-cased, so its capitals are all in the bits: any bit means a capital)
            if (InferChannelEmotes & (capitals != 0) & char.IsAsciiLetterLower(word[0])
                && TryChannelEmote(word, lowered, out WordInfo channelEmote))
            {
                SetEmote(ref token, channelEmote);
                reading.EmoteCount++;
            }
        }

        return EndQuickRead(word, ref token, letter, count, ref reading);
    }

    /// <summary>The end of <see cref="TryReadQuickly"/> for a token it settled: the line's roles and the letter run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool EndQuickRead(ReadOnlySpan<char> word, ref Token token, bool letter, int count, ref TwitchReading reading)
    {
        ref TokenJoins joins = ref reading.Joins;
        reading.HasRoles |= token.Info.Role != TwitchTokenRole.None;
        if (ChatPhrases)
        {
            if (letter && !token.IsEmote)
            {
                AddLetter(ref joins, count - 1, word[0]);
            }
            else
            {
                joins.LetterRun = 0; // a run of one or two letters ends unjoined (longer ones went to ReadToken)
            }
        }

        return true;
    }

    /// <summary>
    /// The layer's work on the token at <c>count - 1</c>, which <see cref="TryReadQuickly"/> could not settle (or which
    /// a join under way must see): <see cref="Apply"/>, then the line's counts and the joins. Returns the new token count.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int ReadToken(
        Span<Token> tokens,
        int count,
        ReadOnlySpan<char> raw,
        ReadOnlySpan<char> word,
        scoped ReadOnlySpan<char> lowered,
        bool isAscii,
        ReadOnlySpan<char> original,
        ReadOnlySpan<Range> emoteRanges,
        ref TwitchReading reading)
    {
        ref Token token = ref tokens[count - 1];
        if (!Apply(raw, word, lowered, ref token, isAscii, original, emoteRanges))
        {
            return count - 1;
        }

        reading.EmoteCount += token.IsEmote ? 1 : 0;
        reading.HasRoles |= token.Info.Role != TwitchTokenRole.None;
        if (reading.Joins.IsPending || (ChatPhrases && MayStartJoin(word, lowered)))
        {
            count = JoinTokens(tokens, count, word, lowered, ref reading);
        }

        return count;
    }

    /// <summary>
    /// Applies the layer to one token already read by VADER's rules (<paramref name="word"/> is its
    /// <c>_strip_punc_if_word</c> form). Returns false when the token is not a word of the message and is dropped.
    /// </summary>
    private bool Apply(
        ReadOnlySpan<char> raw,
        ReadOnlySpan<char> word,
        scoped ReadOnlySpan<char> lowered,
        ref Token token,
        bool isAscii,
        ReadOnlySpan<char> original,
        ReadOnlySpan<Range> emoteRanges)
    {
        token.IsEmote = false;
        if (SkipMentions && raw.Length > 1 && raw[0] == '@')
        {
            return false;
        }

        if (SkipUrls && IsUrl(raw))
        {
            return false;
        }

        if (TryEmote(token.Info.EmoteGroup, raw, word, out WordInfo emote))
        {
            SetEmote(ref token, emote);
            return true;
        }

        if (!emoteRanges.IsEmpty && IsTagged(raw, word, original, emoteRanges))
        {
            // an emote Twitch marked that the lexicon does not know (a channel's own emote): an emote, not a word,
            // neutral unless its name reads as prefix + a known emote or word (a suffix word's role it keeps either way)
            WordInfo reading = default;
            if (InferChannelEmotes && !TryChannelEmote(word, lowered, out reading))
            {
                reading = EmoteInfo(0.0, 0, reading.Role);
            }

            SetEmote(ref token, reading);
            return true;
        }

        if (token.Info.IsKnown || word.Length < MinExaminedLength)
        {
            return isAscii || !SkipInvisibleTokens || !IsInvisible(raw);
        }

        // most unknown words are plain lower-case words: one scan over the word and its lower-cased form tells whether
        // it has a capital (which a channel emote's suffix needs), a stretched letter, or only laughter's letters
        bool mayBeChannelEmote = true;
        bool mayBeElongated = true;
        if (lowered.Length == word.Length && word.Length <= MaxExaminedLength)
        {
            mayBeChannelEmote = false;
            bool stretched = false;
            bool laughterLetters = IsLaughterLetter(lowered[0]);
            int run = 1;
            for (int i = 1; i < word.Length; i++)
            {
                mayBeChannelEmote |= word[i] != lowered[i];
                laughterLetters &= IsLaughterLetter(lowered[i]);
                run = lowered[i] == lowered[i - 1] ? run + 1 : 1;
                stretched |= run >= ElongationRun;
            }

            mayBeElongated = stretched || laughterLetters;
        }

        if (InferChannelEmotes && mayBeChannelEmote && TryChannelEmote(word, lowered, out WordInfo channelEmote))
        {
            SetEmote(ref token, channelEmote);
            return true;
        }

        if (ReadElongations && mayBeElongated && TryElongated(word, lowered, out WordInfo info))
        {
            token.Info = info;
            token.IsNegated = info.IsNegation;
            return true;
        }

        return isAscii || !SkipInvisibleTokens || !IsInvisible(raw);
    }

    /// <summary>
    /// allcap_differential over the words only: emotes are names, so they neither shout nor keep the words around
    /// them from shouting.
    /// </summary>
    internal static bool AllcapDifferential(ReadOnlySpan<Token> tokens)
    {
        int words = 0;
        int allcapWords = 0;
        foreach (Token token in tokens)
        {
            if (!token.IsEmote)
            {
                words++;
                allcapWords += token.IsUpper ? 1 : 0;
            }
        }

        int capDifferential = words - allcapWords;
        return capDifferential > 0 && capDifferential < words;
    }

    /// <summary>Picks the main loop's valence: an emote's own valence (words around it neither negate nor boost it).</summary>
    internal static double EmoteValence(in Token token) => token.Info.Valence;

    /// <summary>
    /// Whether the token is one of the emotes of <paramref name="group"/>, spelled exactly (the word, or the whole
    /// token with its punctuation); <paramref name="reading"/> is then what it reads as.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryEmote(short group, ReadOnlySpan<char> raw, ReadOnlySpan<char> word, out WordInfo reading)
    {
        if (group != 0)
        {
            int end = _groupStarts[group];
            for (int i = _groupStarts[group - 1]; i < end; i++)
            {
                ref readonly EmoteReading emote = ref _emotes[i];
                ReadOnlySpan<char> name = _emoteNames.AsSpan(emote.NameStart, emote.NameLength);

                // the word is the token or a part of it: the same length means the same text
                if (word.SequenceEqual(name) || (raw.Length != word.Length && raw.SequenceEqual(name)))
                {
                    reading = emote.Reading;
                    return true;
                }
            }
        }

        reading = default;
        return false;
    }

    /// <summary>
    /// <see cref="TryEmote"/> for an ASCII word whose capitals are <paramref name="capitals"/>: its lower-cased form is
    /// the group's key, so an ASCII name of the same length with the same capitals is the same text (no character compare).
    /// The whole token (<paramref name="raw"/>) need not be compared: a name that spelled it would lower-case to a key as
    /// long as the token, not the shorter word's. Words longer than <see cref="MaxCapitalsLength"/> are compared.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryEmoteByCapitals(short group, ReadOnlySpan<char> raw, ReadOnlySpan<char> word, ulong capitals, out WordInfo reading)
    {
        if (group == 0 || word.Length > MaxCapitalsLength)
        {
            return TryEmote(group, raw, word, out reading);
        }

        int end = _groupStarts[group];
        for (int i = _groupStarts[group - 1]; i < end; i++)
        {
            ref readonly EmoteReading emote = ref _emotes[i];
            if (emote.Capitals == capitals && emote.NameLength == word.Length && emote.IsAsciiName)
            {
                reading = emote.Reading;
                return true;
            }
        }

        reading = default;
        return false;
    }

    /// <summary>Words up to this long have their capitals kept as the bits of one number.</summary>
    internal const int MaxCapitalsLength = 64;

    /// <summary>Bit i set for each capital A-Z at position i of <paramref name="name"/> (its first 64 characters).</summary>
    private static ulong Capitals(string name)
    {
        ulong capitals = 0;
        for (int i = 0; i < Math.Min(name.Length, MaxCapitalsLength); i++)
        {
            capitals |= char.IsAsciiLetterUpper(name[i]) ? 1UL << i : 0;
        }

        return capitals;
    }

    /// <summary>
    /// A channel emote is the channel's prefix (3 to 10 lower-case letters or digits) and a capitalized suffix, and the
    /// suffix is often a known emote or a feeling word: <c>sodaLUL</c>, <c>rooEZ</c>, <c>cirLove</c>, <c>sodaRAGE</c>.
    /// The emote reads as its suffix does (an emote of the lexicon, matched exactly, or else a word): that is
    /// <paramref name="reading"/>. A suffix that is a word out of the lexicon makes it no channel emote, but
    /// <paramref name="reading"/> still carries the word's role.
    /// </summary>
    private bool TryChannelEmote(ReadOnlySpan<char> word, scoped ReadOnlySpan<char> lowered, out WordInfo reading)
    {
        reading = default;
        if (word.Length > MaxExaminedLength || word.Length == 0 || !char.IsAsciiLetterLower(word[0]))
        {
            return false;
        }

        int prefixLength = 0;
        while (prefixLength < word.Length && (char.IsAsciiLetterLower(word[prefixLength]) || char.IsAsciiDigit(word[prefixLength])))
        {
            prefixLength++;
        }

        ReadOnlySpan<char> suffix = word[prefixLength..];
        if (prefixLength is < MinPrefixLength or > MaxPrefixLength
            || suffix.Length < MinSuffixLength
            || !char.IsAsciiLetterUpper(suffix[0])
            || suffix.ContainsAnyExcept(AsciiLettersAndDigits))
        {
            return false;
        }

        // the suffix is ASCII, so its lower-cased form is the same part of the lower-cased word
        Span<char> lower = stackalloc char[MaxExaminedLength];
        ReadOnlySpan<char> lowerSuffix = lowered.Length == word.Length
            ? lowered[prefixLength..]
            : lower[..suffix.ToLowerInvariant(lower)];
        if (!_words.TryGet(lowerSuffix, out WordInfo info))
        {
            return false;
        }

        if (TryEmote(info.EmoteGroup, suffix, suffix, out reading))
        {
            return true;
        }

        reading = EmoteInfo(info.Valence, 0, info.Role);
        return info.InLexicon;
    }

    /// <summary>
    /// A word stretched for emphasis: letter runs of three or more are read as two ("goooood" → "good"), then as one
    /// ("LOOOOOL" → "lol", "WTTTFFF" → "wtf"), and any "hahaha"/"AHAHAHA" is laughter ("haha"). Only words the
    /// lexicon does not know as they are written come here.
    /// </summary>
    private bool TryElongated(ReadOnlySpan<char> word, scoped ReadOnlySpan<char> lowered, out WordInfo info)
    {
        info = default;
        if (word.Length > MaxExaminedLength || word.Length < ElongationRun + 1)
        {
            return false;
        }

        // most words have neither a stretched letter nor laughter's letters: one cheap scan sends them back
        Span<char> lower = stackalloc char[MaxExaminedLength];
        if (lowered.Length != word.Length)
        {
            lowered = lower[..word.ToLowerInvariant(lower)];
        }

        bool laughter = lowered[0] is 'h' or 'a' or 'e' && IsLaughter(lowered);
        if ((!laughter && !HasRun(lowered)) || word.ContainsAnyExcept(AsciiLettersAndDigits))
        {
            return false;
        }

        if (laughter)
        {
            return _words.TryGet(Laughter, out info) && info.InLexicon;
        }

        Span<char> collapsed = stackalloc char[MaxExaminedLength];
        for (int keep = 2; keep >= 1; keep--)
        {
            int written = Collapse(lowered, collapsed, keep, out bool changed);
            if (!changed)
            {
                return false;
            }

            if (_words.TryGet(collapsed[..written], out info) && (info.InLexicon || info.IsBooster || info.IsNegation))
            {
                return true;
            }
        }

        info = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLaughterLetter(char lower) => (lower == 'h') | (lower == 'a') | (lower == 'e');

    /// <summary>
    /// <see cref="HasRun(ReadOnlySpan{char})"/> for the first <paramref name="length"/> characters of
    /// <paramref name="lower"/>: for a word of up to ten characters in a buffer of ten or more, three overlapping vector
    /// compares and no loop (what the buffer holds after the word is masked off).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasRun(ReadOnlySpan<char> lower, int length)
    {
        if (length > 10 || lower.Length < 10)
        {
            return HasRun(lower[..length]);
        }

        ReadOnlySpan<ushort> units = MemoryMarshal.Cast<char, ushort>(lower);
        Vector128<ushort> first = Vector128.Create(units);
        Vector128<ushort> second = Vector128.Create(units[1..]);
        Vector128<ushort> third = Vector128.Create(units[2..]);
        // read as bytes: two mask bits per character (the byte-wide mask is one instruction, also under native AOT)
        uint runStarts = (Vector128.Equals(first, second) & Vector128.Equals(second, third)).AsByte().ExtractMostSignificantBits();
        return (runStarts & ((1u << (2 * Math.Max(length - 2, 0))) - 1)) != 0;
    }

    /// <summary>Whether <paramref name="word"/> holds a run of <see cref="ElongationRun"/> (three) or more equal characters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasRun(ReadOnlySpan<char> word)
    {
        for (int i = 2; i < word.Length; i++)
        {
            if ((word[i] == word[i - 1]) & (word[i - 1] == word[i - 2]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Copies <paramref name="word"/> with every run of three or more equal characters cut to <paramref name="keep"/>.</summary>
    private static int Collapse(ReadOnlySpan<char> word, Span<char> destination, int keep, out bool changed)
    {
        int written = 0;
        changed = false;
        for (int i = 0; i < word.Length;)
        {
            int run = 1;
            while (i + run < word.Length && word[i + run] == word[i])
            {
                run++;
            }

            int copied = run >= ElongationRun ? keep : run;
            changed |= copied != run;
            for (int c = 0; c < copied; c++)
            {
                destination[written++] = word[i];
            }

            i += run;
        }

        return written;
    }

    /// <summary>"haha", "ahahah", "hehehe": only h and one of a or e, h never doubled, at least two h, four letters.</summary>
    private static bool IsLaughter(ReadOnlySpan<char> lower)
    {
        int h = 0;
        char vowel = lower.IndexOfAny('a', 'e') is int at and >= 0 ? lower[at] : 'a';
        for (int i = 0; i < lower.Length; i++)
        {
            char c = lower[i];
            if (c != 'h' && c != vowel)
            {
                return false;
            }

            h += c == 'h' ? 1 : 0;
            if (i > 0 && c == 'h' && lower[i - 1] == 'h')
            {
                return false;
            }
        }

        return h >= 2;
    }

    /// <summary>
    /// Damps repeated emotes (spam such as <c>Clap Clap Clap</c>): the n-th occurrence of an emote counts
    /// <see cref="RepeatDamping"/>^(n-1) of its valence, so spam stays as positive or negative as one emote but
    /// cannot outweigh the words of the message. <paramref name="emoteCount"/>: how many tokens are emotes (at most).
    /// </summary>
    internal void DampRepeats(ReadOnlySpan<Token> tokens, Span<double> sentiments, int emoteCount)
    {
        if (tokens.Length <= RepeatWindow)
        {
            // every earlier repeat is inside the window: one pass, keeping each emote group's next factor
            Span<short> groups = stackalloc short[emoteCount];
            Span<double> factors = stackalloc double[emoteCount];
            int tracked = 0;
            for (int i = 0; i < tokens.Length; i++)
            {
                if (!tokens[i].IsEmote)
                {
                    continue;
                }

                short group = tokens[i].Info.EmoteGroup;
                int slot = groups[..tracked].IndexOf(group);
                if (slot < 0)
                {
                    slot = tracked++;
                    groups[slot] = group;
                    factors[slot] = 1.0;
                }

                sentiments[i] *= factors[slot];
                factors[slot] *= RepeatDamping;
            }

            return;
        }

        for (int i = 1; i < tokens.Length; i++)
        {
            ref readonly Token token = ref tokens[i];
            if (!token.IsEmote || sentiments[i] == 0)
            {
                continue;
            }

            double factor = 1.0;
            for (int j = Math.Max(0, i - RepeatWindow); j < i; j++)
            {
                if (tokens[j].IsEmote && tokens[j].Info.EmoteGroup == token.Info.EmoteGroup)
                {
                    factor *= RepeatDamping;
                }
            }

            sentiments[i] *= factor;
        }
    }

    /// <summary>
    /// The rules that read a whole line: with <see cref="SarcasmMarkers"/>, a line holding a sarcasm marker
    /// (<c>Kappa</c>, <c>/s</c>) keeps its emotes' valence but its words count nothing (they do not mean what they say);
    /// with <see cref="MockingLaughter"/>, laughter after words that are negative overall laughs at something
    /// (<c>NA LCS is the worst LUL</c>): it counts <see cref="MockeryScalar"/> of its valence.
    /// </summary>
    internal void ApplyLineRules(ReadOnlySpan<Token> tokens, Span<double> sentiments)
    {
        bool sarcasm = false;
        bool laughter = false;
        double wordSum = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            TwitchTokenRole role = tokens[i].Info.Role;
            sarcasm |= role == TwitchTokenRole.Sarcasm;
            laughter |= role == TwitchTokenRole.Laughter && sentiments[i] > 0;
            if (!tokens[i].IsEmote && role == TwitchTokenRole.None)
            {
                wordSum += sentiments[i];
            }
        }

        if (sarcasm && SarcasmMarkers)
        {
            for (int i = 0; i < tokens.Length; i++)
            {
                if (!tokens[i].IsEmote && tokens[i].Info.Role == TwitchTokenRole.None)
                {
                    sentiments[i] = 0;
                }
            }

            wordSum = 0;
        }

        if (laughter && MockingLaughter && wordSum < 0)
        {
            for (int i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].Info.Role == TwitchTokenRole.Laughter && sentiments[i] > 0)
                {
                    sentiments[i] *= MockeryScalar;
                }
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>What an emote token reads as: its valence, and nothing for VADER's rules to read.</summary>
    private static WordInfo EmoteInfo(double valence, short group, TwitchTokenRole role) => new WordInfo(
        InLexicon: valence != 0, Valence: valence, IsBooster: false, BoosterDampens: false, IsNegation: false,
        Word: RuleWord.None, PhraseWord: 0, EmoteGroup: group, Role: role).WithDerivedFlags();

    /// <summary>Makes the token an emote that reads as <paramref name="reading"/>: no caps, no negation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetEmote(ref Token token, in WordInfo reading)
    {
        token.Info = reading;
        token.IsUpper = false;
        token.IsNegated = false;
        token.IsEmote = true;
    }

    /// <summary>Whether the token's text is one of the emotes the <c>emotes</c> tag marks in the original text.</summary>
    private static bool IsTagged(ReadOnlySpan<char> raw, ReadOnlySpan<char> word, ReadOnlySpan<char> original, ReadOnlySpan<Range> emoteRanges)
    {
        foreach (Range range in emoteRanges)
        {
            ReadOnlySpan<char> name = original[range];
            if (raw.SequenceEqual(name) || word.SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUrl(ReadOnlySpan<char> raw) => MayBeUrl(raw) && IsUrlPrefixed(raw);

    /// <summary>Whether the token starts like "http" or "www." (one look at two characters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayBeUrl(ReadOnlySpan<char> raw) =>
        raw.Length > 4 && (raw[0] | 0x20) is 'h' or 'w' && (raw[1] | 0x20) is 't' or 'w';

    private static bool IsUrlPrefixed(ReadOnlySpan<char> raw) =>
        raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || raw.StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    /// <summary>A token made only of invisible characters (format characters such as U+206D or U+E0000, or U+2800).</summary>
    private static bool IsInvisible(ReadOnlySpan<char> raw)
    {
        foreach (Rune rune in raw.EnumerateRunes())
        {
            if (rune.Value != BrailleBlank && Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
            {
                return false;
            }
        }

        return true;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TwitchSentiment.Sentiment.Internal;

/// <summary>The words the reference's rules compare a token with by name (<c>words_and_emoticons[i].lower() == "no"</c>, …).</summary>
internal enum RuleWord : byte
{
    None,
    No,
    Kind,
    Of,
    Or,
    Nor,
    Least,
    At,
    Very,
    But,
    Never,
    So,
    This,
    Without,
    Doubt,
}

/// <summary>
/// Everything the rules need to know about one lower-cased word, found with one lookup. <see cref="EmoteGroup"/> is
/// only set in the Twitch-aware table: the emotes whose names lower-case to this word (1-based; 0 for none). Laid out
/// by the runtime (24 bytes): it is copied into every token that finds its word.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct WordInfo(
    bool InLexicon,
    double Valence,
    bool IsBooster,
    bool BoosterDampens,
    bool IsNegation,
    RuleWord Word,
    short PhraseWord,
    short EmoteGroup = 0,
    TwitchTokenRole Role = TwitchTokenRole.None)
{
    /// <summary>A booster's scalar: BOOSTER_DICT holds only B_INCR and, for the dampeners, B_DECR.</summary>
    internal double BoosterScalar => BoosterDampens ? VaderReferenceData.BDecr : VaderReferenceData.BIncr;

    /// <summary>A word VADER's rules read: in the lexicon, a booster, a negation or a rule word.</summary>
    internal bool IsKnown { get; private init; }

    /// <summary>This entry with <see cref="IsKnown"/> set, as the table stores it: a token tests it with one load.</summary>
    internal WordInfo WithDerivedFlags() => this with { IsKnown = InLexicon || Word != RuleWord.None || IsBooster || IsNegation };
}

/// <summary>
/// One open-addressing table from lower-cased word to <see cref="WordInfo"/>, merging the lexicon, BOOSTER_DICT,
/// NEGATE, the rule words and the words of multi-word phrases, so a token costs a single hash lookup on a span.
/// The probed slots hold only a hash and an entry number (8 bytes; 128 KB for VADER's 7,500 words, where slots of
/// key and value together took 1 MB); keys and values are read only when the hash matches. Built once; read-only
/// afterwards.
/// </summary>
internal sealed class WordTable
{
    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    private readonly Slot[] _slots;
    private readonly string[] _keys;
    private readonly WordInfo[] _infos;
    private readonly int _mask;

    internal WordTable(IReadOnlyDictionary<string, WordInfo> entries)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, entries.Count * 2));
        _slots = new Slot[capacity];
        _keys = new string[entries.Count];
        _infos = new WordInfo[entries.Count];
        _mask = capacity - 1;
        int entry = 0;
        foreach ((string key, WordInfo info) in entries)
        {
            uint hash = Hash(key);
            int slot = (int)(hash & (uint)_mask);
            while (_slots[slot].Entry != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[entry] = key;
            _infos[entry] = info.WithDerivedFlags();
            _slots[slot] = new Slot(hash, ++entry);
            MaxKeyLength = Math.Max(MaxKeyLength, key.Length);
        }
    }

    /// <summary>The longest key, in UTF-16 units: a longer span is never found.</summary>
    internal int MaxKeyLength { get; }

    internal bool TryGet(ReadOnlySpan<char> key, out WordInfo info) => TryGet(key, Hash(key), out info);

    /// <summary>Looks up <paramref name="key"/> whose <see cref="Hash"/> the caller already computed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryGet(ReadOnlySpan<char> key, uint hash, out WordInfo info)
    {
        int slot = (int)(hash & (uint)_mask);
        while (true)
        {
            Slot candidate = _slots[slot];
            if (candidate.Entry == 0)
            {
                info = default;
                return false;
            }

            if (candidate.Hash == hash && key.SequenceEqual(_keys[candidate.Entry - 1]))
            {
                info = _infos[candidate.Entry - 1];
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    // FNV-1a over UTF-16 units, then a final mix. The keys are fixed when the table is built, so hostile text cannot
    // lengthen a probe sequence; a non-randomized hash is safe here and cheaper than Marvin. Callers that lower-case
    // a word can hash it in the same loop with HashStart/HashStep/HashEnd.
    internal static uint Hash(ReadOnlySpan<char> key)
    {
        uint hash = HashStart;
        foreach (char c in key)
        {
            hash = HashStep(hash, c);
        }

        return HashEnd(hash);
    }

    internal const uint HashStart = FnvOffsetBasis;

    internal static uint HashStep(uint hash, char c) => (hash ^ c) * FnvPrime;

    internal static uint HashEnd(uint hash) => hash ^ (hash >> 15);

    /// <summary>A probed slot: the key's hash and its entry number, 1-based (0: the slot is empty).</summary>
    private readonly record struct Slot(uint Hash, int Entry);
}

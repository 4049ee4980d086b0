using System.Numerics;

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

/// <summary>Everything the rules need to know about one lower-cased word, found with one lookup.</summary>
internal readonly record struct WordInfo(
    bool InLexicon,
    double Valence,
    bool IsBooster,
    double BoosterScalar,
    bool IsNegation,
    RuleWord Word,
    short PhraseWord);

/// <summary>
/// One open-addressing table from lower-cased word to <see cref="WordInfo"/>, merging the lexicon, BOOSTER_DICT,
/// NEGATE, the rule words and the words of multi-word phrases, so a token costs a single hash lookup on a span.
/// Built once; read-only afterwards, so safe to share between threads.
/// </summary>
internal sealed class WordTable
{
    private readonly int[] _buckets; // entry index + 1; 0 is empty
    private readonly uint[] _hashes;
    private readonly string[] _keys;
    private readonly WordInfo[] _infos;
    private readonly int _mask;

    internal WordTable(IReadOnlyDictionary<string, WordInfo> entries)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, entries.Count * 2));
        _buckets = new int[capacity];
        _mask = capacity - 1;
        _hashes = new uint[entries.Count];
        _keys = new string[entries.Count];
        _infos = new WordInfo[entries.Count];
        int index = 0;
        foreach ((string key, WordInfo info) in entries)
        {
            uint hash = Hash(key);
            int bucket = (int)(hash & (uint)_mask);
            while (_buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & _mask;
            }

            _buckets[bucket] = index + 1;
            _hashes[index] = hash;
            _keys[index] = key;
            _infos[index] = info;
            MaxKeyLength = Math.Max(MaxKeyLength, key.Length);
            index++;
        }
    }

    /// <summary>The longest key, in UTF-16 units: a longer span is never found.</summary>
    internal int MaxKeyLength { get; }

    internal bool TryGet(ReadOnlySpan<char> key, out WordInfo info)
    {
        uint hash = Hash(key);
        int bucket = (int)(hash & (uint)_mask);
        while (true)
        {
            int entry = _buckets[bucket] - 1;
            if (entry < 0)
            {
                info = default;
                return false;
            }

            if (_hashes[entry] == hash && key.SequenceEqual(_keys[entry]))
            {
                info = _infos[entry];
                return true;
            }

            bucket = (bucket + 1) & _mask;
        }
    }

    // FNV-1a over UTF-16 units. The keys are fixed when the table is built, so lookups of hostile text cannot
    // lengthen a probe sequence; a non-randomized hash is safe here and cheaper than Marvin.
    private static uint Hash(ReadOnlySpan<char> key)
    {
        uint hash = 2166136261;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash ^ (hash >> 15);
    }
}

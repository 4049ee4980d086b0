using System.Collections.Frozen;

namespace TwitchSentiment.Sentiment.Internal;

/// <summary>
/// The multi-word keys of SPECIAL_CASES and BOOSTER_DICT, which <c>_special_idioms_check</c> compares with
/// space-joined runs of two or three lower-cased tokens. Tokens hold no whitespace, so a run matches a key exactly
/// when its words match the key's words one by one; each word of a key gets a small id and a run is compared by id.
/// One-word keys ("badass") can never equal a run of two or more tokens and are left out.
/// </summary>
internal static class Phrases
{
    /// <summary>Every word of a multi-word key, with its id (ids start at 1; 0 means "in no phrase").</summary>
    internal static readonly FrozenDictionary<string, short> WordIds = CollectWordIds();

    // Declared after WordIds: static fields initialize in order.
    private static readonly (short[] Words, double Value)[] SpecialCases = Build(VaderReferenceData.SpecialCases);
    private static readonly (short[] Words, double Value)[] Boosters = Build(VaderReferenceData.BoosterDict);

    /// <summary><c>seq in SPECIAL_CASES</c> for the run <paramref name="tokens"/>.</summary>
    internal static bool TryGetSpecialCase(ReadOnlySpan<Token> tokens, out double value) => TryMatch(SpecialCases, tokens, out value);

    /// <summary><c>n_gram in BOOSTER_DICT</c> for the run <paramref name="tokens"/>.</summary>
    internal static bool TryGetBooster(ReadOnlySpan<Token> tokens, out double value) => TryMatch(Boosters, tokens, out value);

    private static bool TryMatch((short[] Words, double Value)[] phrases, ReadOnlySpan<Token> tokens, out double value)
    {
        foreach (Token token in tokens)
        {
            if (token.Info.PhraseWord == 0)
            {
                value = 0;
                return false;
            }
        }

        foreach ((short[] words, double phraseValue) in phrases)
        {
            if (words.Length == tokens.Length && Matches(words, tokens))
            {
                value = phraseValue;
                return true;
            }
        }

        value = 0;
        return false;
    }

    private static bool Matches(short[] words, ReadOnlySpan<Token> tokens)
    {
        for (int i = 0; i < words.Length; i++)
        {
            if (words[i] != tokens[i].Info.PhraseWord)
            {
                return false;
            }
        }

        return true;
    }

    private static FrozenDictionary<string, short> CollectWordIds()
    {
        var ids = new Dictionary<string, short>(StringComparer.Ordinal);
        foreach (string key in VaderReferenceData.SpecialCases.Keys.Concat(VaderReferenceData.BoosterDict.Keys))
        {
            if (!key.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            foreach (string word in key.Split(' '))
            {
                ids.TryAdd(word, (short)(ids.Count + 1));
            }
        }

        return ids.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static (short[] Words, double Value)[] Build(FrozenDictionary<string, double> source) => source
        .Where(pair => pair.Key.Contains(' ', StringComparison.Ordinal))
        .Select(pair => (pair.Key.Split(' ').Select(word => WordIds[word]).ToArray(), pair.Value))
        .ToArray();
}

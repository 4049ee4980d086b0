using TwitchSentiment.Sentiment.Internal;
using static TwitchSentiment.Sentiment.Internal.VaderReferenceData;

namespace TwitchSentiment.Sentiment;

/// <summary>The reference's per-word rules, one method each, under the reference's names.</summary>
public sealed partial class VaderAnalyzer
{
    // Up to this many words _but_check scans like the reference (no allocation); beyond, it indexes the values.
    // Measured: the scan is still faster at 1,800 words; a 1 MB text (~200,000 words) needs the index.
    private const int ButCheckScanLimit = 4096;

    /// <summary>
    /// allcap_differential: true when some but not all tokens are ALL CAPS; only then do capitals add emphasis.
    /// </summary>
    private static bool AllcapDifferential(ReadOnlySpan<Token> words)
    {
        int allcapWords = 0;
        foreach (Token word in words)
        {
            if (word.IsUpper)
            {
                allcapWords++;
            }
        }

        int capDifferential = words.Length - allcapWords;
        return capDifferential > 0 && capDifferential < words.Length;
    }

    /// <summary>scalar_inc_dec: how much a preceding booster or dampener raises or lowers the valence.</summary>
    private static double ScalarIncDec(in Token word, double valence, bool isCapDiff)
    {
        if (!word.Info.IsBooster)
        {
            return 0.0;
        }

        double scalar = word.Info.BoosterScalar;
        if (valence < 0)
        {
            scalar *= -1;
        }

        // check if booster/dampener word is in ALLCAPS (while others aren't)
        if (word.IsUpper && isCapDiff)
        {
            scalar = valence > 0 ? scalar + CIncr : scalar - CIncr;
        }

        return scalar;
    }

    /// <summary>
    /// sentiment_valence: the valence of the lexicon word at <paramref name="i"/>, after every rule. A negation ("no",
    /// "not", "n't") before a negative word multiplies it by <paramref name="negatedNegativeScalar"/> (the reference's
    /// N_SCALAR for VADER).
    /// </summary>
    private static double SentimentValence(ReadOnlySpan<Token> words, int i, bool isCapDiff, double negatedNegativeScalar)
    {
        ref readonly Token item = ref words[i];
        if (!item.InLexicon)
        {
            return 0;
        }

        double valence = item.Info.Valence;

        // "no" as negation of an adjacent lexicon item rather than a lexicon item of its own
        if (item.Word == RuleWord.No && i != words.Length - 1 && words[i + 1].InLexicon)
        {
            valence = 0.0;
        }

        if ((i > 0 && words[i - 1].Word == RuleWord.No)
            || (i > 1 && words[i - 2].Word == RuleWord.No)
            || (i > 2 && words[i - 3].Word == RuleWord.No && words[i - 1].Word is RuleWord.Or or RuleWord.Nor))
        {
            valence = Negated(item.Info.Valence, negatedNegativeScalar);
        }

        // check if sentiment laden word is in ALL CAPS (while others aren't); a zero valence goes down, as upstream
        if (item.IsUpper && isCapDiff)
        {
            valence = valence > 0 ? valence + CIncr : valence - CIncr;
        }

        for (int startI = 0; startI < 3; startI++)
        {
            // dampen the scalar modifier of preceding words and emoticons (excluding the ones that immediately
            // precede the item) based on their distance from the current item
            if (i > startI && !words[i - (startI + 1)].InLexicon)
            {
                double s = ScalarIncDec(words[i - (startI + 1)], valence, isCapDiff);
                if (startI == 1 && s != 0)
                {
                    s *= SecondWordDamping;
                }

                if (startI == 2 && s != 0)
                {
                    s *= ThirdWordDamping;
                }

                valence += s;
                valence = NegationCheck(valence, words, startI, i, negatedNegativeScalar);
                if (startI == 2)
                {
                    valence = SpecialIdiomsCheck(valence, words, i);
                }
            }
        }

        return LeastCheck(valence, words, i);
    }

    /// <summary>A negated valence: a negative one times <paramref name="negatedNegativeScalar"/>, any other times N_SCALAR.</summary>
    private static double Negated(double valence, double negatedNegativeScalar) =>
        valence * (valence < 0 ? negatedNegativeScalar : NScalar);

    /// <summary>_least_check: "least" before a word negates it, except in "at least" and "very least".</summary>
    private static double LeastCheck(double valence, ReadOnlySpan<Token> words, int i)
    {
        if (i > 1 && !words[i - 1].InLexicon && words[i - 1].Word == RuleWord.Least)
        {
            if (words[i - 2].Word != RuleWord.At && words[i - 2].Word != RuleWord.Very)
            {
                valence *= NScalar;
            }
        }
        else if (i > 0 && !words[i - 1].InLexicon && words[i - 1].Word == RuleWord.Least)
        {
            valence *= NScalar;
        }

        return valence;
    }

    /// <summary>
    /// _but_check: sentiment before the first "but" is halved and after it raised by half. Like the reference,
    /// each value is written back at <c>sentiments.index(value)</c>, the first position holding an equal value,
    /// which is not always its own position.
    /// </summary>
    private static void ButCheck(ReadOnlySpan<Token> words, Span<double> sentiments)
    {
        int bi = -1;
        for (int i = 0; i < words.Length; i++)
        {
            if (words[i].Word == RuleWord.But)
            {
                bi = i;
                break;
            }
        }

        if (bi < 0)
        {
            return;
        }

        // SkipsZeros: for a zero the reference finds the first zero and writes a zero back (0 × 0.5 or 0 × 1.5), so
        // the rule leaves every zero a zero and never changes which position holds a non-zero value; only the sign
        // of a zero may differ, and no later step can tell (sums start at +0.0; the sift compares with > < ==).
        if (sentiments.Length <= ButCheckScanLimit)
        {
            ButCheckByScanning(sentiments, bi);
        }
        else
        {
            ButCheckByIndex(sentiments, bi);
        }
    }

    /// <summary>The reference's loop as written: list.index() scans from the start, quadratic in the word count.</summary>
    internal static void ButCheckByScanning(Span<double> sentiments, int bi)
    {
        for (int k = 0; k < sentiments.Length; k++)
        {
            double sentiment = sentiments[k];
            if (sentiment == 0)
            {
                continue; // SkipsZeros: see ButCheck
            }

            int si = FirstIndexOf(sentiments, sentiment);
            if (si < bi)
            {
                sentiments[si] = sentiment * BeforeButFactor;
            }
            else if (si > bi)
            {
                sentiments[si] = sentiment * AfterButFactor;
            }
        }
    }

    /// <summary>
    /// The same loop for long texts, with the positions of each value kept in order so that list.index() is a
    /// lookup instead of a scan (a 1 MB text has ~200,000 words). Gives exactly what <see cref="ButCheckByScanning"/> gives.
    /// </summary>
    internal static void ButCheckByIndex(Span<double> sentiments, int bi)
    {
        var positions = new Dictionary<double, SortedSet<int>>();
        for (int j = 0; j < sentiments.Length; j++)
        {
            if (sentiments[j] != 0)
            {
                PositionsOf(positions, sentiments[j]).Add(j);
            }
        }

        for (int k = 0; k < sentiments.Length; k++)
        {
            double sentiment = sentiments[k];
            if (sentiment == 0)
            {
                continue; // SkipsZeros: see ButCheck
            }

            SortedSet<int> equal = positions[sentiment];
            int si = equal.Min;
            if (si == bi)
            {
                continue;
            }

            double changed = sentiment * (si < bi ? BeforeButFactor : AfterButFactor);
            sentiments[si] = changed;
            equal.Remove(si);
            if (equal.Count == 0)
            {
                positions.Remove(sentiment);
            }

            PositionsOf(positions, changed).Add(si);
        }
    }

    private static SortedSet<int> PositionsOf(Dictionary<double, SortedSet<int>> positions, double key)
    {
        if (!positions.TryGetValue(key, out SortedSet<int>? set))
        {
            set = [];
            positions.Add(key, set);
        }

        return set;
    }

    /// <summary>list.index(value): the first position whose value compares equal (so 0.0 finds -0.0).</summary>
    private static int FirstIndexOf(ReadOnlySpan<double> values, double value)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// _special_idioms_check: idioms around the word (SPECIAL_CASES) replace its valence, and a
    /// "kind of"/"sort of"/"just enough" before it adds the dampener. Only called when <paramref name="i"/> ≥ 3.
    /// </summary>
    private static double SpecialIdiomsCheck(double valence, ReadOnlySpan<Token> words, int i)
    {
        ReadOnlySpan<Token> onezero = words.Slice(i - 1, 2);
        ReadOnlySpan<Token> twoonezero = words.Slice(i - 2, 3);
        ReadOnlySpan<Token> twoone = words.Slice(i - 2, 2);
        ReadOnlySpan<Token> threetwoone = words.Slice(i - 3, 3);
        ReadOnlySpan<Token> threetwo = words.Slice(i - 3, 2);

        if (Phrases.TryGetSpecialCase(onezero, out double special)
            || Phrases.TryGetSpecialCase(twoonezero, out special)
            || Phrases.TryGetSpecialCase(twoone, out special)
            || Phrases.TryGetSpecialCase(threetwoone, out special)
            || Phrases.TryGetSpecialCase(threetwo, out special))
        {
            valence = special;
        }

        if (words.Length - 1 > i && Phrases.TryGetSpecialCase(words.Slice(i, 2), out special))
        {
            valence = special;
        }

        if (words.Length - 1 > i + 1 && Phrases.TryGetSpecialCase(words.Slice(i, 3), out special))
        {
            valence = special;
        }

        // check for booster/dampener bi-grams such as 'sort of' or 'kind of'
        if (Phrases.TryGetBooster(threetwoone, out double booster))
        {
            valence += booster;
        }

        if (Phrases.TryGetBooster(threetwo, out booster))
        {
            valence += booster;
        }

        if (Phrases.TryGetBooster(twoone, out booster))
        {
            valence += booster;
        }

        return valence;
    }

    /// <summary>
    /// _negation_check: a negation one, two or three words before the item flips and damps it; "never so/this"
    /// boosts instead and "without doubt" leaves it. For three words before, the reference's condition reads
    /// <c>A and (B or C) or (D or E)</c> by Python's precedence, so a "so" or "this" just before the item
    /// multiplies by 1.25 whether or not "never" is there; that is kept.
    /// </summary>
    private static double NegationCheck(double valence, ReadOnlySpan<Token> words, int startI, int i, double negatedNegativeScalar)
    {
        switch (startI)
        {
            case 0:
                // 1 word preceding lexicon word (w/o stopwords)
                if (words[i - 1].IsNegated)
                {
                    valence = Negated(valence, negatedNegativeScalar);
                }

                break;
            case 1:
                if (words[i - 2].Word == RuleWord.Never && words[i - 1].Word is RuleWord.So or RuleWord.This)
                {
                    valence *= NeverSoThisFactor;
                }
                else if (words[i - 2].Word == RuleWord.Without && words[i - 1].Word == RuleWord.Doubt)
                {
                    // "without doubt" keeps the valence
                }
                else if (words[i - 2].IsNegated)
                {
                    valence = Negated(valence, negatedNegativeScalar);
                }

                break;
            case 2:
                if ((words[i - 3].Word == RuleWord.Never && words[i - 2].Word is RuleWord.So or RuleWord.This)
                    || words[i - 1].Word is RuleWord.So or RuleWord.This)
                {
                    valence *= NeverSoThisFactor;
                }
                else if (words[i - 3].Word == RuleWord.Without
                    && (words[i - 2].Word == RuleWord.Doubt || words[i - 1].Word == RuleWord.Doubt))
                {
                    // "without (a) doubt" keeps the valence
                }
                else if (words[i - 3].IsNegated)
                {
                    valence = Negated(valence, negatedNegativeScalar);
                }

                break;
        }

        return valence;
    }
}

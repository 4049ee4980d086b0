using System.Collections.Frozen;

namespace TwitchSentiment.Sentiment.Internal;

/// <summary>
/// The reference's constants and word lists, named as in vaderSentiment.py at commit
/// 94fbd74594ac0714dfc0e55bd7415994b24020cf (module level: B_INCR … SPECIAL_CASES).
/// </summary>
internal static class VaderReferenceData
{
    /// <summary>B_INCR: empirically derived mean rating increase for booster words.</summary>
    internal const double BIncr = 0.293;

    /// <summary>B_DECR: the same decrease for dampeners.</summary>
    internal const double BDecr = -0.293;

    /// <summary>C_INCR: rating increase for an ALL-CAPS word among others that are not.</summary>
    internal const double CIncr = 0.733;

    /// <summary>N_SCALAR: multiplier for a negated valence.</summary>
    internal const double NScalar = -0.74;

    /// <summary>normalize(score, alpha=15): the alpha that approximates the maximum expected sum.</summary>
    internal const double NormalizeAlpha = 15;

    /// <summary>sentiment_valence: a booster two words before the item counts 0.95, three words before 0.9.</summary>
    internal const double SecondWordDamping = 0.95;

    /// <summary>See <see cref="SecondWordDamping"/>.</summary>
    internal const double ThirdWordDamping = 0.9;

    /// <summary>_negation_check: "never so/this" multiplies by 1.25 instead of negating.</summary>
    internal const double NeverSoThisFactor = 1.25;

    /// <summary>_but_check: sentiment before "but" is halved, after it raised by half.</summary>
    internal const double BeforeButFactor = 0.5;

    /// <summary>See <see cref="BeforeButFactor"/>.</summary>
    internal const double AfterButFactor = 1.5;

    /// <summary>_amplify_ep: at most this many exclamation points count.</summary>
    internal const int MaxExclamationPoints = 4;

    /// <summary>_amplify_ep: rating increase per exclamation point.</summary>
    internal const double ExclamationPointIncrement = 0.292;

    /// <summary>_amplify_qm: question marks count from two, up to this many; more give <see cref="QuestionMarkCap"/>.</summary>
    internal const int MaxQuestionMarks = 3;

    /// <summary>_amplify_qm: rating increase per question mark.</summary>
    internal const double QuestionMarkIncrement = 0.18;

    /// <summary>_amplify_qm: the increase for four or more question marks.</summary>
    internal const double QuestionMarkCap = 0.96;

    /// <summary>_strip_punc_if_word: a token that strips to this many code points or fewer is kept whole (emoticons).</summary>
    internal const int EmoticonMaxLength = 2;

    /// <summary>NEGATE.</summary>
    internal static readonly FrozenSet<string> Negate = FrozenSet.Create(
        StringComparer.Ordinal,
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    /// <summary>BOOSTER_DICT: booster/dampener intensifiers (degree adverbs).</summary>
    internal static readonly FrozenDictionary<string, double> BoosterDict = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["absolutely"] = BIncr, ["amazingly"] = BIncr, ["awfully"] = BIncr,
        ["completely"] = BIncr, ["considerable"] = BIncr, ["considerably"] = BIncr,
        ["decidedly"] = BIncr, ["deeply"] = BIncr, ["effing"] = BIncr, ["enormous"] = BIncr, ["enormously"] = BIncr,
        ["entirely"] = BIncr, ["especially"] = BIncr, ["exceptional"] = BIncr, ["exceptionally"] = BIncr,
        ["extreme"] = BIncr, ["extremely"] = BIncr,
        ["fabulously"] = BIncr, ["flipping"] = BIncr, ["flippin"] = BIncr, ["frackin"] = BIncr, ["fracking"] = BIncr,
        ["fricking"] = BIncr, ["frickin"] = BIncr, ["frigging"] = BIncr, ["friggin"] = BIncr, ["fully"] = BIncr,
        ["fuckin"] = BIncr, ["fucking"] = BIncr, ["fuggin"] = BIncr, ["fugging"] = BIncr,
        ["greatly"] = BIncr, ["hella"] = BIncr, ["highly"] = BIncr, ["hugely"] = BIncr,
        ["incredible"] = BIncr, ["incredibly"] = BIncr, ["intensely"] = BIncr,
        ["major"] = BIncr, ["majorly"] = BIncr, ["more"] = BIncr, ["most"] = BIncr, ["particularly"] = BIncr,
        ["purely"] = BIncr, ["quite"] = BIncr, ["really"] = BIncr, ["remarkably"] = BIncr,
        ["so"] = BIncr, ["substantially"] = BIncr,
        ["thoroughly"] = BIncr, ["total"] = BIncr, ["totally"] = BIncr, ["tremendous"] = BIncr, ["tremendously"] = BIncr,
        ["uber"] = BIncr, ["unbelievably"] = BIncr, ["unusually"] = BIncr, ["utter"] = BIncr, ["utterly"] = BIncr,
        ["very"] = BIncr,
        ["almost"] = BDecr, ["barely"] = BDecr, ["hardly"] = BDecr, ["just enough"] = BDecr,
        ["kind of"] = BDecr, ["kinda"] = BDecr, ["kindof"] = BDecr, ["kind-of"] = BDecr,
        ["less"] = BDecr, ["little"] = BDecr, ["marginal"] = BDecr, ["marginally"] = BDecr,
        ["occasional"] = BDecr, ["occasionally"] = BDecr, ["partly"] = BDecr,
        ["scarce"] = BDecr, ["scarcely"] = BDecr, ["slight"] = BDecr, ["slightly"] = BDecr, ["somewhat"] = BDecr,
        ["sort of"] = BDecr, ["sorta"] = BDecr, ["sortof"] = BDecr, ["sort-of"] = BDecr,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>SPECIAL_CASES: idioms and phrases containing lexicon words.</summary>
    internal static readonly FrozenDictionary<string, double> SpecialCases = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["the shit"] = 3, ["the bomb"] = 3, ["bad ass"] = 1.5, ["badass"] = 1.5, ["bus stop"] = 0.0,
        ["yeah right"] = -2, ["kiss of death"] = -1.5, ["to die for"] = 3,
        ["beating heart"] = 3.1, ["broken heart"] = -2.9,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // SENTIMENT_LADEN_IDIOMS is only read by _sentiment_laden_idioms_check, which the reference never calls.
}

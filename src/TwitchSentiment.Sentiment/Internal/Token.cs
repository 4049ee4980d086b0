namespace TwitchSentiment.Sentiment.Internal;

/// <summary>
/// One entry of the reference's <c>words_and_emoticons</c>, reduced to what the rules read: its lexicon and
/// booster values, which rule word it is, whether it is ALL CAPS (<c>isupper()</c>) and whether it negates
/// (<c>negated([word])</c>: in NEGATE, or containing "n't").
/// </summary>
internal struct Token
{
    internal WordInfo Info;
    internal bool IsUpper;
    internal bool IsNegated;

    /// <summary>Set by the Twitch layer only (plain VADER never reads it): the token is an emote.</summary>
    internal bool IsEmote;

    internal readonly bool InLexicon => Info.InLexicon;

    internal readonly RuleWord Word => Info.Word;
}

namespace TwitchSentiment.Benchmarks;

/// <summary>The short chat lines of <see cref="SampleTexts"/>, as a benchmark parameter.</summary>
public enum ChatLine
{
    /// <summary><see cref="SampleTexts.EmoteLine"/>.</summary>
    Emote,

    /// <summary><see cref="SampleTexts.NegatedLine"/>.</summary>
    Negated,

    /// <summary><see cref="SampleTexts.EmojiLine"/>.</summary>
    Emoji,

    /// <summary><see cref="SampleTexts.AllCapsLine"/>.</summary>
    AllCaps,

    /// <summary><see cref="SampleTexts.ButClauseLine"/>.</summary>
    ButClause,
}

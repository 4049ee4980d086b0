using System.Text;

namespace TwitchSentiment.Benchmarks;

/// <summary>
/// The texts the scoring suites run on, all built here in code so that no data file is committed. Each is
/// chosen to walk a different part of the analyzer: emote words, negation, emoji replacement, the all-caps
/// differential and the "but" rule.
/// </summary>
internal static class SampleTexts
{
    /// <summary>A Twitch emote (not in the lexicon, so neutral), a booster ("so") and a lexicon word ("good").</summary>
    internal const string EmoteLine = "LUL that was so good";

    /// <summary>A negated negative word, the "at all" idiom region and two exclamation marks.</summary>
    internal const string NegatedLine = "this is not bad at all!!";

    /// <summary>Emojis from the emoji lexicon, which the analyzer replaces by their descriptions before scoring.</summary>
    internal const string EmojiLine = "that clutch was insane \U0001F602\U0001F602\U0001F525";

    /// <summary>Shouted words next to lower-case ones, which turns on the all-caps differential.</summary>
    internal const string AllCapsLine = "WHAT A PLAY, this streamer is AMAZING";

    /// <summary>A contrast clause: words before "but" are damped, words after it are amplified.</summary>
    internal const string ButClauseLine = "the first half was boring but the ending was great :)";

    /// <summary>One sentence of a product review, as in the reference's amazonReviewSnippets corpus.</summary>
    private static readonly string[] ReviewSentences =
    [
        "I bought this headset after my old one broke halfway through a long stream, and honestly it is not bad at all.",
        "The microphone is clear, my chat said my voice sounded much better, and the noise cancelling works surprisingly well.",
        "Setup was a pain though: the software kept crashing and I had to reinstall the drivers twice before it worked.",
        "Comfort is GREAT for the first few hours, but after six hours the ear cups get really warm and kind of sore.",
        "Sound quality is excellent for the price, with deep bass that never gets muddy and crisp highs.",
        "The cable feels cheap and I doubt it will survive a year of being yanked off the desk by my cat.",
        "Customer support answered quickly and was friendly, which is rare these days, so thanks for that!",
        "Would I buy it again? Probably yes, although I wish the build felt a little less flimsy.",
    ];

    /// <summary>The short lines, by <see cref="ChatLine"/>.</summary>
    internal static string Get(ChatLine line) => line switch
    {
        ChatLine.Emote => EmoteLine,
        ChatLine.Negated => NegatedLine,
        ChatLine.Emoji => EmojiLine,
        ChatLine.AllCaps => AllCapsLine,
        ChatLine.ButClause => ButClauseLine,
        _ => throw new ArgumentOutOfRangeException(nameof(line), line, "Unknown chat line."),
    };

    /// <summary>
    /// A review paragraph of about <paramref name="length"/> UTF-16 units (all ASCII, so as many UTF-8 bytes):
    /// whole sentences of <see cref="ReviewSentences"/> repeated in order, cut at the last space that fits.
    /// </summary>
    internal static string Review(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var builder = new StringBuilder(length + 128);
        for (int i = 0; builder.Length < length; i++)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(ReviewSentences[i % ReviewSentences.Length]);
        }

        string text = builder.ToString();
        int cut = text.LastIndexOf(' ', Math.Min(length, text.Length - 1));
        return cut > 0 ? text[..cut] : text;
    }

    /// <summary>
    /// <paramref name="count"/> texts as a chat log mixes them, the same every run: mostly the short lines, about
    /// one in ten a single review sentence, and one in a hundred a ~2 KB review.
    /// </summary>
    internal static string[] MixedBatch(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ChatLine[] lines = Enum.GetValues<ChatLine>();
        string longReview = Review(2048);
        var texts = new string[count];
        for (int i = 0; i < count; i++)
        {
            texts[i] = (i % 100) switch
            {
                99 => longReview,
                int slot when slot % 10 == 9 => ReviewSentences[(i / 10) % ReviewSentences.Length],
                _ => Get(lines[i % lines.Length]),
            };
        }

        return texts;
    }
}

using System.Globalization;
using System.Text;

namespace TwitchSentiment.Sentiment.Internal;

/// <summary>One emote of the Twitch lexicon: its exact name and valence.</summary>
internal readonly record struct EmoteCandidate(string Name, double Valence);

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

    private readonly EmoteCandidate[][] _groups;

    internal TwitchLayer(TwitchSentimentOptions options, EmoteCandidate[][] groups)
    {
        _groups = groups;
        SkipCommands = options.SkipCommands;
        SkipMentions = options.SkipMentions;
        SkipUrls = options.SkipUrls;
        SkipInvisibleTokens = options.SkipInvisibleTokens;
        RepeatDamping = options.RepeatDamping;
    }

    /// <summary>What a chat command line scores: all neutral, as a line of words with no valence.</summary>
    internal static SentimentScores CommandScores => new(0.0, 1.0, 0.0, 0.0);

    internal bool SkipCommands { get; }

    internal bool SkipMentions { get; }

    internal bool SkipUrls { get; }

    internal bool SkipInvisibleTokens { get; }

    internal double RepeatDamping { get; }

    /// <summary>A chat command for a bot (<c>!roulette all</c>): '!' then a letter at the start of the line.</summary>
    internal static bool IsCommand(ReadOnlySpan<char> text)
    {
        text = text.TrimStart();
        return text.Length > 1 && text[0] == '!' && char.IsAsciiLetter(text[1]);
    }

    /// <summary>
    /// Applies the layer to one token already read by VADER's rules (<paramref name="word"/> is its
    /// <c>_strip_punc_if_word</c> form). Returns false when the token is not a word of the message and is dropped.
    /// </summary>
    internal bool Apply(
        ReadOnlySpan<char> raw,
        ReadOnlySpan<char> word,
        ref Token token,
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

        short group = token.Info.EmoteGroup;
        if (group != 0)
        {
            foreach (EmoteCandidate candidate in _groups[group - 1])
            {
                if (word.SequenceEqual(candidate.Name) || raw.SequenceEqual(candidate.Name))
                {
                    SetEmote(ref token, candidate.Valence, group);
                    return true;
                }
            }
        }

        if (!emoteRanges.IsEmpty && IsTagged(raw, word, original, emoteRanges))
        {
            // an emote Twitch marked that the lexicon does not know (a channel's own emote): an emote, not a word
            SetEmote(ref token, 0.0, 0);
            return true;
        }

        return !(SkipInvisibleTokens && !Ascii.IsValid(raw) && IsInvisible(raw));
    }

    /// <summary>
    /// Damps repeated emotes (spam such as <c>Clap Clap Clap</c>): the n-th occurrence of an emote counts
    /// <see cref="RepeatDamping"/>^(n-1) of its valence, so spam stays as positive or negative as one emote but
    /// cannot outweigh the words of the message.
    /// </summary>
    internal void DampRepeats(ReadOnlySpan<Token> tokens, Span<double> sentiments)
    {
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

    private static void SetEmote(ref Token token, double valence, short group)
    {
        token.Info = new WordInfo(
            InLexicon: valence != 0, Valence: valence, IsBooster: false, BoosterScalar: 0, IsNegation: false,
            Word: RuleWord.None, PhraseWord: 0, EmoteGroup: group);
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

    private static bool IsUrl(ReadOnlySpan<char> raw) =>
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

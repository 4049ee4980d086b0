namespace TwitchSentiment.Sentiment;

/// <summary>
/// The Twitch-aware score (<c>twitch_compound</c>): VADER 3.3.2's rules with a Twitch layer. Emotes of the
/// <see cref="TwitchLexicon"/> are matched case-sensitively as whole tokens and get their valence (never read as
/// words and exempt from the ALL-CAPS boost), slang replaces VADER's valence for the word, repeated emotes are damped,
/// and commands, @mentions, links and invisible filler are set aside (see <see cref="TwitchSentimentOptions"/>).
/// Build it once; it is immutable and thread-safe, and scoring allocates nothing on the heap for chat-sized texts.
/// <see cref="VaderAnalyzer"/> keeps giving the reference's numbers; this is a second, separate score.
/// </summary>
public sealed class TwitchSentimentAnalyzer
{
    private static readonly Lazy<TwitchSentimentAnalyzer> DefaultAnalyzer = new(() => new TwitchSentimentAnalyzer(TwitchSentimentOptions.Default));

    private readonly VaderAnalyzer _analyzer;

    /// <summary>Builds the analyzer. Throws <see cref="ArgumentException"/> naming a bad option.</summary>
    public TwitchSentimentAnalyzer(TwitchSentimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.VaderLexicon is null)
        {
            throw new ArgumentException($"{nameof(TwitchSentimentOptions)}.{nameof(TwitchSentimentOptions.VaderLexicon)} must be set.", nameof(options));
        }

        if (options.Lexicon is null)
        {
            throw new ArgumentException($"{nameof(TwitchSentimentOptions)}.{nameof(TwitchSentimentOptions.Lexicon)} must be set.", nameof(options));
        }

        if (!(options.RepeatDamping is >= 0 and <= 1))
        {
            throw new ArgumentException(
                $"{nameof(TwitchSentimentOptions)}.{nameof(TwitchSentimentOptions.RepeatDamping)} is {options.RepeatDamping}; it must be from 0 to 1.",
                nameof(options));
        }

        Options = options;
        _analyzer = new VaderAnalyzer(options.VaderLexicon, options);
    }

    /// <summary>The analyzer with <see cref="TwitchSentimentOptions.Default"/>, built on first use.</summary>
    public static TwitchSentimentAnalyzer Default => DefaultAnalyzer.Value;

    /// <summary>The options this analyzer was built with.</summary>
    public TwitchSentimentOptions Options { get; }

    /// <summary>Scores a chat message; <see cref="SentimentScores.Compound"/> is its <c>twitch_compound</c>.</summary>
    public SentimentScores Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _analyzer.ScoreCore(text, []);
    }

    /// <summary>
    /// Scores a chat message whose Twitch <c>emotes</c> tag marked <paramref name="emoteRanges"/>: ranges of UTF-16
    /// positions in <paramref name="text"/> (an <c>Emote</c>'s <c>Index</c> and <c>Length</c> from the IRC library).
    /// A token that is one of those emotes counts as an emote: with its lexicon valence if the lexicon knows it,
    /// otherwise neutral (a channel's own emote is not read as a word).
    /// Throws <see cref="ArgumentOutOfRangeException"/> for a range outside the text.
    /// </summary>
    public SentimentScores Score(string text, ReadOnlySpan<Range> emoteRanges)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Score(text.AsSpan(), emoteRanges);
    }

    /// <summary>Scores a chat message held in a span; see <see cref="Score(string, ReadOnlySpan{Range})"/>.</summary>
    public SentimentScores Score(ReadOnlySpan<char> text, ReadOnlySpan<Range> emoteRanges)
    {
        foreach (Range range in emoteRanges)
        {
            _ = range.GetOffsetAndLength(text.Length); // throws ArgumentOutOfRangeException for a range outside the text
        }

        return _analyzer.ScoreCore(text, emoteRanges);
    }

    /// <summary>The same score with every token taking the layer's full reading: what the quick reading must equal.</summary>
    internal SentimentScores ScoreByFullReading(string text, ReadOnlySpan<Range> emoteRanges) => _analyzer.ScoreByFullReading(text, emoteRanges);
}

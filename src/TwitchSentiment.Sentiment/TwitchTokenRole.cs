namespace TwitchSentiment.Sentiment;

/// <summary>
/// What a <see cref="TwitchLexiconEntry"/> does in a line beyond its valence, which some rules read (written after the
/// kind in a lexicon file: <c>emote:laughter</c>, <c>slang:sarcasm</c>).
/// </summary>
public enum TwitchTokenRole
{
    /// <summary>Nothing beyond its valence.</summary>
    None,

    /// <summary>
    /// Laughter (<c>LUL</c>, <c>KEKW</c>, <c>lmao</c>, 😂): positive alone, mockery after negative words
    /// (<see cref="TwitchSentimentOptions.MockingLaughter"/>).
    /// </summary>
    Laughter,

    /// <summary>
    /// A sarcasm marker (<c>Kappa</c>, <c>/s</c>): the words of its line do not mean what they say
    /// (<see cref="TwitchSentimentOptions.SarcasmMarkers"/>).
    /// </summary>
    Sarcasm,
}

namespace TwitchSentiment.Sentiment;

/// <summary>What a <see cref="TwitchLexiconEntry"/> names, which decides how it is matched.</summary>
public enum TwitchTokenKind
{
    /// <summary>An emote: matched case-sensitively as a whole token, never read as a word, no ALL-CAPS boost.</summary>
    Emote,

    /// <summary>A chat word or abbreviation: matched case-insensitively like VADER's own words, whose valence it replaces.</summary>
    Slang,

    /// <summary>
    /// An emoji (one code point) with the meaning it has in chat, which replaces VADER's description of it
    /// (<see cref="TwitchSentimentOptions.ChatEmojiMeanings"/>); like an emote it keeps its own valence.
    /// </summary>
    Emoji,
}

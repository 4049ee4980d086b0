namespace TwitchSentiment.Sentiment;

/// <summary>One line of a Twitch lexicon file.</summary>
/// <param name="Token">The emote exactly as typed, or the slang word in lower case.</param>
/// <param name="Valence">The valence on VADER's scale, -4 to 4; 0 marks a neutral emote.</param>
/// <param name="Kind">Emote (case-sensitive) or slang (case-insensitive).</param>
/// <param name="Source">Where the token comes from (Twitch global, BTTV, FFZ, 7TV, chat slang, …).</param>
/// <param name="Meaning">What it means in chat: the reason for its valence.</param>
/// <param name="Role">What it does in a line beyond its valence (laughter, a sarcasm marker), which some rules read.</param>
public sealed record TwitchLexiconEntry(
    string Token, double Valence, TwitchTokenKind Kind, string Source, string Meaning, TwitchTokenRole Role = TwitchTokenRole.None);

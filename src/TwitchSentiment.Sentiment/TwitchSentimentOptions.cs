namespace TwitchSentiment.Sentiment;

/// <summary>
/// The Twitch-aware score's configuration: its lexicons and its switches, each of which can be turned off to get
/// closer to plain VADER. Immutable; make variants with <c>with</c>.
/// </summary>
public sealed record TwitchSentimentOptions
{
    /// <summary>The defaults: the embedded lexicons and every switch on.</summary>
    public static TwitchSentimentOptions Default { get; } = new();

    /// <summary>VADER's word and emoji lexicons. Default: <see cref="VaderLexicon.Embedded"/>.</summary>
    public VaderLexicon VaderLexicon { get; init; } = VaderLexicon.Embedded;

    /// <summary>
    /// The emotes and slang laid over VADER's lexicon. Default: <see cref="TwitchLexicon.Embedded"/>; extend it with a
    /// user file through <see cref="TwitchLexicon.Extend"/>.
    /// </summary>
    public TwitchLexicon Lexicon { get; init; } = TwitchLexicon.Embedded;

    /// <summary>
    /// A line that is a chat command for a bot ('!' then a letter at its start, such as <c>!roulette all</c>) scores
    /// neutral (neu 1, compound 0). Default: true.
    /// </summary>
    public bool SkipCommands { get; init; } = true;

    /// <summary>@mentions (<c>@forsen</c>) are names, not words: they are left out. Default: true.</summary>
    public bool SkipMentions { get; init; } = true;

    /// <summary>Links (<c>http://</c>, <c>https://</c>, <c>www.</c>) are left out. Default: true.</summary>
    public bool SkipUrls { get; init; } = true;

    /// <summary>
    /// Tokens made only of invisible characters (U+206D or U+E0000 that chat clients append to get around the
    /// duplicate-message filter, U+2800 filler) are left out. Default: true.
    /// </summary>
    public bool SkipInvisibleTokens { get; init; } = true;

    /// <summary>
    /// A token that is no known word but reads as a channel emote, the channel's prefix (3 to 10 lower-case letters or
    /// digits) and a capitalized suffix, gets the valence of its suffix when that is a known emote or word:
    /// <c>sodaLUL</c> laughs, <c>rooEZ</c> is EZ, <c>cirLove</c> loves, <c>sodaRAGE</c> rages. It counts as an emote.
    /// Default: true.
    /// </summary>
    public bool InferChannelEmotes { get; init; } = true;

    /// <summary>
    /// A word the lexicons do not know as written but do once stretched letters are cut back (<c>goooood</c>,
    /// <c>LOOOOOL</c>, <c>lmaooooo</c>) is read as that word, and <c>hahahaha</c>/<c>AHAHAHA</c>/<c>hehehe</c> of any
    /// length as laughter (VADER's <c>haha</c>). Default: true.
    /// </summary>
    public bool ReadElongations { get; init; } = true;

    /// <summary>
    /// Repeated emotes (<c>Clap Clap Clap</c>): the n-th occurrence of an emote within a line counts this factor to the
    /// power n-1 of its valence. 1 counts every repeat fully, 0 only the first. Default: 0.5. Must be from 0 to 1.
    /// </summary>
    public double RepeatDamping { get; init; } = 0.5;

    /// <summary>
    /// Emoji of the lexicon (kind <c>emoji</c>) mean what they mean in chat instead of VADER's description of the
    /// picture: 🔥 is hype (VADER reads "fire", negative), 😂 and 💀 are laughter, 🤡 mocks. Each stands alone as a
    /// token and keeps its own valence like an emote; the U+FE0F that follows many emoji (❤️) is dropped. Default: true.
    /// </summary>
    public bool ChatEmojiMeanings { get; init; } = true;

    /// <summary>
    /// Laughter (entries with the role <c>laughter</c>: <c>LUL</c>, <c>KEKW</c>, <c>lmao</c>, 😂) after words that are
    /// negative overall laughs at something: it counts half its valence, negative (<c>NA LCS is the worst LUL</c>).
    /// Default: true.
    /// </summary>
    public bool MockingLaughter { get; init; } = true;

    /// <summary>
    /// A line holding a sarcasm marker (entries with the role <c>sarcasm</c>: <c>Kappa</c> and its variants, <c>/s</c>)
    /// does not mean its words: they count nothing, its emotes keep their valence. Default: true.
    /// </summary>
    public bool SarcasmMarkers { get; init; } = true;

    /// <summary>
    /// The typographic apostrophes phone keyboards type (’, ‘) read as the plain one, so that <c>can’t</c> negates like
    /// <c>can't</c> and <c>it’s</c> is the word VADER knows. Default: true.
    /// </summary>
    public bool PlainApostrophes { get; init; } = true;

    /// <summary>
    /// Words chat writes apart but means as one: "let's go" (and "lets gooo") is the hype chant, read as the slang
    /// entry <c>letsgo</c>; a word spelled out in single letters (<c>D I E</c>, <c>G G</c> is too short) is read as
    /// the word when the lexicons know it. Default: true.
    /// </summary>
    public bool ChatPhrases { get; init; } = true;

    /// <summary>
    /// A negation before a negative word (<c>not a bully</c>, <c>doesn't ban</c>, <c>don't miss</c>, <c>no problem</c>) says that
    /// something bad is absent, not that something good is there: the word counts 0 instead of VADER's flipped
    /// valence (× −0.74). Negated positive words are flipped as in VADER (<c>not good</c> is negative). Default: true.
    /// </summary>
    public bool NegatedNegativesNeutral { get; init; } = true;
}

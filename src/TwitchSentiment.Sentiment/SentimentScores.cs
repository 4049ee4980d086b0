namespace TwitchSentiment.Sentiment;

/// <summary>
/// VADER's four numbers for one text, rounded as the reference's <c>polarity_scores</c> rounds them:
/// <see cref="Neg"/>, <see cref="Neu"/> and <see cref="Pos"/> to 3 decimals (shares of the text, adding up to
/// about 1), <see cref="Compound"/> to 4 (the normalized sum, from -1 to 1).
/// </summary>
/// <param name="Neg">Share of negative sentiment.</param>
/// <param name="Neu">Share of neutral words.</param>
/// <param name="Pos">Share of positive sentiment.</param>
/// <param name="Compound">Normalized, weighted composite score in [-1, 1].</param>
public readonly record struct SentimentScores(double Neg, double Neu, double Pos, double Compound);

using TwitchSentiment.Sentiment.PythonCompat;
using static TwitchSentiment.Sentiment.Internal.VaderReferenceData;

namespace TwitchSentiment.Sentiment;

/// <summary>From per-word sentiments to the four numbers: the reference's score_valence and its helpers.</summary>
public sealed partial class VaderAnalyzer
{
    /// <summary>normalize: maps the sum into [-1, 1] with alpha = 15.</summary>
    private static double Normalize(double score)
    {
        double normScore = score / Math.Sqrt((score * score) + NormalizeAlpha);
        return normScore < -1.0 ? -1.0 : normScore > 1.0 ? 1.0 : normScore;
    }

    /// <summary>_punctuation_emphasis: the added emphasis of '!' and '?' in the (emoji-replaced) text.</summary>
    private static double PunctuationEmphasis(ReadOnlySpan<char> text)
    {
        // most lines have neither mark: one vectorized search settles them; the rest are counted in one pass from the
        // first mark (a vectorized Count per mark cost native AOT a twentieth of its scoring time: measured)
        int first = text.IndexOfAny('!', '?');
        if (first < 0)
        {
            return 0;
        }

        int epCount = 0;
        int qmCount = 0;
        foreach (char c in text[first..])
        {
            epCount += c == '!' ? 1 : 0;
            qmCount += c == '?' ? 1 : 0;
        }

        return AmplifyEp(epCount) + AmplifyQm(qmCount);
    }

    /// <summary>_amplify_ep: up to four exclamation points.</summary>
    private static double AmplifyEp(int epCount) => Math.Min(epCount, MaxExclamationPoints) * ExclamationPointIncrement;

    /// <summary>_amplify_qm: two or three question marks add per mark; more add a fixed amount.</summary>
    private static double AmplifyQm(int qmCount)
    {
        if (qmCount <= 1)
        {
            return 0;
        }

        return qmCount <= MaxQuestionMarks ? qmCount * QuestionMarkIncrement : QuestionMarkCap;
    }

    /// <summary>score_valence: compound from the sum, and the neg/neu/pos shares, rounded as the reference rounds.</summary>
    private static SentimentScores ScoreValence(ReadOnlySpan<double> sentiments, ReadOnlySpan<char> text)
    {
        if (sentiments.IsEmpty)
        {
            return default;
        }

        double sumS = 0.0;
        foreach (double sentiment in sentiments)
        {
            sumS += sentiment; // left to right, as Python 3.11's sum()
        }

        // compute and add emphasis from punctuation in text
        double punctEmphAmplifier = PunctuationEmphasis(text);
        if (sumS > 0)
        {
            sumS += punctEmphAmplifier;
        }
        else if (sumS < 0)
        {
            sumS -= punctEmphAmplifier;
        }

        double compound = Normalize(sumS);

        // discriminate between positive, negative and neutral sentiment scores
        (double posSum, double negSum, int neuCount) = SiftSentimentScores(sentiments);
        if (posSum > Math.Abs(negSum))
        {
            posSum += punctEmphAmplifier;
        }
        else if (posSum < Math.Abs(negSum))
        {
            negSum -= punctEmphAmplifier;
        }

        double total = posSum + Math.Abs(negSum) + neuCount;
        double pos = Math.Abs(posSum / total);
        double neg = Math.Abs(negSum / total);
        double neu = Math.Abs(neuCount / total);

        return new SentimentScores(
            PythonRound.Round(neg, 3),
            PythonRound.Round(neu, 3),
            PythonRound.Round(pos, 3),
            PythonRound.Round(compound, 4));
    }

    /// <summary>_sift_sentiment_scores: sums of positive and negative sentiment, each word counting one extra, and the neutral count.</summary>
    private static (double PosSum, double NegSum, int NeuCount) SiftSentimentScores(ReadOnlySpan<double> sentiments)
    {
        double posSum = 0.0;
        double negSum = 0.0;
        int neuCount = 0;
        foreach (double sentimentScore in sentiments)
        {
            if (sentimentScore > 0)
            {
                posSum += sentimentScore + 1; // compensates for neutral words that are counted as 1
            }

            if (sentimentScore < 0)
            {
                negSum += sentimentScore - 1; // when used with Math.Abs, compensates for neutrals
            }

            if (sentimentScore == 0)
            {
                neuCount++;
            }
        }

        return (posSum, negSum, neuCount);
    }
}

using System.Globalization;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Throughput;

/// <summary>
/// The four scores summed over every text in file order. It keeps the timed work observable, and since the
/// reference script sums the same way, equal checksums say both sides gave the same scores.
/// </summary>
internal readonly record struct ScoreChecksum(double Neg, double Neu, double Pos, double Compound)
{
    private const string Separator = " checksum: ";

    internal ScoreChecksum Add(SentimentScores scores) =>
        new(Neg + scores.Neg, Neu + scores.Neu, Pos + scores.Pos, Compound + scores.Compound);

    /// <summary>
    /// The line both sides print, <c>WHAT checksum: neg=… neu=… pos=… compound=…</c>, with round-trip numbers.
    /// </summary>
    internal string Format(string what) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{what}{Separator}neg={Neg:R} neu={Neu:R} pos={Pos:R} compound={Compound:R}");

    /// <summary>Reads a line written by <see cref="Format"/> or by the reference script.</summary>
    internal static bool TryParse(string line, out string what, out ScoreChecksum checksum)
    {
        what = string.Empty;
        checksum = default;
        int separator = line.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            return false;
        }

        string[] fields = line[(separator + Separator.Length)..].Split(' ');
        if (fields.Length != 4
            || !TryParseField(fields[0], "neg=", out double neg)
            || !TryParseField(fields[1], "neu=", out double neu)
            || !TryParseField(fields[2], "pos=", out double pos)
            || !TryParseField(fields[3], "compound=", out double compound))
        {
            return false;
        }

        what = line[..separator];
        checksum = new ScoreChecksum(neg, neu, pos, compound);
        return true;
    }

    private static bool TryParseField(string field, string name, out double value)
    {
        value = 0;
        return field.StartsWith(name, StringComparison.Ordinal)
            && double.TryParse(field.AsSpan(name.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}

using TwitchSentiment.Pipeline.Analysis;

namespace TwitchSentiment.Pipeline.Reports;

/// <summary>One minute of the timeline.</summary>
/// <param name="Start">The minute (UTC).</param>
/// <param name="Covered">Whether any capture listened during it; an uncovered minute is a gap, not a quiet minute.</param>
/// <param name="Messages">Messages received in it.</param>
/// <param name="MeanCompound">Their mean compound score, or null when there were none.</param>
/// <param name="MeanTwitchCompound">Their mean Twitch-aware compound score, or null when there were none (or the results predate it).</param>
public sealed record MinutePoint(DateTimeOffset Start, bool Covered, long Messages, double? MeanCompound, double? MeanTwitchCompound);

/// <summary>A message quoted in the report.</summary>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="UserLogin">Who sent it.</param>
/// <param name="Text">What it said.</param>
/// <param name="Compound">Its compound score.</param>
/// <param name="MessageId">Its id, or null.</param>
public sealed record QuotedMessage(DateTimeOffset ReceivedAt, string UserLogin, string Text, double Compound, string? MessageId);

/// <summary>How a channel's chat felt over one UTC day, from every result of that channel and day.</summary>
public sealed class ChannelDayReport
{
    /// <summary>Messages quoted in each of the most positive and most negative lists.</summary>
    public const int Quoted = 5;

    /// <summary>The channel's login.</summary>
    public required string Channel { get; init; }

    /// <summary>The UTC day.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Messages counted (each message id once).</summary>
    public long Messages { get; init; }

    /// <summary>Rows dropped because another capture already had their message id.</summary>
    public long Duplicates { get; init; }

    /// <summary>Share of messages with compound above 0.05.</summary>
    public double PositiveShare { get; init; }

    /// <summary>Share of messages with compound between -0.05 and 0.05.</summary>
    public double NeutralShare { get; init; }

    /// <summary>Share of messages with compound below -0.05.</summary>
    public double NegativeShare { get; init; }

    /// <summary>Mean compound score, or null without messages.</summary>
    public double? MeanCompound { get; init; }

    /// <summary>Mean Twitch-aware compound score, or null without messages scored that way.</summary>
    public double? MeanTwitchCompound { get; init; }

    /// <summary>Minute by minute from the first covered minute to the last.</summary>
    public required IReadOnlyList<MinutePoint> Timeline { get; init; }

    /// <summary>The most positive messages, best first.</summary>
    public required IReadOnlyList<QuotedMessage> MostPositive { get; init; }

    /// <summary>The most negative messages, worst first.</summary>
    public required IReadOnlyList<QuotedMessage> MostNegative { get; init; }

    /// <summary>When captures were listening (merged, within the day).</summary>
    public required IReadOnlyList<CoveredWindow> Windows { get; init; }

    /// <summary>The parts of the day nobody was listening.</summary>
    public required IReadOnlyList<CoveredWindow> Gaps { get; init; }

    /// <summary>The results objects the report was built from, in the order they were read.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>Seconds covered by <see cref="Windows"/>.</summary>
    public double CoveredSeconds => Windows.Sum(w => w.Length.TotalSeconds);

    /// <summary>Share of the day covered.</summary>
    public double CoveredShare => CoveredSeconds / 86_400;
}

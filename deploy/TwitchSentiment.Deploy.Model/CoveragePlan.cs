using System.Globalization;
using TwitchSentiment.Deploy.Model.Internal;

namespace TwitchSentiment.Deploy.Model;

/// <summary>
/// How scheduled windows of one channel overlap, so that a channel is listened to around the clock.
/// <para>
/// Every group's window starts every <c>P</c> (the schedule period, whole minutes: EventBridge rate expressions). In the
/// worst case a window started at <c>t</c> listens from <c>t + U + J(n)</c>, where <c>U</c> is the start-up allowance
/// (scheduler delivery, Lambda's queue and cold start, TLS, login) and <c>J(n) = floor((n − 1) / 20) × 10 s</c> the
/// pacing of a group's <c>n</c> JOINs (20 per 10 s), until <c>t + D</c>, where <c>D</c> is the capture duration
/// (the payload's <c>minutes</c>). So consecutive windows overlap by
/// <code>V = D − P − U − J(n)</code>
/// and <c>V ≥ O</c> (the configured overlap) is required. The scraper's timeout is <c>T = 14 min + S</c> (<c>S</c> its safety
/// margin, 1–60 s), so <c>T ≤ 900 s</c> and every <c>D ≤ 14 min = T − S</c> ends before the deadline's margin.
/// </para>
/// <para>
/// Derived values: without <c>schedulePeriod</c>, <c>P = floor((Dmax − U − J(nmax) − O) / 1 min)</c> with <c>Dmax</c> the
/// configured capture or 14 min and <c>nmax</c> the largest group; without <c>captureMinutes</c>, each group captures
/// <c>D = P + U + J(n) + O</c>, rounded up to 0.01 minute. A configuration where <c>P</c> would be under a minute, or
/// <c>D</c> over 14 minutes, or <c>V</c> under <c>O</c>, is an error that says which setting to change.
/// </para>
/// </summary>
/// <param name="Period">The schedule period <c>P</c>, the same for every group.</param>
/// <param name="Windows">One plan per group, in configuration order.</param>
/// <param name="ScraperTimeout">The scraper's timeout <c>T</c>.</param>
/// <param name="SafetyMargin">The scraper's safety margin <c>S</c>.</param>
/// <param name="Overlap">The least overlap required, <c>O</c>.</param>
public sealed record CoveragePlan(TimeSpan Period, IReadOnlyList<CaptureWindow> Windows, TimeSpan ScraperTimeout, TimeSpan SafetyMargin, TimeSpan Overlap)
{
    /// <summary>Lambda's longest timeout.</summary>
    public static readonly TimeSpan LambdaMaxTimeout = TimeSpan.FromSeconds(900);

    /// <summary>The longest capture the scraper accepts (its payload's <c>minutes</c> is 1–14).</summary>
    public const decimal MaxCaptureMinutes = 14;

    /// <summary>The shortest capture the scraper accepts.</summary>
    public const decimal MinCaptureMinutes = 1;

    /// <summary>The longest safety margin this model accepts, so that <c>14 min + S ≤ 900 s</c>.</summary>
    public static readonly TimeSpan MaxSafetyMargin = TimeSpan.FromSeconds(60);

    /// <summary>Twitch: at most 90 channels share one connection (see TWITCH_IRC.md).</summary>
    public const int MaxChannelsPerConnection = 90;

    /// <summary>Twitch: at most 20 JOINs per <see cref="JoinWindow"/> per account.</summary>
    public const int JoinsPerWindow = 20;

    /// <summary>Twitch's JOIN rate window.</summary>
    public static readonly TimeSpan JoinWindow = TimeSpan.FromSeconds(10);

    /// <summary>The EventBridge Scheduler expression of <see cref="Period"/>: <c>rate(1 minute)</c>, <c>rate(13 minutes)</c>.</summary>
    public string ScheduleExpression =>
        Period == TimeSpan.FromMinutes(1) ? "rate(1 minute)" : string.Create(CultureInfo.InvariantCulture, $"rate({(int)Period.TotalMinutes} minutes)");

    /// <summary>How long the scraper's JOINs of <paramref name="channels"/> channels take, paced 20 per 10 s: <c>floor((n − 1) / 20) × 10 s</c>.</summary>
    public static TimeSpan JoinTime(int channels) =>
        channels <= 1 ? TimeSpan.Zero : JoinWindow * ((channels - 1) / JoinsPerWindow);

    /// <summary>Plans the windows of <paramref name="options"/>.</summary>
    /// <exception cref="DeploymentConfigException">The windows cannot overlap, or a setting is out of range.</exception>
    public static CoveragePlan Create(DeploymentOptions options)
    {
        var problems = new List<string>();
        CoveragePlan? plan = Create(options, problems);
        return problems.Count > 0 || plan is null ? throw new DeploymentConfigException(problems) : plan;
    }

    internal static CoveragePlan? Create(DeploymentOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        int before = problems.Count;
        TimeSpan safety = options.SafetyMargin;
        if (safety < TimeSpan.FromSeconds(1) || safety > MaxSafetyMargin || safety.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add($"{ConfigKeys.SafetyMargin} is {DurationText.Format(safety)}; it must be whole seconds from 1s to 60s (and equal the scraper's own margin, 20s by default), so that 14 minutes of capture plus the margin fit Lambda's 900 s.");
        }

        if (options.Overlap < TimeSpan.Zero)
        {
            problems.Add($"{ConfigKeys.Overlap} is negative; give the least overlap of consecutive windows, e.g. 30s.");
        }

        if (options.StartupAllowance < TimeSpan.Zero)
        {
            problems.Add($"{ConfigKeys.StartupAllowance} is negative; give the time a window needs to connect and log in, e.g. 30s.");
        }

        foreach (ChannelGroup group in options.ChannelGroups)
        {
            if (group.Channels.Count == 0)
            {
                problems.Add($"{ConfigKeys.ChannelGroups}.{group.Name} has no channels; list at least one or remove the group.");
            }
            else if (group.Channels.Count > MaxChannelsPerConnection)
            {
                problems.Add($"{ConfigKeys.ChannelGroups}.{group.Name} has {group.Channels.Count} channels; one connection holds at most {MaxChannelsPerConnection} (Twitch), so split it into groups of {MaxChannelsPerConnection} or fewer.");
            }
        }

        decimal? minutes = options.CaptureMinutes;
        if (minutes is { } m && (m < MinCaptureMinutes || m > MaxCaptureMinutes))
        {
            problems.Add($"{ConfigKeys.CaptureMinutes} is {m.ToString(CultureInfo.InvariantCulture)}; the scraper captures {MinCaptureMinutes} to {MaxCaptureMinutes} minutes per invocation (Lambda stops it at 15 minutes, less start-up and its safety margin).");
        }

        if (options.SchedulePeriod is { } given && (given < TimeSpan.FromMinutes(1) || given.Ticks % TimeSpan.TicksPerMinute != 0))
        {
            problems.Add($"{ConfigKeys.SchedulePeriod} is {DurationText.Format(given)}; it must be whole minutes, at least 1m (EventBridge rate expressions count whole minutes).");
        }

        if (problems.Count > before)
        {
            return null;
        }

        TimeSpan overlap = options.Overlap;
        TimeSpan longest = Minutes(MaxCaptureMinutes);
        TimeSpan capture = minutes is { } fixedMinutes ? Minutes(fixedMinutes) : longest;
        int largest = options.ChannelGroups.Count == 0 ? 1 : options.ChannelGroups.Max(g => g.Channels.Count);
        TimeSpan largestLead = options.StartupAllowance + JoinTime(largest);
        TimeSpan period = options.SchedulePeriod ?? TimeSpan.FromMinutes(Math.Floor((capture - largestLead - overlap).TotalMinutes));
        if (period < TimeSpan.FromMinutes(1))
        {
            problems.Add(
                $"windows cannot overlap: a window of {DurationText.Format(capture)} " +
                $"({(minutes is null ? "the scraper's longest" : ConfigKeys.CaptureMinutes)}) " +
                $"minus start-up {DurationText.Format(options.StartupAllowance)} ({ConfigKeys.StartupAllowance}), joins {DurationText.Format(JoinTime(largest))} " +
                $"(the largest group, {largest} channels) and overlap {DurationText.Format(overlap)} ({ConfigKeys.Overlap}) leaves less than the shortest schedule period, 1 minute. " +
                "Lower the overlap or the start-up allowance, use smaller groups" + (minutes is null ? "." : $", or raise {ConfigKeys.CaptureMinutes}."));
            return null;
        }

        var windows = new List<CaptureWindow>();
        foreach (ChannelGroup group in options.ChannelGroups)
        {
            TimeSpan joins = JoinTime(group.Channels.Count);
            TimeSpan lead = options.StartupAllowance + joins;
            decimal needed = CeilingMinutes(period + lead + overlap);
            decimal windowMinutes = minutes ?? needed;
            TimeSpan worstOverlap = Minutes(windowMinutes) - period - lead;
            string name = group.IsSingleChannel ? group.Channels[0].ToString() : $"group {group.Name}";
            string terms = $"capture {Format(Minutes(windowMinutes))} − period {DurationText.Format(period)} − start-up {DurationText.Format(options.StartupAllowance)} − joins {DurationText.Format(joins)}";
            if (windowMinutes > MaxCaptureMinutes)
            {
                TimeSpan longestPeriod = TimeSpan.FromMinutes(Math.Floor((longest - lead - overlap).TotalMinutes));
                problems.Add(
                    $"{ConfigKeys.SchedulePeriod} {DurationText.Format(period)} cannot overlap for {name}: it would need {needed.ToString(CultureInfo.InvariantCulture)} minutes of capture " +
                    $"(period + start-up {DurationText.Format(options.StartupAllowance)} + joins {DurationText.Format(joins)} + overlap {DurationText.Format(overlap)}), more than the scraper's {MaxCaptureMinutes}. " +
                    (longestPeriod >= TimeSpan.FromMinutes(1)
                        ? $"Shorten {ConfigKeys.SchedulePeriod} to {DurationText.Format(longestPeriod)} or less, or lower {ConfigKeys.Overlap}."
                        : $"Lower {ConfigKeys.Overlap} or {ConfigKeys.StartupAllowance}, or make the group smaller."));
            }
            else if (worstOverlap < overlap)
            {
                problems.Add(
                    $"{ConfigKeys.CaptureMinutes} {windowMinutes.ToString(CultureInfo.InvariantCulture)} with {ConfigKeys.SchedulePeriod} {DurationText.Format(period)} leaves consecutive windows of {name} " +
                    $"overlapping by {Format(worstOverlap)} in the worst case ({terms}), less than {ConfigKeys.Overlap} {DurationText.Format(overlap)}: chat would go unrecorded between windows. " +
                    (needed <= MaxCaptureMinutes
                        ? $"Raise {ConfigKeys.CaptureMinutes} to {needed.ToString(CultureInfo.InvariantCulture)} or more, or shorten {ConfigKeys.SchedulePeriod}."
                        : $"Shorten {ConfigKeys.SchedulePeriod}."));
            }

            windows.Add(new CaptureWindow(group, period, lead, joins, windowMinutes, worstOverlap));
        }

        TimeSpan timeout = longest + safety;
        return problems.Count > before ? null : new CoveragePlan(period, windows, timeout, safety, overlap);
    }

    private static TimeSpan Minutes(decimal minutes) => TimeSpan.FromTicks((long)(minutes * TimeSpan.TicksPerMinute));

    /// <summary>Rounds up to 0.01 minute (0.6 s), so the payload's <c>minutes</c> is short and never shorter than needed.</summary>
    private static decimal CeilingMinutes(TimeSpan duration) =>
        Math.Ceiling(duration.Ticks / (decimal)TimeSpan.TicksPerMinute * 100) / 100;

    private static string Format(TimeSpan duration) => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###} s");
}

/// <summary>The scheduled windows of one group.</summary>
/// <param name="Group">The channels captured together.</param>
/// <param name="Period">How often a window starts, <c>P</c>.</param>
/// <param name="Lead">Worst-case time from a window's scheduled start until every channel is joined, <c>U + J(n)</c>.</param>
/// <param name="JoinTime">The JOIN pacing part of <see cref="Lead"/>, <c>J(n)</c>.</param>
/// <param name="CaptureMinutes">The payload's <c>minutes</c>, <c>D</c> in minutes.</param>
/// <param name="WorstCaseOverlap">How long consecutive windows both listen in the worst case, <c>V = D − P − U − J(n)</c>.</param>
public sealed record CaptureWindow(ChannelGroup Group, TimeSpan Period, TimeSpan Lead, TimeSpan JoinTime, decimal CaptureMinutes, TimeSpan WorstCaseOverlap)
{
    /// <summary>The capture duration <c>D</c>.</summary>
    public TimeSpan Capture => TimeSpan.FromTicks((long)(CaptureMinutes * TimeSpan.TicksPerMinute));
}

using TwitchSentiment.Deploy.Model;
using TwitchSentiment.Irc;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>Schedule period P, capture D, worst-case overlap V = D − P − U − J(n) and timeout T (see CoveragePlan).</summary>
public sealed class CoveragePlanTests
{
    private static readonly TimeSpan LongestCapture = TimeSpan.FromMinutes(14);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(20, 0)]
    [InlineData(21, 10)]
    [InlineData(40, 10)]
    [InlineData(41, 20)]
    [InlineData(90, 40)]
    public void JoinTime_paces_twenty_joins_per_ten_seconds(int channels, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), CoveragePlan.JoinTime(channels));

    // Known answers, worked by hand from the formulas in the README.
    [Theory]
    //          channels startup overlap safety period minutes | P   D      V     T
    [InlineData(1, 30, 30, 20, null, null, 13, "14", 30, 860)]
    [InlineData(1, 0, 0, 20, null, null, 14, "14", 0, 860)]
    [InlineData(1, 30, 30, 60, null, null, 13, "14", 30, 900)]
    [InlineData(21, 30, 30, 20, null, null, 12, "13.17", 30.2, 860)]
    [InlineData(90, 30, 30, 20, null, null, 12, "13.67", 30.2, 860)]
    [InlineData(1, 30, 30, 20, 5, null, 5, "6", 30, 860)]
    [InlineData(1, 45, 30, 20, 10, null, 10, "11.25", 30, 860)]
    [InlineData(1, 30, 30, 20, null, "10", 9, "10", 30, 860)]
    [InlineData(1, 30, 30, 20, 1, null, 1, "2", 30, 860)]
    [InlineData(1, 30, 120, 20, null, null, 11, "13.5", 120, 860)]
    public void Plan_matches_the_worked_examples(
        int channels, int startup, int overlap, int safety, int? periodMinutes, string? captureMinutes,
        int expectedPeriodMinutes, string expectedMinutes, double expectedOverlapSeconds, int expectedTimeoutSeconds)
    {
        CoveragePlan plan = CoveragePlan.Create(Options(channels, startup, overlap, safety, periodMinutes, captureMinutes is null ? null : decimal.Parse(captureMinutes, System.Globalization.CultureInfo.InvariantCulture)));

        CaptureWindow window = Assert.Single(plan.Windows);
        Assert.Equal(TimeSpan.FromMinutes(expectedPeriodMinutes), plan.Period);
        Assert.Equal(decimal.Parse(expectedMinutes, System.Globalization.CultureInfo.InvariantCulture), window.CaptureMinutes);
        Assert.Equal(expectedOverlapSeconds, window.WorstCaseOverlap.TotalSeconds, precision: 3);
        Assert.Equal(TimeSpan.FromSeconds(expectedTimeoutSeconds), plan.ScraperTimeout);
    }

    /// <summary>
    /// Every combination in the documented range: group sizes 1–90, start-up 0–120 s, overlap 0–300 s, safety margin
    /// 1–60 s, period derived or 1–14 minutes, capture derived or 1–14 minutes. A plan is produced exactly when an
    /// independent oracle says the windows can overlap, and then every invariant holds; otherwise the error is a
    /// <see cref="DeploymentConfigException"/> naming a setting.
    /// </summary>
    [Fact]
    public void Plan_over_the_documented_range_overlaps_within_limits_or_says_why_not()
    {
        int planned = 0, refused = 0;
        var range =
            from channels in new[] { 1, 20, 21, 60, 90 }
            from startup in new[] { 0, 10, 30, 60, 120 }
            from overlap in new[] { 0, 30, 60, 300 }
            from safety in new[] { 1, 20, 60 }
            from period in new int?[] { null, 1, 5, 10, 12, 13, 14 }
            from minutes in new decimal?[] { null, 1, 2.5m, 10, 13.5m, 14 }
            select (channels, startup, overlap, safety, period, minutes);
        foreach ((int channels, int startup, int overlap, int safety, int? period, decimal? minutes) in range)
        {
            DeploymentOptions options = Options(channels, startup, overlap, safety, period, minutes);
            TimeSpan lead = TimeSpan.FromSeconds(startup) + TimeSpan.FromSeconds(10 * ((channels - 1) / 20));
            TimeSpan o = TimeSpan.FromSeconds(overlap);
            TimeSpan capture = minutes is { } m ? TimeSpan.FromMinutes((double)m) : LongestCapture;
            TimeSpan? expectedPeriod = period is { } p ? TimeSpan.FromMinutes(p)
                : Math.Floor((capture - lead - o).TotalMinutes) >= 1 ? TimeSpan.FromMinutes(Math.Floor((capture - lead - o).TotalMinutes)) : null;
            bool possible = expectedPeriod is { } ep && (minutes is null ? ep + lead + o <= LongestCapture : capture - ep - lead >= o);
            string label = $"n={channels} U={startup}s O={overlap}s S={safety}s P={period?.ToString() ?? "derived"} D={minutes?.ToString() ?? "derived"}";

            if (!possible)
            {
                var error = Assert.Throws<DeploymentConfigException>(() => CoveragePlan.Create(options));
                Assert.Contains("twitch-sentiment:", error.Message, StringComparison.Ordinal);
                refused++;
                continue;
            }

            CoveragePlan plan = CoveragePlan.Create(options);
            CaptureWindow window = Assert.Single(plan.Windows);
            Assert.True(plan.Period == expectedPeriod, $"{label}: period {plan.Period}, expected {expectedPeriod}");
            Assert.True(plan.Period >= TimeSpan.FromMinutes(1) && plan.Period.Ticks % TimeSpan.TicksPerMinute == 0, $"{label}: period {plan.Period} is not whole minutes");
            Assert.True(window.CaptureMinutes is >= 1 and <= 14, $"{label}: capture {window.CaptureMinutes} min outside 1–14");
            Assert.True(window.WorstCaseOverlap >= o, $"{label}: worst-case overlap {window.WorstCaseOverlap} < {o}");
            Assert.Equal(window.Capture - plan.Period - lead, window.WorstCaseOverlap);
            Assert.True(window.Capture + plan.SafetyMargin <= plan.ScraperTimeout, $"{label}: capture + margin exceeds the timeout {plan.ScraperTimeout}");
            Assert.True(plan.ScraperTimeout <= TimeSpan.FromSeconds(900), $"{label}: timeout {plan.ScraperTimeout} over 900 s");
            if (minutes is null)
            {
                // The shortest capture that overlaps: 0.01 minute less would not.
                Assert.True(window.WorstCaseOverlap - TimeSpan.FromSeconds(0.6) < o, $"{label}: capture {window.CaptureMinutes} is longer than needed");
            }

            if (period is null)
            {
                // The longest period that overlaps: one minute more would not fit the capture.
                Assert.True(plan.Period + TimeSpan.FromMinutes(1) + lead + o > capture, $"{label}: period {plan.Period} is shorter than possible");
            }

            planned++;
        }

        Assert.True(planned > 1000 && refused > 1000, $"the range should hold both outcomes: {planned} planned, {refused} refused");
    }

    [Fact]
    public void Create_when_no_period_can_overlap_says_which_settings_to_lower()
    {
        var error = Assert.Throws<DeploymentConfigException>(() => CoveragePlan.Create(Options(1, 30, 780, 20, null, null)));

        Assert.Contains("windows cannot overlap", error.Message, StringComparison.Ordinal);
        Assert.Contains("twitch-sentiment:overlap", error.Message, StringComparison.Ordinal);
        Assert.Contains("twitch-sentiment:startupAllowance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_when_the_period_is_too_long_names_the_longest_that_overlaps()
    {
        var error = Assert.Throws<DeploymentConfigException>(() => CoveragePlan.Create(Options(1, 30, 30, 20, 14, null)));

        Assert.Contains("twitch-sentiment:schedulePeriod 14m cannot overlap for #chan0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Shorten twitch-sentiment:schedulePeriod to 13m or less", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_when_the_capture_is_too_short_for_the_period_names_the_capture_needed()
    {
        var error = Assert.Throws<DeploymentConfigException>(() => CoveragePlan.Create(Options(1, 30, 30, 20, 12, 12)));

        Assert.Contains("overlapping by -30 s in the worst case", error.Message, StringComparison.Ordinal);
        Assert.Contains("Raise twitch-sentiment:captureMinutes to 13 or more", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("14.01")]
    [InlineData("15")]
    public void Create_refuses_capture_minutes_outside_one_to_fourteen(string minutes)
    {
        var error = Assert.Throws<DeploymentConfigException>(() =>
            CoveragePlan.Create(Options(1, 30, 30, 20, null, decimal.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Contains($"twitch-sentiment:captureMinutes is {minutes}; the scraper captures 1 to 14 minutes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Create_refuses_a_safety_margin_that_does_not_fit_lambdas_limit(int seconds)
    {
        var error = Assert.Throws<DeploymentConfigException>(() => CoveragePlan.Create(Options(1, 30, 30, seconds, null, null)));

        Assert.Contains("twitch-sentiment:safetyMargin", error.Message, StringComparison.Ordinal);
        Assert.Contains("900 s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s")]
    [InlineData("90s")]
    [InlineData("0")]
    public void Create_refuses_a_period_of_partial_or_no_minutes(string period)
    {
        DeploymentOptions options = Some.Options((ConfigKeys.Channels, "a"), (ConfigKeys.SchedulePeriod, period));

        var error = Assert.Throws<DeploymentConfigException>(() => CoveragePlan.Create(options));

        Assert.Contains("twitch-sentiment:schedulePeriod", error.Message, StringComparison.Ordinal);
        Assert.Contains("whole minutes, at least 1m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_refuses_a_group_over_the_per_connection_limit()
    {
        var error = Assert.Throws<DeploymentConfigException>(() => CoveragePlan.Create(Options(91, 30, 30, 20, null, null)));

        Assert.Contains("has 91 channels; one connection holds at most 90", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_with_groups_of_different_sizes_shares_the_period_and_captures_each_as_long_as_it_needs()
    {
        DeploymentOptions options = DeploymentOptions.Default with
        {
            ChannelGroups = [Group("solo", 1), Group("big", 90)],
        };

        CoveragePlan plan = CoveragePlan.Create(options);

        Assert.Equal(TimeSpan.FromMinutes(12), plan.Period); // from the big group: floor((840 − 70 − 30) / 60)
        Assert.Equal(13m, plan.Windows[0].CaptureMinutes); // 720 + 30 + 0 + 30 s
        Assert.Equal(13.67m, plan.Windows[1].CaptureMinutes); // 720 + 30 + 40 + 30 s, rounded up
    }

    [Theory]
    [InlineData(1, "rate(1 minute)")]
    [InlineData(13, "rate(13 minutes)")]
    public void ScheduleExpression_is_an_eventbridge_rate(int minutes, string expected)
    {
        CoveragePlan plan = CoveragePlan.Create(Options(1, 30, 30, 20, minutes, null));

        Assert.Equal(expected, plan.ScheduleExpression);
    }

    private static DeploymentOptions Options(int channels, int startup, int overlap, int safety, int? periodMinutes, decimal? captureMinutes) =>
        DeploymentOptions.Default with
        {
            ChannelGroups = [channels == 1 ? new ChannelGroup("chan0", [ChannelName.Parse("chan0")], true) : Group("g", channels)],
            StartupAllowance = TimeSpan.FromSeconds(startup),
            Overlap = TimeSpan.FromSeconds(overlap),
            SafetyMargin = TimeSpan.FromSeconds(safety),
            SchedulePeriod = periodMinutes is { } p ? TimeSpan.FromMinutes(p) : null,
            CaptureMinutes = captureMinutes,
        };

    private static ChannelGroup Group(string name, int channels) =>
        new(name, [.. Enumerable.Range(0, channels).Select(i => ChannelName.Parse($"{name}{i}"))], channels == 1 && name == "solo");
}

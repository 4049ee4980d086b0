namespace TwitchSentiment.Pipeline.Tests;

public sealed class KeysAndDurationsTests
{
    [Fact]
    public void A_raw_key_round_trips_and_its_results_and_report_keys_follow_it()
    {
        string key = LogKeys.Raw("northernlion", new DateTimeOffset(2026, 11, 24, 23, 59, 30, TimeSpan.FromHours(-5)), "ab12cd34");

        Assert.Equal("raw/northernlion/2026/11/25/20261125T045930Z-ab12cd34.log.gz", key);
        Assert.True(LogKeys.TryParseRaw("/data/store/" + key, out RawKey? raw));
        Assert.Equal(("/data/store/", key, "northernlion", new DateOnly(2026, 11, 25)), (raw.Root, raw.Key, raw.Channel, raw.Day));
        Assert.Equal("results/northernlion/2026/11/25/20261125T045930Z-ab12cd34", raw.Results);
        Assert.Equal("reports/northernlion/2026/11/25", LogKeys.Report("northernlion", raw.Day));
        Assert.True(LogKeys.TryParseRaw("s3://bucket/prefix/" + key, out RawKey? s3));
        Assert.Equal("s3://bucket/prefix/", s3.Root);
    }

    [Theory]
    [InlineData("raw/Chan/2026/11/24/x.log.gz")]
    [InlineData("raw/chan/2026/11/x.log.gz")]
    [InlineData("raw/chan/2026/11/24/x.log")]
    [InlineData("results/chan/2026/11/24/x.log.gz")]
    [InlineData("raw/chan/2026/02/30/x.log.gz")] // no such day
    [InlineData("raw/chan/2026/11/24/x.log.gz\n")] // another object's key, not this one
    public void Other_paths_are_not_raw_keys(string path) => Assert.False(LogKeys.TryParseRaw(path, out _));

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("15m", 900)]
    [InlineData("1h", 3600)]
    [InlineData("1.5h", 5400)]
    [InlineData("15", 900)]
    [InlineData("0.5", 30)]
    [InlineData("2M", 120)]
    public void Durations_accept_seconds_minutes_hours_and_plain_minutes(string text, double seconds)
    {
        Assert.True(Durations.TryParse(text, out TimeSpan duration, out _));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5m")]
    [InlineData("5d")]
    [InlineData("abc")]
    [InlineData("1e400")]
    public void Anything_else_is_an_error_that_says_what_is_accepted(string text)
    {
        Assert.False(Durations.TryParse(text, out _, out string? error));
        Assert.Contains("30s, 15m, 1h", error, StringComparison.Ordinal);
    }
}

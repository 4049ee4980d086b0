using System.Text;
using TwitchSentiment.Pipeline.Analysis;
using TwitchSentiment.Pipeline.Reports;

namespace TwitchSentiment.Pipeline.Tests;

public sealed class ReportTests
{
    private static readonly DateOnly Day = new(2026, 11, 24);
    private static readonly DateTimeOffset Midnight = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private static MemoryStream Rows(params (string Id, int Second, double Compound, string Text)[] rows) =>
        new(Encoding.UTF8.GetBytes(string.Concat(rows.Select(r =>
            $"{{\"channel\":\"chan\",\"message_id\":\"{r.Id}\",\"received_at\":\"{Midnight.AddSeconds(r.Second):yyyy-MM-ddTHH:mm:ss.fffZ}\",\"user_login\":\"u\",\"text\":\"{r.Text}\",\"compound\":{r.Compound.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}\n"))));

    private static ChannelDayReport Build(bool reversed)
    {
        var builder = new ReportBuilder("chan", Day);
        var sources = new List<(string Key, MemoryStream Rows, CoveredWindow Window)>
        {
            ("results/a", Rows(("m1", 3600, 0.5, "good"), ("m2", 3610, -0.6, "bad"), ("m3", 3700, 0, "meh")), new(Midnight.AddHours(1), Midnight.AddHours(1).AddMinutes(5))),
            ("results/b", Rows(("m3", 3700, 0, "meh"), ("m4", 3900, 0.9, "great")), new(Midnight.AddHours(1).AddMinutes(4), Midnight.AddHours(1).AddMinutes(9))),
            ("results/c", Rows(("m5", 7200, -0.9, "awful")), new(Midnight.AddHours(2), Midnight.AddHours(2).AddMinutes(1))),
        };
        builder.AddWindows(sources.Select(s => s.Window).Reverse());
        foreach ((string key, MemoryStream rows, _) in reversed ? Enumerable.Reverse(sources) : sources)
        {
            Assert.Equal(0, builder.AddResults(key, rows).Count);
        }

        return builder.Build();
    }

    [Fact]
    public void A_message_seen_by_two_overlapping_captures_counts_once_and_gaps_are_the_uncovered_rest_of_the_day()
    {
        ChannelDayReport report = Build(reversed: false);

        Assert.Equal((5L, 1L), (report.Messages, report.Duplicates));
        Assert.Equal((0.4, 0.2, 0.4), (report.PositiveShare, report.NeutralShare, report.NegativeShare));
        Assert.Equal(Math.Round((0.5 - 0.6 + 0 + 0.9 - 0.9) / 5, 4), report.MeanCompound);
        Assert.Equal([new CoveredWindow(Midnight.AddHours(1), Midnight.AddHours(1).AddMinutes(9)), new CoveredWindow(Midnight.AddHours(2), Midnight.AddHours(2).AddMinutes(1))], report.Windows);
        Assert.Equal(
            [new CoveredWindow(Midnight, Midnight.AddHours(1)), new CoveredWindow(Midnight.AddHours(1).AddMinutes(9), Midnight.AddHours(2)), new CoveredWindow(Midnight.AddHours(2).AddMinutes(1), Midnight.AddDays(1))],
            report.Gaps);
        Assert.Equal(600, report.CoveredSeconds);
        Assert.Equal(["great", "good"], report.MostPositive.Select(m => m.Text));
        Assert.Equal(["awful", "bad"], report.MostNegative.Select(m => m.Text));
    }

    [Fact]
    public void The_timeline_tells_a_gap_from_a_quiet_minute()
    {
        ChannelDayReport report = Build(reversed: false);

        Assert.Equal(Midnight.AddHours(1), report.Timeline[0].Start);
        Assert.Equal(Midnight.AddHours(2), report.Timeline[^1].Start);
        MinutePoint quiet = report.Timeline.Single(m => m.Start == Midnight.AddHours(1).AddMinutes(3));
        MinutePoint gap = report.Timeline.Single(m => m.Start == Midnight.AddHours(1).AddMinutes(30));
        Assert.Equal((true, 0L, (double?)null), (quiet.Covered, quiet.Messages, quiet.MeanCompound));
        Assert.Equal((false, 0L), (gap.Covered, gap.Messages));

        using var html = new MemoryStream();
        ReportHtml.Write(report, html);
        string page = Encoding.UTF8.GetString(html.ToArray());
        Assert.Equal(1, page.Split("class=\"gap\"").Length - 1); // 01:09–02:00 inside the chart; the rest of the day is outside it
    }

    [Fact]
    public void The_report_does_not_depend_on_the_order_results_are_read_in_when_sources_are_sorted()
    {
        static string Json(ChannelDayReport report)
        {
            using var stream = new MemoryStream();
            ReportJson.Write(report, stream);
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        string forward = Json(Build(reversed: false));

        Assert.Contains("\"messages\": 5", forward, StringComparison.Ordinal);
        Assert.Contains("\"gaps\": [", forward, StringComparison.Ordinal);
        Assert.Equal(forward.Replace("results/a\",\n    \"results/b\",\n    \"results/c", "X", StringComparison.Ordinal),
            Json(Build(reversed: true)).Replace("results/c\",\n    \"results/b\",\n    \"results/a", "X", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_with_fields_of_the_wrong_kind_are_skipped_by_line_and_the_good_ones_kept()
    {
        var builder = new ReportBuilder("chan", Day);
        MemoryStream good = Rows(("m1", 3600, 0.5, "good"));
        string bad =
            "{\"channel\":\"chan\",\"received_at\":5,\"text\":\"x\",\"compound\":0.1}\n" +
            "{\"channel\":\"chan\",\"received_at\":\"2026-11-24T01:00:00Z\",\"text\":\"x\",\"compound\":\"high\"}\n" +
            "[1,2]\n";
        var rows = new MemoryStream([.. good.ToArray(), .. Encoding.UTF8.GetBytes(bad)]);

        SkippedLines skipped = builder.AddResults("results/a", rows);

        Assert.Equal(3L, skipped.Count);
        Assert.Equal([2L, 3L, 4L], skipped.First);
        Assert.Equal(1, builder.Build().Messages);
    }

    [Theory]
    [InlineData("{\"windows\":[{\"start\":5,\"end\":6}]}")]
    [InlineData("{\"windows\":[7]}")]
    [InlineData("[]")]
    public void A_summary_with_windows_of_the_wrong_kind_is_a_json_error(string summary)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(summary));

        Assert.Throws<System.Text.Json.JsonException>(() => Jobs.AnalyzeJob.ReadWindows(stream));
    }
}

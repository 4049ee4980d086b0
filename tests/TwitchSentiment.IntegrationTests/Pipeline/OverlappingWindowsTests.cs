using System.Text;
using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.Pipeline.Analysis;
using TwitchSentiment.Pipeline.Demo;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Pipeline.Reports;
using TwitchSentiment.Pipeline.Replay;
using TwitchSentiment.Storage;

namespace TwitchSentiment.IntegrationTests.Pipeline;

/// <summary>
/// One live chat captured by windows started as a schedule starts them (period 2.5 minutes, each 3.5 minutes long, or
/// 3 minutes for the gap test so the gap holds a whole minute),
/// on a clock 60 times faster than real time: the day's report counts every message once, drops the overlaps'
/// duplicates and has no gap between the windows; with the middle window missing, the gap is reported with its bounds
/// and drawn as a gap.
/// </summary>
public sealed class OverlappingWindowsTests : IDisposable
{
    private const double Speed = 60;
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(2.5);

    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-windows-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Runs the windows numbered <paramref name="windows"/>, each <paramref name="window"/> long (a minute of overlap is one real second at 60x, room for a slow join).</summary>
    private async Task<(ChannelDayReport Report, string Html, List<CaptureResult> Captures)> RunAsync(TimeSpan window, params int[] windows)
    {
        DateTimeOffset start = DateTimeOffset.UtcNow;
        var clock = new ScaledTimeProvider(start, Speed);
        IReadOnlyList<(TimeSpan Offset, string Line)> lines = SampleChat.Lines(start);
        await using var server = new ReplayServer(() => lines.Select(l => new ReplayLine(start + l.Offset, l.Line)), speed: Speed, live: true);
        using var store = new LocalFolderBlobStore(Path.Combine(_folder, string.Join('-', windows)));
        var captures = windows.Select(async n =>
        {
            await Task.Delay(Period * n / Speed);
            var job = new CaptureJob(store, new CaptureOptions
            {
                Channels = [SampleChat.Channel],
                Chat = TwitchChatOptions.Default with
                {
                    Endpoint = IrcEndpoint.Parse(server.Url),
                    TimeProvider = clock,
                    LoginTimeout = TimeSpan.FromSeconds(20 * Speed),
                    PongTimeout = TimeSpan.FromSeconds(10 * Speed),
                },
                Duration = n == 2 ? window * 2 : window, // the last window outlasts the chat
                SafetyMargin = TimeSpan.Zero,
                WorkFolder = Path.Combine(_folder, $"work-{n}"),
            });
            return await job.RunAsync(CancellationToken.None);
        }).ToList();
        List<CaptureResult> results = [.. await Task.WhenAll(captures)];
        DateOnly day = DateOnly.FromDateTime(start.UtcDateTime);
        foreach (CapturedLog log in results.SelectMany(r => r.Logs))
        {
            await AnalyzeJob.RunAsync(store, log.Key, store);
        }

        ReportResult report = await ReportJob.RunAsync(store, SampleChat.Channel, day);
        await using Stream html = await store.OpenReadAsync(report.HtmlKey);
        return (report.Report, await new StreamReader(html, Encoding.UTF8).ReadToEndAsync(), results);
    }

    private static int ChatMessages() => SampleChat.Lines(DateTimeOffset.UnixEpoch).Count(l =>
        IrcMessage.TryParse(l.Line, out IrcMessage? m, out _) && TwitchMessage.From(m!) is PrivmsgMessage or UserNoticeMessage { Text: not null });

    [Fact]
    public async Task Three_overlapping_windows_give_every_message_once_and_no_gap_between_them()
    {
        (ChannelDayReport report, string html, _) = await RunAsync(TimeSpan.FromMinutes(3.5), 0, 1, 2);

        Assert.Equal(ChatMessages(), report.Messages);
        Assert.True(report.Duplicates > 0, "the overlaps should have delivered some messages twice");
        CoveredWindow covered = Assert.Single(report.Windows);
        Assert.True(covered.Length > TimeSpan.FromMinutes(6), $"covered {covered.Length}");
        Assert.DoesNotContain(report.Timeline, m => !m.Covered);
        Assert.DoesNotContain("class=\"gap\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_middle_window_the_gap_is_reported_with_its_bounds_and_drawn_as_a_gap()
    {
        (ChannelDayReport report, string html, List<CaptureResult> captures) = await RunAsync(TimeSpan.FromMinutes(3), 0, 2);

        Assert.Equal(2, report.Windows.Count);
        CoveredWindow gap = report.Gaps.Single(g => g.Start == report.Windows[0].End);
        Assert.Equal(report.Windows[1].Start, gap.End);
        Assert.InRange(gap.Length.TotalMinutes, 1.9, 3.0); // 3 min to 5 min, and the last window's join time (slower under load)
        Assert.True(report.Messages < ChatMessages(), "messages said during the gap cannot be in the report");
        Assert.Equal(0, report.Duplicates);
        Assert.Contains(report.Timeline, m => !m.Covered && m.Messages == 0);
        Assert.Contains("class=\"gap\"", html, StringComparison.Ordinal);
        Assert.Equal(2, captures.Count);
    }
}

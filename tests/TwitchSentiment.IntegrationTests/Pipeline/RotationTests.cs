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
/// A capture that rolls a new raw log every period over one connection: consecutive logs neither overlap nor miss a
/// message, their covered windows join up, and the day's report equals that of one long capture of the same chat.
/// </summary>
public sealed class RotationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-rotation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(CaptureResult Capture, List<AnalyzeResult> Analyzed, ChannelDayReport Report)> CaptureAsync(string name, TimeSpan? rotate)
    {
        DateTimeOffset start = DateTimeOffset.UtcNow;
        IReadOnlyList<(TimeSpan Offset, string Line)> lines = SampleChat.Lines(start);
        await using var server = new ReplayServer(() => lines.Select(l => new ReplayLine(start + l.Offset, l.Line)), speed: 60);
        using var store = new LocalFolderBlobStore(Path.Combine(_folder, name));
        var job = new CaptureJob(store, new CaptureOptions
        {
            Channels = [SampleChat.Channel],
            Chat = TwitchChatOptions.Default with { Endpoint = IrcEndpoint.Parse(server.Url) },
            Duration = TimeSpan.FromSeconds(40),
            EndWhen = server.Finished.ContinueWith(_ => Task.Delay(TimeSpan.FromSeconds(1)), TaskScheduler.Default).Unwrap(),
            Rotate = rotate,
            WorkFolder = Path.Combine(_folder, name + "-work"),
        });
        CaptureResult capture = await job.RunAsync(CancellationToken.None);
        var analyzed = new List<AnalyzeResult>();
        foreach (CapturedLog log in capture.Logs)
        {
            analyzed.Add(await AnalyzeJob.RunAsync(store, log.Key, store));
        }

        DateOnly day = analyzed[0].Raw.Day;
        ReportResult report = await ReportJob.RunAsync(store, SampleChat.Channel, day);
        return (capture, analyzed, report.Report);
    }

    [Fact]
    public async Task Rotated_logs_join_up_without_gap_or_duplicate_and_report_like_one_long_capture()
    {
        Task<(CaptureResult, List<AnalyzeResult>, ChannelDayReport)> rotatedRun = CaptureAsync("rotated", TimeSpan.FromSeconds(1));
        Task<(CaptureResult, List<AnalyzeResult>, ChannelDayReport)> longRun = CaptureAsync("long", rotate: null);
        (CaptureResult rotated, List<AnalyzeResult> pieces, ChannelDayReport rotatedReport) = await rotatedRun;
        (CaptureResult single, _, ChannelDayReport singleReport) = await longRun;

        Assert.Equal(("done", "done"), (rotated.EndReason, single.EndReason));
        Assert.InRange(rotated.Logs.Count, 4, 12);
        Assert.Single(single.Logs);

        // Each log covers from where the previous one ended: the windows touch, and merged they are one.
        List<CoveredWindow> windows = [.. pieces.SelectMany(p => p.Summary!.Windows).OrderBy(w => w.Start)];
        Assert.Equal(rotated.Logs.Count, windows.Count);
        for (int i = 1; i < windows.Count; i++)
        {
            Assert.Equal(windows[i - 1].End, windows[i].Start);
        }

        Assert.Single(rotatedReport.Windows);

        // Every message once: no log repeats another's, none is missing.
        int chatMessages = SampleChat.Lines(DateTimeOffset.UnixEpoch).Count(l =>
            IrcMessage.TryParse(l.Line, out IrcMessage? m, out _) && TwitchMessage.From(m!) is PrivmsgMessage or UserNoticeMessage { Text: not null });
        Assert.Equal(chatMessages, pieces.Sum(p => p.Summary!.Messages));
        Assert.Equal((chatMessages, 0L), (rotatedReport.Messages, rotatedReport.Duplicates));
        Assert.Equal(singleReport.Messages, rotatedReport.Messages);
        Assert.Equal(singleReport.MeanCompound, rotatedReport.MeanCompound);
        Assert.Equal(
            (singleReport.PositiveShare, singleReport.NeutralShare, singleReport.NegativeShare),
            (rotatedReport.PositiveShare, rotatedReport.NeutralShare, rotatedReport.NegativeShare));
        Assert.Equal(singleReport.MostPositive.Select(m => m.MessageId), rotatedReport.MostPositive.Select(m => m.MessageId));
        Assert.Equal(singleReport.MostNegative.Select(m => m.MessageId), rotatedReport.MostNegative.Select(m => m.MessageId));
    }
}

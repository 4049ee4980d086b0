using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Pipeline.RawLogs;
using TwitchSentiment.Pipeline.Replay;
using TwitchSentiment.Storage;

namespace TwitchSentiment.IntegrationTests.Pipeline;

/// <summary>A line longer than the capture's line limit: kept in the raw log as it arrived, marked, and never scored as if whole.</summary>
public sealed class IncompleteLineTests : IDisposable
{
    private const int LineLimit = 1024;
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-incomplete-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_line_over_the_limit_is_kept_marked_incomplete_and_left_out_of_the_results()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        RecordedChat chat = RecordedChat.Write(Path.Combine(_folder, "base.log.gz"), 20, withBadLine: false);
        string longLine = "@badge-info=;display-name=Longy;emotes=;id=00000000-0000-4000-8000-999999999999;room-id=1;tmi-sent-ts=1763663400000;user-id=7 " +
            $":longy!longy@longy.tmi.twitch.tv PRIVMSG #{RecordedChat.Channel} :{string.Concat(Enumerable.Repeat("what a terrible awful play ", 100))}but great in the end";
        List<string> lines = [.. chat.Lines];
        lines.Insert(10, longLine);
        string recording = Path.Combine(_folder, "recording.log.gz");
        await using (var file = new FileStream(recording, FileMode.Create))
        using (var writer = new RawLogWriter(file))
        {
            var start = new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero);
            for (int i = 0; i < lines.Count; i++)
            {
                writer.WriteLine(start.AddMilliseconds(i * 37), System.Text.Encoding.UTF8.GetBytes(lines[i]));
            }
        }

        using var store = new LocalFolderBlobStore(Path.Combine(_folder, "store"));
        await using var server = new ReplayServer(() => ReplayServer.FromRawLog(recording), speed: 0);
        var capture = new CaptureJob(store, new CaptureOptions
        {
            Channels = ["#" + RecordedChat.Channel],
            Chat = TwitchChatOptions.Default with
            {
                Endpoint = IrcEndpoint.Parse(server.Url),
                Transport = IrcTransportOptions.Default with { MaxLineBytes = LineLimit },
            },
            Duration = TimeSpan.FromSeconds(3),
            WorkFolder = Path.Combine(_folder, "work"),
        });

        CapturedLog log = Assert.Single((await capture.RunAsync(timeout.Token)).Logs);

        var incomplete = new List<byte[]>();
        await using (Stream raw = await store.OpenReadAsync(log.Key, timeout.Token))
        {
            using var reader = new RawLogReader(raw);
            while (reader.Next(out RawRecord record, out _) != RawReadResult.End)
            {
                if (record.Kind == RawLogFormat.IncompleteLineKind)
                {
                    incomplete.Add(record.Payload.ToArray());
                }
            }
        }

        byte[] kept = Assert.Single(incomplete);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(longLine)[..LineLimit], kept); // the bytes as they arrived
        AnalyzeResult analyzed = await AnalyzeJob.RunAsync(store, log.Key, store, timeout.Token);
        Assert.Equal(chat.Messages.Count, analyzed.Summary!.Messages); // the cut message is not among them
        Assert.Equal(1, analyzed.Summary.ErrorCounts.GetValueOrDefault("incomplete-line"));
        Assert.Equal(1, analyzed.Summary.ErrorCount);
    }
}

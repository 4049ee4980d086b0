using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Pipeline.RawLogs;
using TwitchSentiment.Pipeline.Replay;
using TwitchSentiment.Storage;

namespace TwitchSentiment.IntegrationTests.Pipeline;

/// <summary>
/// Lines a capture cannot read as chat, through a replay: one longer than the line limit is kept as it arrived, marked,
/// and never scored as if whole; one that is not UTF-8 is replayed and kept byte for byte.
/// </summary>
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
        List<byte[]> lines = [.. chat.Lines.Select(System.Text.Encoding.UTF8.GetBytes)];
        lines.Insert(10, System.Text.Encoding.UTF8.GetBytes(longLine));

        (LocalFolderBlobStore store, CapturedLog log) = await ReplayAndCaptureAsync(lines, timeout.Token);
        using (store)
        {
            byte[] kept = Assert.Single(await RecordsAsync(store, log, RawLogFormat.IncompleteLineKind, timeout.Token));
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(longLine)[..LineLimit], kept); // the bytes as they arrived
            AnalyzeResult analyzed = await AnalyzeJob.RunAsync(store, log.Key, store, timeout.Token);
            Assert.Equal(chat.Messages.Count, analyzed.Summary!.Messages); // the cut message is not among them
            Assert.Equal(1, analyzed.Summary.ErrorCounts.GetValueOrDefault("incomplete-line"));
            Assert.Equal(1, analyzed.Summary.ErrorCount);
        }
    }

    [Fact]
    public async Task A_line_that_is_not_utf8_is_replayed_and_captured_byte_for_byte()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        RecordedChat chat = RecordedChat.Write(Path.Combine(_folder, "base.log.gz"), 20, withBadLine: false);
        byte[] latin1 = [.. System.Text.Encoding.UTF8.GetBytes(
            $"@badge-info=;display-name=Old;emotes=;id=00000000-0000-4000-8000-999999999998;room-id=1;tmi-sent-ts=1763663400000;user-id=8 :old!old@old.tmi.twitch.tv PRIVMSG #{RecordedChat.Channel} :caf"),
            0xE9, (byte)' ', 0xFF];
        List<byte[]> lines = [.. chat.Lines.Select(System.Text.Encoding.UTF8.GetBytes)];
        lines.Insert(10, latin1);

        (LocalFolderBlobStore store, CapturedLog log) = await ReplayAndCaptureAsync(lines, timeout.Token);
        using (store)
        {
            List<byte[]> received = await RecordsAsync(store, log, RawLogFormat.LineKind, timeout.Token);
            Assert.Contains(received, payload => payload.AsSpan().SequenceEqual(latin1)); // not "caf\uFFFD \uFFFD"
        }
    }

    /// <summary>Writes <paramref name="lines"/> as a recording, replays it and captures the replay with the line limit.</summary>
    private async Task<(LocalFolderBlobStore Store, CapturedLog Log)> ReplayAndCaptureAsync(List<byte[]> lines, CancellationToken cancellationToken)
    {
        string recording = Path.Combine(_folder, "recording.log.gz");
        await using (var file = new FileStream(recording, FileMode.Create))
        using (var writer = new RawLogWriter(file))
        {
            var start = new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero);
            for (int i = 0; i < lines.Count; i++)
            {
                writer.WriteLine(start.AddMilliseconds(i * 37), lines[i]);
            }
        }

        var store = new LocalFolderBlobStore(Path.Combine(_folder, "store"));
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

        return (store, Assert.Single((await capture.RunAsync(cancellationToken)).Logs));
    }

    private static async Task<List<byte[]>> RecordsAsync(IBlobStore store, CapturedLog log, byte kind, CancellationToken cancellationToken)
    {
        var payloads = new List<byte[]>();
        await using Stream raw = await store.OpenReadAsync(log.Key, cancellationToken);
        using var reader = new RawLogReader(raw);
        while (reader.Next(out RawRecord record, out _) != RawReadResult.End)
        {
            if (record.Kind == kind)
            {
                payloads.Add(record.Payload.ToArray());
            }
        }

        return payloads;
    }
}

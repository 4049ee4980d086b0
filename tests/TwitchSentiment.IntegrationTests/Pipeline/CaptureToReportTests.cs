using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Pipeline.Replay;
using TwitchSentiment.Sentiment;
using TwitchSentiment.Sentiment.PythonCompat;
using TwitchSentiment.Storage;
using TwitchSentiment.TestSupport.Aws;

namespace TwitchSentiment.IntegrationTests.Pipeline;

/// <summary>
/// The main job end to end: a recorded chat is replayed by the local chat server, captured into a raw log, analyzed
/// and reported, on a local folder and on S3 (moto); every message of the recording must be in the results once,
/// with the right fields and scores.
/// </summary>
public abstract class CaptureToReportTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-pipeline-").FullName;

    protected string Folder => _folder;

    /// <summary>Bounds every step, so a hang fails the test instead of stalling the run.</summary>
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    protected abstract Task<IBlobStore> StoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_recorded_message_is_in_the_results_exactly_once_with_its_fields_and_scores()
    {
        string recording = Path.Combine(_folder, "recording.log.gz");
        RecordedChat chat = RecordedChat.Write(recording, 1500);
        using IBlobStore store = await StoreAsync();
        await using var server = new ReplayServer(() => ReplayServer.FromRawLog(recording), speed: 0);
        var capture = new CaptureJob(store, new CaptureOptions
        {
            Channels = ["#" + RecordedChat.Channel],
            Chat = TwitchChatOptions.Default with { Endpoint = IrcEndpoint.Parse(server.Url) },
            Duration = TimeSpan.FromSeconds(4),
            WorkFolder = Path.Combine(_folder, "work"),
        });

        CaptureResult captured = await capture.RunAsync(Timeout);

        Assert.True(server.Finished.IsCompletedSuccessfully, "the replay did not finish within the capture");
        CapturedLog log = Assert.Single(captured.Logs);
        Assert.True(log.Stored);
        Assert.Equal(("duration", chat.Messages.Count), (captured.EndReason, (int)log.Messages));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "work"))); // the work file went to the store

        AnalyzeResult analyzed = await AnalyzeJob.RunAsync(store, log.Key, store, Timeout);
        Assert.Equal(chat.Messages.Count, analyzed.Summary!.Messages);
        Assert.Equal(1, analyzed.Summary.ErrorCounts.GetValueOrDefault("malformed-message")); // the recorded PRIVMSG without text, counted
        Assert.Single(analyzed.Summary.Windows);

        var seen = new HashSet<string>();
        await using (Stream rows = await store.OpenReadAsync(analyzed.Results + ".jsonl", Timeout))
        using (var reader = new StreamReader(rows))
        {
            while (await reader.ReadLineAsync(Timeout) is string line)
            {
                using var row = JsonDocument.Parse(line);
                JsonElement r = row.RootElement;
                string id = r.GetProperty("message_id").GetString()!;
                Assert.True(seen.Add(id), $"message {id} is in the results twice");
                Assert.True(chat.Messages.TryGetValue(id, out var expected), $"message {id} is not in the recording");
                Assert.Equal(RecordedChat.Channel, r.GetProperty("channel").GetString());
                Assert.Equal(expected.Text, r.GetProperty("text").GetString());
                Assert.Equal(expected.Login, r.GetProperty("user_login").GetString());
                Assert.Equal(expected.SentAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), r.GetProperty("sent_at").GetString());
                SentimentScores scores = VaderAnalyzer.Default.Score(expected.Text);
                Assert.Equal(PythonFloat.Repr(scores.Compound), r.GetProperty("compound").GetRawText());
                Assert.Equal(PythonFloat.Repr(scores.Neg), r.GetProperty("neg").GetRawText());
                Assert.Equal(PythonFloat.Repr(TwitchSentimentAnalyzer.Default.Score(expected.Text).Compound), r.GetProperty("twitch_compound").GetRawText());
            }
        }

        Assert.Equal(chat.Messages.Count, seen.Count);

        ReportResult report = await ReportJob.RunAsync(store, RecordedChat.Channel, analyzed.Raw.Day, Timeout);
        Assert.Equal(chat.Messages.Count, report.Report.Messages);
        double expectedTwitchMean = chat.Messages.Values.Average(m => TwitchSentimentAnalyzer.Default.Score(m.Text).Compound);
        Assert.Equal(Math.Round(expectedTwitchMean, 4), report.Report.MeanTwitchCompound!.Value, 3);
        await using Stream html = await store.OpenReadAsync(report.HtmlKey, Timeout);
        string page = await new StreamReader(html).ReadToEndAsync(Timeout);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("\"#8e44ad\"", page, StringComparison.Ordinal); // the Twitch-aware line (a dot for a single minute)
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyzing_twice_is_a_no_op_and_gives_byte_identical_results()
    {
        string recording = Path.Combine(_folder, "recording.log.gz");
        RecordedChat.Write(recording, 300);
        using IBlobStore store = await StoreAsync();
        const string Key = "raw/recorded_chan/2026/11/20/20261120T183000Z-0badc0de.log.gz";
        await using (var file = File.OpenRead(recording))
        {
            Assert.True(await store.PutAsync(Key, file, Timeout));
        }

        AnalyzeResult first = await AnalyzeJob.RunAsync(store, Key, store, Timeout);
        AnalyzeResult again = await AnalyzeJob.RunAsync(store, Key, store, Timeout);
        Assert.False(first.AlreadyAnalyzed);
        Assert.True(again.AlreadyAnalyzed);

        // A second store analyzing the same bytes gives the same bytes.
        using var other = new LocalFolderBlobStore(Path.Combine(_folder, "other"));
        await using (var file = File.OpenRead(recording))
        {
            await other.PutAsync(Key, file, Timeout);
        }

        await AnalyzeJob.RunAsync(other, Key, other, Timeout);
        foreach (string extension in new[] { ".csv", ".jsonl", ".summary.json", ".errors.json" })
        {
            Assert.Equal(await ReadAllAsync(store, first.Results + extension), await ReadAllAsync(other, first.Results + extension));
        }
    }

    private static async Task<byte[]> ReadAllAsync(IBlobStore store, string key)
    {
        await using Stream stream = await store.OpenReadAsync(key, Timeout);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Timeout);
        return copy.ToArray();
    }
}

public sealed class CaptureToReportOnLocalFolderTests : CaptureToReportTests
{
    protected override Task<IBlobStore> StoreAsync() => Task.FromResult<IBlobStore>(new LocalFolderBlobStore(Path.Combine(Folder, "store")));
}

public sealed class CaptureToReportOnS3Tests : CaptureToReportTests
{
    private MotoServer? _moto;

    public override async Task InitializeAsync() => _moto = await MotoServer.StartAsync();

    public override async Task DisposeAsync()
    {
        await _moto!.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override async Task<IBlobStore> StoreAsync()
    {
        var client = new AmazonS3Client(
            new BasicAWSCredentials("testing", "testing"),
            new AmazonS3Config { ServiceURL = _moto!.Endpoint.AbsoluteUri, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await client.PutBucketAsync("pipeline-test");
        return new S3BlobStore(new S3BlobStoreOptions { Bucket = "pipeline-test", Prefix = "twitch" }, client);
    }
}

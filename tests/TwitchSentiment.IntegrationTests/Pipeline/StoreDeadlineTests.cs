using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TwitchSentiment.IntegrationTests.Cli;
using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Storage;

namespace TwitchSentiment.IntegrationTests.Pipeline;

/// <summary>
/// Captures before a deadline (a Lambda invocation's) whose store never answers: storing gives up in time and every
/// log is kept on disk and named, instead of the process being killed mid-upload with nothing said.
/// </summary>
public sealed class StoreDeadlineTests : IDisposable
{
    // The capture stops 6 s before the deadline; stores stop a quarter of that, 1.5 s, before it.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan UntilDeadline = TimeSpan.FromSeconds(8);

    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-store-deadline-").FullName;
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);

    public StoreDeadlineTests() => _silent.Start(); // takes connections into its backlog and never answers: an S3 that hangs

    public void Dispose()
    {
        _silent.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_store_that_never_answers_ends_a_quarter_margin_before_the_deadline_with_the_log_kept_and_named()
    {
        (CaptureResult result, DateTimeOffset deadline, TimeSpan took) = await CaptureAsync(rotate: null);

        Assert.True(DateTimeOffset.UtcNow < deadline, $"the capture ended {DateTimeOffset.UtcNow - deadline} after the deadline");
        Assert.InRange(took, UntilDeadline - Margin, UntilDeadline);
        CapturedLog log = Assert.Single(result.Logs);
        Assert.False(log.Stored);
        Assert.True(File.Exists(log.KeptAt), "the raw log is still on disk");
        Assert.Contains("did not finish 1.5 s before the deadline", log.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_log_whose_upload_outlasts_the_capture_is_still_listed_and_kept()
    {
        // a new log every second: the first rotated log is being uploaded (forever) when the capture stops at 2 s
        (CaptureResult result, DateTimeOffset deadline, _) = await CaptureAsync(rotate: TimeSpan.FromSeconds(1));

        Assert.True(DateTimeOffset.UtcNow < deadline, $"the capture ended {DateTimeOffset.UtcNow - deadline} after the deadline");
        Assert.True(result.Logs.Count >= 2, $"{result.Logs.Count} log(s) listed; the rotated one and the last are expected");
        Assert.All(result.Logs, log => Assert.True(!log.Stored && File.Exists(log.KeptAt), $"{log.Key} is neither stored nor kept"));
        Assert.Equal(result.Logs.Count, result.Logs.Select(log => log.Key).Distinct().Count());
    }

    private async Task<(CaptureResult Result, DateTimeOffset Deadline, TimeSpan Took)> CaptureAsync(TimeSpan? rotate)
    {
        string endpoint = $"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}";
        using var client = new Amazon.S3.AmazonS3Client(
            new Amazon.Runtime.BasicAWSCredentials("test", "test"), new Amazon.S3.AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true });
        using var store = new S3BlobStore(new S3BlobStoreOptions { Bucket = "raw-b", Region = "us-east-1", ServiceUrl = endpoint }, client);
        DateTimeOffset deadline = DateTimeOffset.UtcNow + UntilDeadline;
        var capture = new CaptureJob(store, new CaptureOptions
        {
            Channels = ["#quiet_chan"],
            Chat = TwitchChatOptions.Default with { Endpoint = IrcEndpoint.Parse($"irc://127.0.0.1:{InProcessCli.ClosedPort()}") },
            Deadline = deadline,
            SafetyMargin = Margin,
            Rotate = rotate,
            FlushInterval = TimeSpan.FromMilliseconds(200), // the clock that rotates ticks this often: the 1 s rotation falls well before the stop at 2 s
            WorkFolder = _folder,
        });
        var clock = Stopwatch.StartNew();
        CaptureResult result = await capture.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        return (result, deadline, clock.Elapsed);
    }
}

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
/// A capture before a deadline (a Lambda invocation's) whose store never answers: storing gives up in time and the
/// log is kept on disk and named, instead of the process being killed mid-upload with nothing said.
/// </summary>
public sealed class StoreDeadlineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-store-deadline-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_store_that_never_answers_ends_a_quarter_margin_before_the_deadline_with_the_log_kept_and_named()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // takes connections into its backlog and never answers: an S3 endpoint that hangs
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        string endpoint = $"http://127.0.0.1:{port}";
        using var client = new Amazon.S3.AmazonS3Client(
            new Amazon.Runtime.BasicAWSCredentials("test", "test"), new Amazon.S3.AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true });
        using var store = new S3BlobStore(new S3BlobStoreOptions { Bucket = "raw-b", Region = "us-east-1", ServiceUrl = endpoint }, client);
        DateTimeOffset deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(4);
        var capture = new CaptureJob(store, new CaptureOptions
        {
            Channels = ["#quiet_chan"],
            Chat = TwitchChatOptions.Default with { Endpoint = IrcEndpoint.Parse($"irc://127.0.0.1:{InProcessCli.ClosedPort()}") },
            Deadline = deadline,
            SafetyMargin = TimeSpan.FromSeconds(2),
            WorkFolder = _folder,
        });
        var clock = Stopwatch.StartNew();

        CaptureResult result = await capture.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(DateTimeOffset.UtcNow < deadline, $"the capture ended {DateTimeOffset.UtcNow - deadline} after the deadline");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        CapturedLog log = Assert.Single(result.Logs);
        Assert.False(log.Stored);
        Assert.NotNull(log.KeptAt);
        Assert.True(File.Exists(log.KeptAt), "the raw log is still on disk");
        Assert.Contains("did not finish 0.5 s before the deadline", log.Location, StringComparison.Ordinal);
    }
}

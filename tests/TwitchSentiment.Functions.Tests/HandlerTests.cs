using System.Text;
using System.Text.Json;
using TwitchSentiment.Functions.Runtime;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Functions.Tests;

/// <summary>The analyzer and reporter handlers in this process, on local folder stores standing for the buckets.</summary>
public sealed class HandlerTests : IDisposable
{
    private static readonly LambdaContext Context = new("req-1", DateTimeOffset.UtcNow.AddMinutes(5), "arn:aws:lambda:us-east-1:123456789012:function:f", null);
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-handlers-").FullName;
    private readonly LocalFolderBlobStore _raw;
    private readonly LocalFolderBlobStore _results;

    public HandlerTests()
    {
        // the two buckets
        _raw = new LocalFolderBlobStore(Path.Combine(_folder, "raw"));
        _results = new LocalFolderBlobStore(Path.Combine(_folder, "results"));
    }

    public void Dispose()
    {
        _raw.Dispose();
        _results.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_analyzer_reads_under_the_raw_prefix_and_names_results_under_the_results_prefix()
    {
        const string Key = "raw/prefix_chan/2026/11/20/20261120T183000Z-0badc0de.log.gz";
        await PutRawLogAsync(_raw, Key, "@id=m1;tmi-sent-ts=1763663400000 :v!v@v.tmi.twitch.tv PRIVMSG #prefix_chan :what a great stream");
        var settings = new FunctionSettings { RawBucket = "raw-b", RawPrefix = "twitch/raw-logs", ResultsBucket = "results-b", ResultsPrefix = "out" };
        var analyzer = new AnalyzerFunction(settings, _raw, _results);

        JsonElement answer = await HandleAsync(analyzer, Event("raw-b", "twitch/raw-logs/" + Key, "raw/elsewhere.log.gz"));

        JsonElement[] records = [.. answer.GetProperty("records").EnumerateArray()];
        Assert.Equal(("analyzed", 1, "out/results/prefix_chan/2026/11/20/20261120T183000Z-0badc0de"), (records[0].GetProperty("status").GetString(), records[0].GetProperty("messages").GetInt32(), records[0].GetProperty("results").GetString()));
        Assert.Equal("skipped", records[1].GetProperty("status").GetString());
        Assert.True(await _results.ExistsAsync("results/prefix_chan/2026/11/20/20261120T183000Z-0badc0de.summary.json"));
    }

    [Fact]
    public async Task The_reporter_rebuilds_the_day_of_the_key_and_the_next_when_the_capture_went_past_midnight()
    {
        const string Key = "raw/night_chan/2026/11/20/20261120T235500Z-0badc0de.log.gz";
        await PutRawLogAsync(
            _raw,
            Key,
            "@id=m1;tmi-sent-ts=1763682960000 :v!v@v.tmi.twitch.tv PRIVMSG #night_chan :good evening",
            "@id=m2;tmi-sent-ts=1763683260000 :v!v@v.tmi.twitch.tv PRIVMSG #night_chan :good morning");
        await Pipeline.Jobs.AnalyzeJob.RunAsync(_raw, Key, _results);
        var reporter = new ReporterFunction(new FunctionSettings { ResultsBucket = "results-b" }, _results);

        JsonElement answer = await HandleAsync(reporter, Event("results-b", "results/night_chan/2026/11/20/20261120T235500Z-0badc0de.summary.json", "results/night_chan/2026/11/20/x.jsonl"));

        Assert.Equal(["reported", "skipped"], answer.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(["2026-11-20", "2026-11-21"], answer.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("day").GetString()));
        Assert.True(await _results.ExistsAsync("reports/night_chan/2026/11/21.json"));
    }

    [Fact]
    public async Task A_bad_record_fails_alone_and_every_other_record_of_the_event_is_analyzed()
    {
        const string Good = "raw/good_chan/2026/11/20/20261120T183000Z-0badc0de.log.gz";
        await PutRawLogAsync(_raw, Good, "@id=m1;tmi-sent-ts=1763663400000 :v!v@v.tmi.twitch.tv PRIVMSG #good_chan :what a great stream");
        var analyzer = new AnalyzerFunction(new FunctionSettings { RawBucket = "raw-b", ResultsBucket = "results-b" }, _raw, _results);
        string records = Event("raw-b", "raw/good_chan/2026/02/30/20260230T183000Z-0badc0de.log.gz", "raw/good_chan/2026/11/20/.hidden.log.gz", Good);
        string payload = records.Replace("{\"Records\":[", "{\"Records\":[null,", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<LambdaFunctionException>(() => HandleAsync(analyzer, payload));

        Assert.Equal(ErrorTypes.RecordsFailed, error.ErrorType);
        Assert.Contains("2 of 4 records failed: record 1: the record is null", error.Message, StringComparison.Ordinal);
        Assert.Contains("raw/good_chan/2026/11/20/.hidden.log.gz: ArgumentException:", error.Message, StringComparison.Ordinal);
        Assert.Contains("raw/good_chan/2026/02/30/20260230T183000Z-0badc0de.log.gz (skipped)", error.Message, StringComparison.Ordinal); // no such day
        Assert.Contains($"{Good} (analyzed)", error.Message, StringComparison.Ordinal);
        Assert.True(await _results.ExistsAsync("results/good_chan/2026/11/20/20261120T183000Z-0badc0de.summary.json"));
    }

    [Fact]
    public async Task A_damaged_summary_fails_alone_and_a_window_far_in_the_future_rebuilds_one_day_more_at_most()
    {
        const string Key = "raw/good_chan/2026/11/20/20261120T183000Z-0badc0de.log.gz";
        await PutRawLogAsync(_raw, Key, "@id=m1;tmi-sent-ts=1763663400000 :v!v@v.tmi.twitch.tv PRIVMSG #good_chan :good game");
        await Pipeline.Jobs.AnalyzeJob.RunAsync(_raw, Key, _results);
        await _results.PutAsync("results/bad_chan/2026/11/20/a.summary.json", new MemoryStream("garbage"u8.ToArray()));
        await _results.PutAsync("results/far_chan/2026/11/20/b.summary.json", new MemoryStream("{\"windows\":[{\"start\":\"2026-11-20T10:00:00Z\",\"end\":\"9999-12-31T12:00:00Z\"}]}"u8.ToArray()));
        var reporter = new ReporterFunction(new FunctionSettings { ResultsBucket = "results-b" }, _results);

        var error = await Assert.ThrowsAsync<LambdaFunctionException>(() => HandleAsync(reporter, Event(
            "results-b", "results/bad_chan/2026/11/20/a.summary.json", "results/far_chan/2026/11/20/b.summary.json", "results/good_chan/2026/11/20/20261120T183000Z-0badc0de.summary.json")));

        Assert.Contains("1 of 3 records failed: results/bad_chan/2026/11/20/a.summary.json: the summary is not one that analyze writes", error.Message, StringComparison.Ordinal);
        Assert.True(await _results.ExistsAsync("reports/good_chan/2026/11/20.json"));
        Assert.True(await _results.ExistsAsync("reports/far_chan/2026/11/21.json")); // its rows are missing (no .jsonl): a report problem, not a failure
        Assert.False(await _results.ExistsAsync("reports/far_chan/2026/11/22.json"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"records\":[]}")]
    [InlineData("{\"Records\":null,\"Event\":\"s3:ObjectCreated\"}")]
    [InlineData("{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{\"object\":{\"key\":\"raw/x.log.gz\"}}}")]
    public async Task A_payload_without_records_that_is_not_the_test_event_is_invalid_input(string payload)
    {
        var analyzer = new AnalyzerFunction(new FunctionSettings { RawBucket = "raw-b", ResultsBucket = "results-b" }, _raw, _results);

        var error = await Assert.ThrowsAsync<LambdaFunctionException>(() => HandleAsync(analyzer, payload));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Contains("has no \"Records\" and is not S3's s3:TestEvent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scraper_that_never_hears_its_channel_fails_naming_it_and_still_stores_the_log()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        int port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        var settings = new FunctionSettings { RawBucket = "raw-b", IrcEndpoint = Irc.Transport.IrcEndpoint.Parse($"irc://127.0.0.1:{port}") };
        var scraper = new ScraperFunction(settings, _raw, _ => Task.FromResult<Irc.TwitchLogin?>(null));
        var soon = new LambdaContext("req-2", DateTimeOffset.UtcNow + ScraperFunction.SafetyMargin + TimeSpan.FromSeconds(3), "arn:aws:lambda:us-east-1:123456789012:function:s", null);

        await using Stream payload = new MemoryStream("{\"channel\":\"quiet_chan\",\"minutes\":1}"u8.ToArray());
        var error = await Assert.ThrowsAsync<LambdaFunctionException>(() => scraper.HandleAsync(payload, soon, CancellationToken.None));

        Assert.Equal(ErrorTypes.CaptureFailed, error.ErrorType);
        Assert.Contains("Twitch never confirmed joining #quiet_chan (the last connection ended: Could not connect to", error.Message, StringComparison.Ordinal);
        Assert.Contains("What was captured is stored: raw/quiet_chan/", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> HandleAsync(ILambdaFunction function, string payload)
    {
        await using Stream answer = await function.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(payload)), Context, CancellationToken.None);
        using JsonDocument document = await JsonDocument.ParseAsync(answer);
        return document.RootElement.Clone();
    }

    private static string Event(string bucket, params string[] keys) =>
        "{\"Records\":[" + string.Join(',', keys.Select(key =>
            $"{{\"eventName\":\"ObjectCreated:Put\",\"s3\":{{\"bucket\":{{\"name\":\"{bucket}\"}},\"object\":{{\"key\":\"{Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal)}\",\"size\":1}}}}}}")) + "]}";

    /// <summary>A raw log with a start event, the lines (received a minute apart from the key's start) and an end event.</summary>
    private static async Task PutRawLogAsync(IBlobStore store, string key, params string[] lines)
    {
        var start = DateTimeOffset.ParseExact(key.Split('/')[^1][..16], "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        var buffer = new MemoryStream();
        using (var writer = new Pipeline.RawLogs.RawLogWriter(buffer))
        {
            writer.WriteEvent(start, new Pipeline.RawLogs.CaptureEvent(Pipeline.RawLogs.CaptureEvent.Start, CaptureId: "0badc0de", Channels: ["#" + key.Split('/')[1]], Endpoint: "irc://127.0.0.1:1"));
            writer.WriteEvent(start, new Pipeline.RawLogs.CaptureEvent(Pipeline.RawLogs.CaptureEvent.Listening, Channel: "#" + key.Split('/')[1], Connection: 1));
            for (int i = 0; i < lines.Length; i++)
            {
                writer.WriteLine(start.AddMinutes(i * 5 + 1), Encoding.UTF8.GetBytes(lines[i]));
            }

            writer.WriteEvent(start.AddMinutes(lines.Length * 5 + 1), new Pipeline.RawLogs.CaptureEvent(Pipeline.RawLogs.CaptureEvent.End, Reason: "duration"));
        }

        await store.PutAsync(key, new MemoryStream(buffer.ToArray()));
    }
}

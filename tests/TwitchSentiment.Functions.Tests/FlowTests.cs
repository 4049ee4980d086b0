using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using TwitchSentiment.Functions.Tests.Support;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Pipeline.Replay;
using TwitchSentiment.Sentiment;
using TwitchSentiment.Sentiment.PythonCompat;
using TwitchSentiment.Storage;
using TwitchSentiment.TestSupport.Aws;

namespace TwitchSentiment.Functions.Tests;

/// <summary>
/// The three functions as processes (the native-AOT binaries; see <see cref="FunctionBinariesFixture"/>), each against
/// its own runtime API server, on moto's S3, SQS and SSM:
/// replayed chat → scraper → raw log → S3's notification → analyzer → results → notification → reporter → report.
/// </summary>
[Collection(FunctionProcessesCollection.Name)]
public sealed class FlowTests(AwsFixture aws, FunctionBinariesFixture binaries) : IClassFixture<AwsFixture>
{
    /// <summary>The scraper keeps this before the deadline to store; a deadline of this plus N seconds captures for N seconds.</summary>
    private static readonly TimeSpan Margin = ScraperFunction.SafetyMargin;

    [Fact]
    public Task Chat_goes_from_the_scraper_through_the_s3_events_to_results_and_a_report_with_every_message_once() =>
        RunFlowAsync(aws, binaries, "flow_chan");

    [Fact]
    public async Task The_deadline_arriving_mid_capture_stores_what_was_captured()
    {
        // 60 s of chat at 10 messages a second, but only about 3 s to capture.
        TestChat chat = TestChat.Create("deadline_chan", 600, TimeSpan.FromMilliseconds(100));
        await using var replay = new ReplayServer(() => chat.Lines, speed: 1);

        JsonElement scraped = await InvokeAsync(FunctionKind.Scraper, "{\"channel\":\"deadline_chan\"}", Margin + TimeSpan.FromSeconds(3), ("TWITCH_IRC_URL", replay.Url));

        long messages = scraped.GetProperty("messages").GetInt64();
        Assert.Equal("deadline", scraped.GetProperty("end_reason").GetString());
        Assert.InRange(messages, 5, chat.Messages.Count - 100);
        string rawKey = scraped.GetProperty("keys")[0].GetString()!;
        JsonElement analyzed = await InvokeAsync(FunctionKind.Analyzer, await aws.WaitForEventAsync(aws.RawQueueUrl, rawKey), TimeSpan.FromMinutes(1));
        Assert.Equal(messages, analyzed.GetProperty("records")[0].GetProperty("messages").GetInt64());
    }

    [Fact]
    public async Task The_raw_bucket_failing_briefly_is_retried_and_the_log_stored()
    {
        TestChat chat = TestChat.Create("retry_chan", 200, TimeSpan.FromMilliseconds(10));
        await using var replay = new ReplayServer(() => chat.Lines, speed: 0);
        await using var proxy = FaultInjectingProxy.Start(aws.Endpoint, $"/{aws.RawBucket}/raw/", S3Fault.SlowDown, S3Fault.InternalError);

        JsonElement scraped = await InvokeAsync(
            FunctionKind.Scraper,
            "{\"channel\":\"retry_chan\"}",
            Margin + TimeSpan.FromSeconds(2),
            ("TWITCH_IRC_URL", replay.Url),
            ("AWS_ENDPOINT_URL", proxy.Endpoint.AbsoluteUri.TrimEnd('/')));

        Assert.Equal(2, proxy.FaultsAnswered);
        Assert.Equal(chat.Messages.Count, scraped.GetProperty("messages").GetInt64());
        string rawKey = scraped.GetProperty("keys")[0].GetString()!;
        GetObjectMetadataResponse stored = await aws.S3.GetObjectMetadataAsync(aws.RawBucket, rawKey);
        Assert.True(stored.ContentLength > 0);
    }

    [Fact]
    public async Task A_corrupt_raw_log_is_analyzed_as_far_as_it_reads_with_an_errors_object_named_in_the_answer()
    {
        string key = $"raw/corrupt_chan/{DateTime.UtcNow:yyyy'/'MM'/'dd}/{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-c0ffee00.log.gz";
        await aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = aws.RawBucket, Key = key, ContentBody = "this is not a gzip raw log\n" });
        string rawEvent = await aws.WaitForEventAsync(aws.RawQueueUrl, key);

        JsonElement analyzed = await InvokeAsync(FunctionKind.Analyzer, rawEvent, TimeSpan.FromMinutes(1));

        JsonElement outcome = analyzed.GetProperty("records")[0];
        Assert.Equal("analyzed", outcome.GetProperty("status").GetString());
        Assert.True(outcome.GetProperty("errors").GetInt64() > 0);
        string errorsKey = outcome.GetProperty("errors_key").GetString()!;
        Assert.Contains(errorsKey, outcome.GetProperty("detail").GetString(), StringComparison.Ordinal);
        JsonElement errors = JsonDocument.Parse(await ReadAsync(aws.ResultsBucket, errorsKey)).RootElement;
        Assert.Equal(key, errors.GetProperty("raw").GetString());
        Assert.NotEmpty(errors.GetProperty("first_errors").EnumerateArray());
    }

    [Fact]
    public async Task An_event_for_a_missing_object_fails_that_record_and_still_processes_the_others()
    {
        // A real event (for a real log), and the same event naming a key that is not there, in one batch.
        TestChat chat = TestChat.Create("batch_chan", 50, TimeSpan.FromMilliseconds(10));
        string key = $"raw/batch_chan/{DateTime.UtcNow:yyyy'/'MM'/'dd}/{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-ba7c4000.log.gz";
        await aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = aws.RawBucket, Key = key, InputStream = RawLog(chat) });
        string rawEvent = await aws.WaitForEventAsync(aws.RawQueueUrl, key);
        string missing = key.Replace("ba7c4000", "0000dead", StringComparison.Ordinal);
        JsonElement record = JsonDocument.Parse(rawEvent).RootElement.GetProperty("Records")[0];
        string batch = $"{{\"Records\":[{record.GetRawText().Replace("ba7c4000", "0000dead", StringComparison.Ordinal)},{record.GetRawText()}]}}";

        InvocationResult result = await InvokeRawAsync(FunctionKind.Analyzer, batch, TimeSpan.FromMinutes(1));

        Assert.False(result.Succeeded);
        Assert.Equal(ErrorTypes.RecordsFailed, result.ErrorType);
        Assert.Contains($"1 of 2 records failed: {missing}: the raw log is not in the bucket", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"{key} (analyzed)", result.ErrorMessage, StringComparison.Ordinal);
        await aws.S3.GetObjectMetadataAsync(aws.ResultsBucket, key.Replace("raw/", "results/", StringComparison.Ordinal).Replace(".log.gz", ".summary.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_test_event_s3_sends_first_is_ignored()
    {
        JsonElement answer = await InvokeAsync(FunctionKind.Analyzer, "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-24T20:00:00.000Z\",\"Bucket\":\"b\"}", TimeSpan.FromMinutes(1));

        Assert.Equal("s3:TestEvent", answer.GetProperty("ignored").GetString());
    }

    [Fact]
    public async Task The_scraper_logs_in_with_the_credentials_in_the_ssm_parameter()
    {
        const string Parameter = "/twitch-sentiment/credentials";
        await aws.Ssm.PutParameterAsync(new Amazon.SimpleSystemsManagement.Model.PutParameterRequest
        {
            Name = Parameter,
            Type = Amazon.SimpleSystemsManagement.ParameterType.SecureString,
            Overwrite = true,
            Value = "{\"server\":\"irc.chat.twitch.tv\",\"port\":6697,\"nickname\":\"ssmbot\",\"client_id\":\"cid\",\"client_secret\":\"secret-0000\",\"refresh_token\":\"refresh-0000\",\"access_token\":\"access-1234\"}",
        });
        await using FakeTwitchOAuth oauth = await FakeTwitchOAuth.StartAsync("access-1234", "ssmbot");
        TestChat chat = TestChat.Create("ssm_chan", 100, TimeSpan.FromMilliseconds(10));
        await using var replay = new ReplayServer(() => chat.Lines, speed: 0);

        await using FunctionProcess function = await FunctionProcess.StartAsync(
            FunctionKind.Scraper,
            binaries.Command(FunctionKind.Scraper),
            aws.Environment(("TWITCH_IRC_URL", replay.Url), ("TWITCH_CREDENTIALS_PARAMETER", Parameter), ("TWITCH_OAUTH_URL", oauth.BaseUrl)));
        InvocationResult result = await function.InvokeAsync("{\"channel\":\"ssm_chan\"}", Margin + TimeSpan.FromSeconds(2));
        Assert.True(result.Succeeded, result.Body);
        JsonElement scraped = JsonDocument.Parse(result.Body).RootElement;

        Assert.Equal(chat.Messages.Count, scraped.GetProperty("messages").GetInt64());
        // the function's log (its answer is logged once it is posted) names none of the secrets it used
        for (int wait = 0; wait < 50 && !function.StandardError.Contains(" answered in ", StringComparison.Ordinal); wait++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(" answered in ", function.StandardError, StringComparison.Ordinal);
        Assert.All(["secret-0000", "refresh-0000", "access-1234"], secret => Assert.DoesNotContain(secret, function.StandardError, StringComparison.Ordinal));
        Assert.True(oauth.Validations >= 1, "the stored token was never validated");
        // The replay server welcomes the nick it was given: the raw log shows the login used.
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, await ReadBytesAsync(aws.RawBucket, scraped.GetProperty("keys")[0].GetString()!));
            Assert.Contains(ReplayServer.FromRawLog(path), line => line.Line == ":tmi.twitch.tv 001 ssmbot :Welcome, GLHF!");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_ssm_parameter_is_a_credentials_error_naming_it()
    {
        InvocationResult result = await InvokeRawAsync(
            FunctionKind.Scraper, "{\"channel\":\"ssm_chan\",\"minutes\":1}", TimeSpan.FromMinutes(1), ("TWITCH_CREDENTIALS_PARAMETER", "/twitch-sentiment/missing"));

        Assert.Equal(ErrorTypes.Credentials, result.ErrorType);
        Assert.Contains("The SSM parameter /twitch-sentiment/missing does not exist", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_that_could_inject_irc_is_refused_before_anything_connects()
    {
        InvocationResult result = await InvokeRawAsync(FunctionKind.Scraper, "{\"channel\":\"#ok\\r\\nJOIN #other\"}", TimeSpan.FromMinutes(1), ("TWITCH_IRC_URL", "irc://127.0.0.1:1"));

        Assert.Equal(ErrorTypes.InvalidInput, result.ErrorType);
        Assert.Contains("a Twitch login has only letters, digits and '_'", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_variable_is_an_init_error_naming_it_and_the_process_ends()
    {
        await using FunctionProcess analyzer = await FunctionProcess.StartAsync(
            FunctionKind.Analyzer, binaries.Command(FunctionKind.Analyzer), aws.Environment(("RESULTS_BUCKET", null)));

        InitError error = await analyzer.Server.InitErrorPosted.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ErrorTypes.Configuration, error.ErrorType);
        Assert.Equal("twitch-sentiment-analyzer cannot start: RESULTS_BUCKET is not set: give the name of the results bucket.", error.ErrorMessage);
        Assert.Equal(1, await analyzer.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, analyzer.Server.NextRequests);
    }

    /// <summary>
    /// The main flow on <paramref name="aws"/>: replayed chat of <paramref name="channel"/> → scraper → the S3 event from
    /// the queue → analyzer (twice: the second is a no-op) → the results' event → reporter; then every message is checked
    /// in the results once with its fields and scores, and the report against one built from those results.
    /// </summary>
    internal static async Task RunFlowAsync(AwsFixture aws, FunctionBinariesFixture binaries, string channel)
    {
        TestChat chat = TestChat.Create(channel, 900, TimeSpan.FromMilliseconds(40));
        await using var replay = new ReplayServer(() => chat.Lines, speed: 0);

        // Scraper: captures until the deadline less its margin (4 s here), then stores the raw log.
        JsonElement scraped = await InvokeAsync(aws, binaries, FunctionKind.Scraper, "{\"channel\":\"#" + channel.ToUpperInvariant() + "\",\"minutes\":14}", Margin + TimeSpan.FromSeconds(4), ("TWITCH_IRC_URL", replay.Url));
        Assert.Equal("deadline", scraped.GetProperty("end_reason").GetString());
        Assert.Equal(chat.Messages.Count, scraped.GetProperty("messages").GetInt64());
        string rawKey = Assert.Single(scraped.GetProperty("keys").EnumerateArray()).GetString()!;
        Assert.StartsWith($"raw/{channel}/", rawKey, StringComparison.Ordinal);

        // S3 → SQS: the exact event goes to the analyzer.
        string rawEvent = await aws.WaitForEventAsync(aws.RawQueueUrl, rawKey);
        JsonElement analyzed = await InvokeAsync(aws, binaries, FunctionKind.Analyzer, rawEvent, TimeSpan.FromMinutes(1));
        JsonElement outcome = Assert.Single(analyzed.GetProperty("records").EnumerateArray());
        Assert.Equal(("analyzed", chat.Messages.Count), (outcome.GetProperty("status").GetString(), outcome.GetProperty("messages").GetInt32()));
        Assert.False(outcome.TryGetProperty("errors_key", out _));
        string results = outcome.GetProperty("results").GetString()!;

        // The same event again is a no-op.
        JsonElement again = await InvokeAsync(aws, binaries, FunctionKind.Analyzer, rawEvent, TimeSpan.FromMinutes(1));
        Assert.Equal("already-analyzed", again.GetProperty("records")[0].GetProperty("status").GetString());

        string resultsEvent = await aws.WaitForEventAsync(aws.ResultsQueueUrl, results + ".summary.json");
        JsonElement reported = await InvokeAsync(aws, binaries, FunctionKind.Reporter, resultsEvent, TimeSpan.FromMinutes(1));
        JsonElement report = Assert.Single(reported.GetProperty("reports").EnumerateArray());
        Assert.Equal((channel, chat.Messages.Count), (report.GetProperty("channel").GetString(), report.GetProperty("messages").GetInt32()));

        // Every message once, with its fields and VADER's scores.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in (await ReadAsync(aws, aws.ResultsBucket, results + ".jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            JsonElement row = JsonDocument.Parse(line).RootElement;
            string id = row.GetProperty("message_id").GetString()!;
            Assert.True(seen.Add(id), $"message {id} is in the results twice");
            Assert.True(chat.Messages.TryGetValue(id, out var expected), $"message {id} is not in the chat");
            Assert.Equal((expected.Login, expected.Text), (row.GetProperty("user_login").GetString(), row.GetProperty("text").GetString()));
            Assert.Equal(expected.SentAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), row.GetProperty("sent_at").GetString());
            SentimentScores scores = VaderAnalyzer.Default.Score(expected.Text);
            Assert.Equal(
                (PythonFloat.Repr(scores.Neg), PythonFloat.Repr(scores.Neu), PythonFloat.Repr(scores.Pos), PythonFloat.Repr(scores.Compound)),
                (row.GetProperty("neg").GetRawText(), row.GetProperty("neu").GetRawText(), row.GetProperty("pos").GetRawText(), row.GetProperty("compound").GetRawText()));
        }

        Assert.Equal(chat.Messages.Count, seen.Count);

        // The report is the one the report job builds from those results.
        string jsonKey = report.GetProperty("json_key").GetString()!;
        string stored = await ReadAsync(aws, aws.ResultsBucket, jsonKey);
        using var local = new LocalFolderBlobStore(Directory.CreateTempSubdirectory("twitch-sentiment-flow-").FullName);
        foreach (string extension in new[] { ".jsonl", ".summary.json" })
        {
            await using var copy = new MemoryStream(Encoding.UTF8.GetBytes(await ReadAsync(aws, aws.ResultsBucket, results + extension)));
            await local.PutAsync(results + extension, copy);
        }

        ReportResult rebuilt = await ReportJob.RunAsync(local, channel, DateOnly.Parse(report.GetProperty("day").GetString()!, CultureInfo.InvariantCulture));
        await using Stream expectedReport = await local.OpenReadAsync(rebuilt.JsonKey);
        Assert.Equal(await new StreamReader(expectedReport).ReadToEndAsync(), stored);
        Assert.Equal(chat.Messages.Count, rebuilt.Report.Messages);
        Assert.Contains("<svg", await ReadAsync(aws, aws.ResultsBucket, report.GetProperty("html_key").GetString()!), StringComparison.Ordinal);
    }

    private Task<JsonElement> InvokeAsync(FunctionKind kind, string payload, TimeSpan deadline, params (string Name, string? Value)[] environment) =>
        InvokeAsync(aws, binaries, kind, payload, deadline, environment);

    private static async Task<JsonElement> InvokeAsync(AwsFixture aws, FunctionBinariesFixture binaries, FunctionKind kind, string payload, TimeSpan deadline, params (string Name, string? Value)[] environment)
    {
        InvocationResult result = await InvokeRawAsync(aws, binaries, kind, payload, deadline, environment);
        Assert.True(result.Succeeded, $"{FunctionNames.Of(kind)} failed: {result.Body}");
        return JsonDocument.Parse(result.Body).RootElement.Clone();
    }

    private Task<InvocationResult> InvokeRawAsync(FunctionKind kind, string payload, TimeSpan deadline, params (string Name, string? Value)[] environment) =>
        InvokeRawAsync(aws, binaries, kind, payload, deadline, environment);

    private static async Task<InvocationResult> InvokeRawAsync(AwsFixture aws, FunctionBinariesFixture binaries, FunctionKind kind, string payload, TimeSpan deadline, params (string Name, string? Value)[] environment)
    {
        await using FunctionProcess function = await FunctionProcess.StartAsync(kind, binaries.Command(kind), aws.Environment(environment));
        return await function.InvokeAsync(payload, deadline);
    }

    private Task<string> ReadAsync(string bucket, string key) => ReadAsync(aws, bucket, key);

    private async Task<byte[]> ReadBytesAsync(string bucket, string key)
    {
        using GetObjectResponse response = await aws.S3.GetObjectAsync(bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<string> ReadAsync(AwsFixture aws, string bucket, string key)
    {
        using GetObjectResponse response = await aws.S3.GetObjectAsync(bucket, key);
        return await new StreamReader(response.ResponseStream).ReadToEndAsync();
    }

    /// <summary>A raw log of <paramref name="chat"/>, as a capture writes it.</summary>
    private static MemoryStream RawLog(TestChat chat)
    {
        var buffer = new MemoryStream();
        using (var writer = new Pipeline.RawLogs.RawLogWriter(buffer))
        {
            foreach (ReplayLine line in chat.Lines)
            {
                writer.WriteLine(line.At, Encoding.UTF8.GetBytes(line.Line));
            }
        }

        return new MemoryStream(buffer.ToArray());
    }
}

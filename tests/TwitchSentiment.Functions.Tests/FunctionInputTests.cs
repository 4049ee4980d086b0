using System.Text;
using TwitchSentiment.Functions.Internal;
using TwitchSentiment.Functions.Runtime;

namespace TwitchSentiment.Functions.Tests;

/// <summary>Configuration, payload validation and S3 event records, without any server.</summary>
public sealed class FunctionInputTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Settings_name_every_missing_variable_at_once()
    {
        LambdaFunctionException error = Assert.Throws<LambdaFunctionException>(() => FunctionSettings.FromEnvironment(FunctionKind.Analyzer, Environment()));

        Assert.Equal(ErrorTypes.Configuration, error.ErrorType);
        Assert.Contains("twitch-sentiment-analyzer", error.Message, StringComparison.Ordinal);
        Assert.Contains("RAW_BUCKET is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("RESULTS_BUCKET is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_REGION is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FunctionKind.Scraper, "RAW_BUCKET")]
    [InlineData(FunctionKind.Reporter, "RESULTS_BUCKET")]
    public void Each_function_needs_only_its_buckets(FunctionKind kind, string needed)
    {
        LambdaFunctionException error = Assert.Throws<LambdaFunctionException>(() => FunctionSettings.FromEnvironment(kind, Environment(("AWS_REGION", "eu-west-1"))));

        Assert.Equal($"{FunctionNames.Of(kind)} cannot start: {needed} is not set: give the name of the {(needed == "RAW_BUCKET" ? "raw log" : "results")} bucket.", error.Message);
    }

    [Fact]
    public void Settings_read_every_variable_and_default_the_rest()
    {
        FunctionSettings settings = FunctionSettings.FromEnvironment(FunctionKind.Analyzer, Environment(
            ("RAW_BUCKET", "raw-b"), ("RESULTS_BUCKET", "results-b"), ("RAW_PREFIX", "/twitch/"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
            ("TWITCH_CREDENTIALS_PARAMETER", "/twitch/credentials"), ("TWITCH_OAUTH_URL", "http://127.0.0.1:1/oauth2")));

        Assert.Equal(("raw-b", "twitch", "results-b", "", "/twitch/credentials"), (settings.RawBucket, settings.RawPrefix, settings.ResultsBucket, settings.ResultsPrefix, settings.CredentialsParameter));
        Assert.Equal("http://127.0.0.1:5000", settings.S3ServiceUrl);
        Assert.Equal("ircs://irc.chat.twitch.tv:6697", settings.IrcEndpoint.ToString());
        Assert.Equal(new Uri("http://127.0.0.1:1/oauth2"), settings.OAuthUrl);
    }

    [Fact]
    public void Malformed_urls_are_named()
    {
        LambdaFunctionException error = Assert.Throws<LambdaFunctionException>(() => FunctionSettings.FromEnvironment(FunctionKind.Scraper, Environment(
            ("RAW_BUCKET", "raw-b"), ("AWS_REGION", "eu-west-1"), ("TWITCH_IRC_URL", "telnet://x:1"), ("TWITCH_OAUTH_URL", "not a url"), ("AWS_ENDPOINT_URL", "ftp://x"))));

        Assert.Contains("TWITCH_IRC_URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("TWITCH_OAUTH_URL 'not a url'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ENDPOINT_URL 'ftp://x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bucket_name_S3_refuses_is_a_configuration_error_naming_the_variable()
    {
        var options = new FunctionHostOptions { Environment = Environment(("RAW_BUCKET", "Not_A_Bucket"), ("AWS_REGION", "eu-west-1")) };

        LambdaFunctionException error = Assert.Throws<LambdaFunctionException>(() =>
            FunctionHost.Create(FunctionKind.Scraper, options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

        Assert.Equal(ErrorTypes.Configuration, error.ErrorType);
        Assert.Contains("RAW_BUCKET is not valid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bucket_name_S3_refuses_is_named_at_once()
    {
        var options = new FunctionHostOptions
        {
            Environment = Environment(("RAW_BUCKET", "Not_A_Bucket"), ("RESULTS_BUCKET", "also..bad"), ("AWS_REGION", "eu-west-1")),
        };

        LambdaFunctionException error = Assert.Throws<LambdaFunctionException>(() =>
            FunctionHost.Create(FunctionKind.Analyzer, options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

        Assert.Equal(ErrorTypes.Configuration, error.ErrorType);
        Assert.Contains("RAW_BUCKET is not valid", error.Message, StringComparison.Ordinal);
        Assert.Contains("RESULTS_BUCKET is not valid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"channel\":\"#Northernlion\"}", "northernlion", 14.0)]
    [InlineData("{\"channel\":\"xqc\",\"minutes\":1}", "xqc", 1.0)]
    [InlineData("{\"channel\":\"a_b\",\"minutes\":2.5,\"channels\":[\"#A_B\",\"c\"]}", "a_b,c", 2.5)]
    [InlineData("{\"channels\":[\"one\",\"two\"],\"minutes\":14}", "one,two", 14.0)]
    public async Task Scraper_payloads_give_logins_once_each_and_minutes(string payload, string logins, double minutes)
    {
        ScraperRequest request = await ReadScraperAsync(payload);

        (string[] channels, double asked) = ScraperFunction.Validate(request);

        Assert.Equal((logins, minutes), (string.Join(',', channels), asked));
    }

    [Theory]
    [InlineData("{\"channel\":\"#a b\"}", "a space")]
    [InlineData("{\"channel\":\"a\\r\\nJOIN #x\"}", "position 2")]
    [InlineData("{\"channel\":\"a,b\"}", "position 2")]
    [InlineData("{\"channel\":\"a\\u0001b\"}", "position 2")]
    [InlineData("{\"channel\":\"abcdefghijklmnopqrstuvwxyz\"}", "longer than 25")]
    [InlineData("{\"channel\":\"\"}", "empty")]
    [InlineData("{}", "no channel given")]
    [InlineData("{\"channel\":\"ok\",\"minutes\":0.5}", "minutes is 0.5")]
    [InlineData("{\"channel\":\"ok\",\"minutes\":15}", "minutes is 15")]
    [InlineData("{\"channel\":\"ok\",\"channels\":[\"bad one\"]}", "a space")]
    public async Task Scraper_payloads_that_are_not_valid_are_refused_with_the_reason(string payload, string reason)
    {
        ScraperRequest request = await ReadScraperAsync(payload);

        LambdaFunctionException error = Assert.Throws<LambdaFunctionException>(() => ScraperFunction.Validate(request));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"channel\":\"ok\",\"minute\":3}", "minute")]
    [InlineData("{\"channel\":5}", "channel")]
    [InlineData("not json", "expected {\"channel\"")]
    public async Task Scraper_payloads_that_do_not_parse_are_invalid_input(string payload, string named)
    {
        LambdaFunctionException error = await Assert.ThrowsAsync<LambdaFunctionException>(() => ReadScraperAsync(payload));

        Assert.Equal(ErrorTypes.InvalidInput, error.ErrorType);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("raw/a/2026/11/20/x+y%2Bz.log.gz", "", "raw/a/2026/11/20/x y+z.log.gz")]
    [InlineData("twitch/raw/a/2026/11/20/x.log.gz", "twitch", "raw/a/2026/11/20/x.log.gz")]
    public void Event_keys_are_url_decoded_and_placed_under_the_prefix(string key, string prefix, string storeKey)
    {
        (EventObject? found, RecordOutcome? problem) = S3Events.Locate(Record("ObjectCreated:Put", "raw-b", key), "raw-b", prefix);

        Assert.Null(problem);
        Assert.Equal(storeKey, found!.StoreKey);
    }

    [Theory]
    [InlineData("ObjectRemoved:Delete", "raw-b", "raw/a.log.gz", "", "skipped", "not an ObjectCreated")]
    [InlineData("ObjectCreated:Put", "other-b", "raw/a.log.gz", "", "failed", "bucket 'other-b'")]
    [InlineData("ObjectCreated:Put", "raw-b", "elsewhere/raw/a.log.gz", "twitch", "skipped", "outside the prefix")]
    public void Records_for_other_events_buckets_or_prefixes_are_skipped_or_failed(string eventName, string bucket, string key, string prefix, string status, string detail)
    {
        (EventObject? found, RecordOutcome? problem) = S3Events.Locate(Record(eventName, bucket, key), "raw-b", prefix);

        Assert.Null(found);
        Assert.Equal(status, problem!.Status);
        Assert.Contains(detail, problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("results/some_chan/2026/11/20/20261120T183000Z-0badc0de.summary.json", "some_chan", "2026-11-20")]
    [InlineData("results/some_chan/2026/11/20/20261120T183000Z-0badc0de.jsonl", null, null)]
    [InlineData("results/Some_Chan/2026/11/20/x.summary.json", null, null)]
    [InlineData("results/some_chan/2026/13/20/x.summary.json", null, null)]
    [InlineData("results/some_chan/2026/11/20/deeper/x.summary.json", null, null)]
    [InlineData("reports/some_chan/2026/11/20.json", null, null)]
    public void Summary_keys_give_the_channel_and_day(string key, string? channel, string? day)
    {
        bool parsed = ReporterFunction.TryParseSummaryKey(key, out string? found, out DateOnly date);

        Assert.Equal(channel is not null, parsed);
        Assert.Equal(channel, found);
        if (day is not null)
        {
            Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), date);
        }
    }

    [Fact]
    public void Runtime_log_event_ids_are_unique_and_apart_from_the_other_assemblies()
    {
        int[] ids = TestSupport.Logging.LogEventIds.Of(typeof(LambdaRuntime).Assembly, "TwitchSentiment.Functions.Runtime.LogMessages");

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 6001, 6099));
    }

    private static S3EventRecord Record(string eventName, string bucket, string key) => new()
    {
        EventName = eventName,
        S3 = new S3EventEntity { Bucket = new S3EventBucket { Name = bucket }, Object = new S3EventObject { Key = key } },
    };

    private static Task<ScraperRequest> ReadScraperAsync(string payload) =>
        Payloads.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(payload)), ScraperRequestJson.Default.ScraperRequest, "{\"channel\":…}", CancellationToken.None);
}

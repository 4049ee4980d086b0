using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SQS;
using Amazon.SQS.Model;
using TwitchSentiment.TestSupport.Aws;

namespace TwitchSentiment.Functions.Tests.Support;

/// <summary>
/// Local AWS for the function tests: <c>moto_server</c> started on a free port, or the endpoint in
/// <c>AWS_ENDPOINT_URL</c> when set (LocalStack). It makes a raw and a results bucket whose new objects are notified to
/// two SQS queues, filtered as the deployment does (<c>raw/</c> … <c>.log.gz</c>; <c>results/</c> …
/// <c>.summary.json</c>), so the tests can take the exact event S3 sent and feed it to the next function.
/// </summary>
public sealed class AwsFixture : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private MotoServer? _moto;

    internal Uri Endpoint { get; private set; } = null!;

    internal string RawBucket => "ts-raw-" + _suffix;

    internal string ResultsBucket => "ts-results-" + _suffix;

    internal string RawQueueUrl { get; private set; } = "";

    internal string ResultsQueueUrl { get; private set; } = "";

    internal AmazonS3Client S3 { get; private set; } = null!;

    internal AmazonSQSClient Sqs { get; private set; } = null!;

    internal AmazonSimpleSystemsManagementClient Ssm { get; private set; } = null!;

    /// <summary>Where the services are, for messages: moto or the configured endpoint.</summary>
    internal string Description => _moto is null ? $"AWS_ENDPOINT_URL {Endpoint}" : $"moto_server {Endpoint}";

    public async Task InitializeAsync()
    {
        if (System.Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is { Length: > 0 } configured)
        {
            Endpoint = new Uri(configured);
        }
        else
        {
            _moto = await MotoServer.StartAsync();
            Endpoint = _moto.Endpoint;
        }

        await UseAsync(Endpoint);
    }

    /// <summary>Creates the buckets, queues and notifications at <paramref name="endpoint"/>.</summary>
    internal async Task UseAsync(Uri endpoint)
    {
        Endpoint = endpoint;
        var credentials = new BasicAWSCredentials("testing", "testing");
        S3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint.AbsoluteUri, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        Sqs = new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = endpoint.AbsoluteUri, AuthenticationRegion = "us-east-1" });
        Ssm = new AmazonSimpleSystemsManagementClient(credentials, new AmazonSimpleSystemsManagementConfig { ServiceURL = endpoint.AbsoluteUri, AuthenticationRegion = "us-east-1" });
        RawQueueUrl = await NotifiedQueueAsync(RawBucket, "ts-raw-events-" + _suffix, "raw/", ".log.gz");
        ResultsQueueUrl = await NotifiedQueueAsync(ResultsBucket, "ts-results-events-" + _suffix, "results/", ".summary.json");
    }

    /// <summary>The environment a function gets: buckets, endpoint, region and test credentials, plus <paramref name="overrides"/> (a null value removes).</summary>
    internal Dictionary<string, string> Environment(params (string Name, string? Value)[] overrides)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RAW_BUCKET"] = RawBucket,
            ["RESULTS_BUCKET"] = ResultsBucket,
            ["AWS_ENDPOINT_URL"] = Endpoint.AbsoluteUri.TrimEnd('/'),
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        foreach ((string name, string? value) in overrides)
        {
            if (value is null)
            {
                environment.Remove(name);
            }
            else
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    /// <summary>
    /// Waits (at most 30 s) for the S3 event notification on <paramref name="queueUrl"/> whose record names
    /// <paramref name="key"/>, and returns its body exactly as S3 sent it. Other messages (the <c>s3:TestEvent</c>,
    /// events of earlier steps) are deleted on the way.
    /// </summary>
    internal async Task<string> WaitForEventAsync(string queueUrl, string key)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        while (true)
        {
            ReceiveMessageResponse received;
            try
            {
                received = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }, limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No S3 event for {key} arrived on {queueUrl} within 30 s; seen: {string.Join(" | ", seen)}");
            }

            foreach (Message message in received.Messages ?? [])
            {
                await Sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
                using var body = JsonDocument.Parse(message.Body);
                if (body.RootElement.TryGetProperty("Records", out JsonElement records)
                    && records.EnumerateArray().Any(r => WebUtility.UrlDecode(r.GetProperty("s3").GetProperty("object").GetProperty("key").GetString()) == key))
                {
                    return message.Body;
                }

                seen.Add(message.Body.Length > 300 ? message.Body[..300] : message.Body);
            }
        }
    }

    public async Task DisposeAsync()
    {
        S3?.Dispose();
        Sqs?.Dispose();
        Ssm?.Dispose();
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    private async Task<string> NotifiedQueueAsync(string bucket, string queue, string prefix, string suffix)
    {
        await S3.PutBucketAsync(bucket);
        string url = (await Sqs.CreateQueueAsync(queue)).QueueUrl;
        string arn = (await Sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN;
        await S3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = bucket,
            QueueConfigurations =
            [
                new QueueConfiguration
                {
                    Queue = arn,
                    Events = [EventType.ObjectCreatedAll],
                    Filter = new Filter
                    {
                        S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("prefix", prefix), new FilterRule("suffix", suffix)] },
                    },
                },
            ],
        });
        return url;
    }
}

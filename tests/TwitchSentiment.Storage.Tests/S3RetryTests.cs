using Amazon.S3;
using TwitchSentiment.TestSupport.Aws;

namespace TwitchSentiment.Storage.Tests;

/// <summary>
/// Throttling, 5xx answers and write conflicts, scripted by a proxy on 127.0.0.1 in front of moto_server: the store
/// rides them out with the SDK's retries (and its own for 409), and says so clearly when they last.
/// </summary>
public sealed class S3RetryTests(MotoS3Fixture moto) : IClassFixture<MotoS3Fixture>
{
    private const int TimeoutMilliseconds = 120_000;

    private readonly string _prefix = "retry-" + Guid.NewGuid().ToString("N")[..12];

    public static TheoryData<string> RetriedFaults => [nameof(S3Fault.SlowDown), nameof(S3Fault.InternalError)];

    [Theory(Timeout = TimeoutMilliseconds)]
    [MemberData(nameof(RetriedFaults))]
    public async Task A_put_is_retried_after_throttling_or_a_server_error_and_stored_once(string faultName)
    {
        S3Fault fault = Fault(faultName);
        await using var proxy = FaultInjectingProxy.Start(moto.Server.Endpoint, fault, fault);
        using AmazonS3Client client = MotoS3Fixture.CreateClient(proxy.Endpoint, maxRetries: 4);
        using var store = new S3BlobStore(moto.Options(_prefix), client);
        byte[] content = Some.Bytes(70_000, seed: 60);

        bool stored = await store.PutAsync("raw/a.log", new SourceStream(content));

        Assert.True(stored);
        Assert.Equal(2, proxy.FaultsAnswered);
        Assert.Equal(3, proxy.Requests.Count(line => line.StartsWith("PUT ", StringComparison.Ordinal)));
        Assert.Equal(content, await ReadDirectAsync("raw/a.log")); // the rewound body arrived whole
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_multipart_part_is_retried_after_throttling()
    {
        await using var proxy = FaultInjectingProxy.Start(moto.Server.Endpoint, "partNumber=2", S3Fault.SlowDown, S3Fault.SlowDown);
        using AmazonS3Client client = MotoS3Fixture.CreateClient(proxy.Endpoint, maxRetries: 4);
        using var store = new S3BlobStore(moto.Options(_prefix), client);
        byte[] content = Some.Bytes(12 * 1024 * 1024, seed: 61);

        Assert.True(await store.PutAsync("raw/big.log", new SourceStream(content)));

        Assert.Equal(2, proxy.FaultsAnswered);
        Assert.Equal(content, await ReadDirectAsync("raw/big.log"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Throttling_that_outlasts_the_retries_fails_with_a_message_naming_the_answer_and_the_option()
    {
        await using var proxy = FaultInjectingProxy.Start(moto.Server.Endpoint, S3Fault.SlowDown, S3Fault.SlowDown, S3Fault.SlowDown);
        using AmazonS3Client client = MotoS3Fixture.CreateClient(proxy.Endpoint, maxRetries: 1);
        using var store = new S3BlobStore(moto.Options(_prefix), client);

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => store.PutAsync("raw/a.log", new SourceStream([1, 2, 3])));

        Assert.Equal(2, proxy.FaultsAnswered); // one attempt and one retry
        Assert.Contains($"s3://{MotoS3Fixture.Bucket}/{_prefix}/raw/a.log", error.Message, StringComparison.Ordinal);
        Assert.Contains("503 SlowDown", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
        Assert.False(await moto.Client.DoesObjectExistAsync(MotoS3Fixture.Bucket, $"{_prefix}/raw/a.log"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_conditional_write_conflict_is_put_again_by_the_store()
    {
        // The SDK does not retry a 409; S3's advice for ConditionalRequestConflict on PutObject is to retry.
        await using var proxy = FaultInjectingProxy.Start(moto.Server.Endpoint, S3Fault.ConditionalRequestConflict);
        using AmazonS3Client client = MotoS3Fixture.CreateClient(proxy.Endpoint, maxRetries: 0);
        using var store = new S3BlobStore(moto.Options(_prefix), client);

        Assert.True(await store.PutAsync("raw/a.log", new SourceStream([7, 8, 9])));

        Assert.Equal(1, proxy.FaultsAnswered);
        Assert.Equal([7, 8, 9], await ReadDirectAsync("raw/a.log"));
    }

    private static S3Fault Fault(string name) => name switch
    {
        nameof(S3Fault.SlowDown) => S3Fault.SlowDown,
        nameof(S3Fault.InternalError) => S3Fault.InternalError,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a scripted fault."),
    };

    private async Task<byte[]> ReadDirectAsync(string key)
    {
        using var response = await moto.Client.GetObjectAsync(MotoS3Fixture.Bucket, $"{_prefix}/{key}");
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

/// <summary>A test-only shortcut over the SDK's HEAD.</summary>
internal static class S3ClientExtensions
{
    public static async Task<bool> DoesObjectExistAsync(this IAmazonS3 client, string bucket, string key)
    {
        try
        {
            await client.GetObjectMetadataAsync(bucket, key);
            return true;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}

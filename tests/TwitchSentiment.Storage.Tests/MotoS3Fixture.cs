using Amazon.Runtime;
using Amazon.S3;
using TwitchSentiment.TestSupport.Aws;

namespace TwitchSentiment.Storage.Tests;

/// <summary>One moto_server on 127.0.0.1 for a test class, with a bucket and a client that never looks for real credentials.</summary>
public sealed class MotoS3Fixture : IAsyncLifetime
{
    /// <summary>The bucket the contract tests share; each test has its own prefix in it.</summary>
    public const string Bucket = "blob-store-tests";

    /// <summary>Small enough that a 12 MiB test object goes as a three-part multipart upload (S3's minimum part is 5 MiB).</summary>
    public const int SmallThresholdBytes = 5 * 1024 * 1024;

    public MotoServer Server { get; private set; } = null!;

    /// <summary>A client made from the store's own configuration (path style, retries), with test credentials.</summary>
    public AmazonS3Client Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await MotoServer.StartAsync();
        Client = CreateClient(Server.Endpoint);
        await Client.PutBucketAsync(Bucket);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Options for a store under <paramref name="prefix"/> of <see cref="Bucket"/>, with small multipart sizes.</summary>
    public S3BlobStoreOptions Options(string prefix, string bucket = Bucket) => new()
    {
        Bucket = bucket,
        Prefix = prefix,
        ServiceUrl = Server.Endpoint.AbsoluteUri,
        MultipartThresholdBytes = SmallThresholdBytes,
        PartSizeBytes = S3BlobStoreOptions.MinPartSizeBytes,
    };

    /// <summary>A client for <paramref name="endpoint"/> (moto or a proxy in front of it) configured as the store would.</summary>
    public static AmazonS3Client CreateClient(Uri endpoint, int maxRetries = 4) => new(
        new BasicAWSCredentials("testing", "testing"),
        S3BlobStore.CreateClientConfig(new S3BlobStoreOptions { Bucket = Bucket, ServiceUrl = endpoint.AbsoluteUri, MaxRetries = maxRetries }));
}

using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TwitchSentiment.Storage.Internal;

namespace TwitchSentiment.Storage;

/// <summary>
/// Blobs as objects in an S3 bucket, or any S3-compatible server (moto_server, LocalStack, MinIO): key <c>k</c> is the
/// object <c>{prefix}k</c>.
/// </summary>
/// <remarks>
/// <para>
/// Create-only with conditional writes: a put sends <c>If-None-Match: *</c>, on PutObject for small objects and on
/// CompleteMultipartUpload for large ones, and S3's <c>412 Precondition Failed</c> means "already stored". A large
/// object is first checked with a HEAD so that an already stored one is not uploaded again. A multipart upload that
/// fails or is cancelled is aborted, so it leaves no parts behind; S3 never lists an object before it is complete.
/// </para>
/// <para>
/// Memory stays bounded whatever the object's size: a put holds at most
/// <see cref="S3BlobStoreOptions.MultipartThresholdBytes"/> plus one part in memory, and every request body is a
/// rewindable buffer, so the SDK can retry it after throttling or a 5xx answer.
/// </para>
/// <para>
/// Objects are stored with a Content-Type from the key's extension (<c>.html</c>, <c>.json</c>, <c>.jsonl</c>,
/// <c>.csv</c>, <c>.gz</c> …), so a report opens in a browser. Listings skip objects whose keys are not valid blob keys,
/// such as the console's folder markers ending in '/'.
/// </para>
/// </remarks>
public sealed partial class S3BlobStore : IBlobStore
{
    private readonly IAmazonS3 _s3;
    private readonly bool _ownsClient;
    private readonly S3BlobStoreOptions _options;
    private readonly string _keyPrefix;
    private volatile bool _bucketSeen;

    /// <summary>
    /// Creates a store with its own client, configured from <paramref name="options"/>: region, endpoint (path-style
    /// when set), and the SDK's standard retry mode with <see cref="S3BlobStoreOptions.MaxRetries"/>. Credentials come
    /// from the SDK's usual chain (environment, profile, IAM role). Dispose the store to dispose the client.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    /// <exception cref="BlobStoreException">No region is configured (and no <see cref="S3BlobStoreOptions.ServiceUrl"/>).</exception>
    public S3BlobStore(S3BlobStoreOptions options)
        : this(Validated(options), ownsClient: true, CreateClient(options))
    {
    }

    /// <summary>
    /// Creates a store on an existing client, which the caller keeps and disposes; the client's own configuration
    /// decides region, endpoint and retries, and <paramref name="options"/> only bucket, prefix and upload sizes.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public S3BlobStore(S3BlobStoreOptions options, IAmazonS3 client)
        : this(Validated(options), ownsClient: false, client ?? throw new ArgumentNullException(nameof(client)))
    {
    }

    private S3BlobStore(S3BlobStoreOptions options, bool ownsClient, IAmazonS3 client)
    {
        _options = options;
        _keyPrefix = options.KeyPrefix;
        _ownsClient = ownsClient;
        _s3 = client;
    }

    /// <summary>The options the store was made with.</summary>
    public S3BlobStoreOptions Options => _options;

    /// <inheritdoc/>
    public string Describe(string key)
    {
        BlobKeys.ThrowIfInvalid(key);
        return $"s3://{_options.Bucket}/{_keyPrefix}{key}";
    }

    /// <inheritdoc/>
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalid(key);
        try
        {
            GetObjectResponse response = await _s3.GetObjectAsync(_options.Bucket, ObjectKey(key), cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound && error.ErrorCode != "NoSuchBucket")
        {
            throw BlobNotFoundException.For(key, Describe(key), error);
        }
        catch (Exception error) when (S3Errors.IsStoreFailure(error, cancellationToken))
        {
            throw S3Errors.Translate(error, "read", Describe(key), _options);
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalidPrefix(prefix);
        return ListCoreAsync(prefix, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalid(key);
        return await ObjectExistsAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the client if the store made it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _s3.Dispose();
        }
    }

    /// <summary>The SDK configuration the options describe; a separate step so tests can give it their own credentials.</summary>
    internal static AmazonS3Config CreateClientConfig(S3BlobStoreOptions options)
    {
        var config = new AmazonS3Config
        {
            // Deliberate retry settings: the standard mode retries throttling (503 SlowDown), 5xx answers and dropped
            // connections with exponential backoff and jitter; the request bodies are rewindable buffers.
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxRetries,

            // The options are the only source of the endpoint (their default already read AWS_ENDPOINT_URL).
            IgnoreConfiguredEndpointUrls = true,
        };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.ForcePathStyle = true; // moto, LocalStack and MinIO have no per-bucket host names
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (options.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }

    private static AmazonS3Client CreateClient(S3BlobStoreOptions options)
    {
        try
        {
            return new AmazonS3Client(CreateClientConfig(options));
        }
        catch (AmazonClientException error)
        {
            // The SDK's message ("No RegionEndpoint or ServiceURL configured") names neither the bucket nor the fix.
            throw new BlobStoreException(
                $"No AWS region is configured for the S3 bucket '{options.Bucket}' ({error.Message}). " +
                "Set AWS_REGION (or the store's Region option), or AWS_ENDPOINT_URL for moto, LocalStack or MinIO.",
                error);
        }
    }

    private static S3BlobStoreOptions Validated(S3BlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    private async IAsyncEnumerable<string> ListCoreAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _keyPrefix + prefix };
        while (true)
        {
            ListObjectsV2Response page = await ListPageAsync(request, prefix, cancellationToken).ConfigureAwait(false);
            _bucketSeen = true;
            foreach (S3Object item in page.S3Objects ?? [])
            {
                string key = item.Key[_keyPrefix.Length..];
                if (BlobKeys.IsValid(key))
                {
                    yield return key;
                }
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private async Task<ListObjectsV2Response> ListPageAsync(ListObjectsV2Request request, string prefix, CancellationToken cancellationToken)
    {
        try
        {
            return await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (S3Errors.IsStoreFailure(error, cancellationToken))
        {
            throw S3Errors.Translate(error, "listed", $"s3://{_options.Bucket}/{_keyPrefix}{prefix}*", _options);
        }
    }

    /// <summary>
    /// A HEAD of the object. A 404 to a HEAD carries no error code, so it cannot tell a missing key from a missing
    /// bucket; the first miss therefore checks the bucket once, so that a wrong bucket name fails loudly instead of
    /// looking like an empty store.
    /// </summary>
    private async Task<bool> ObjectExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _s3.GetObjectMetadataAsync(_options.Bucket, ObjectKey(key), cancellationToken).ConfigureAwait(false);
            _bucketSeen = true;
            return true;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound && _bucketSeen)
        {
            return false;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            await EnsureBucketExistsAsync(key, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (Exception error) when (S3Errors.IsStoreFailure(error, cancellationToken))
        {
            throw S3Errors.Translate(error, "looked up", Describe(key), _options);
        }
    }

    private async Task EnsureBucketExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = _options.Bucket }, cancellationToken).ConfigureAwait(false);
            _bucketSeen = true;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            throw S3Errors.BucketMissing(error, "looked up", Describe(key), _options);
        }
        catch (Exception error) when (S3Errors.IsStoreFailure(error, cancellationToken))
        {
            throw S3Errors.Translate(error, "looked up", Describe(key), _options);
        }
    }

    private string ObjectKey(string key) => _keyPrefix + key;
}

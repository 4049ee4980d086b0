using TwitchSentiment.Storage.Internal;

namespace TwitchSentiment.Storage;

/// <summary>Where and how <see cref="S3BlobStore"/> stores blobs. Make variants with <c>with</c>.</summary>
public sealed record S3BlobStoreOptions
{
    /// <summary>S3's smallest part of a multipart upload (every part but the last): 5 MiB.</summary>
    public const int MinPartSizeBytes = 5 * 1024 * 1024;

    /// <summary>
    /// The largest <see cref="PartSizeBytes"/> and <see cref="MultipartThresholdBytes"/>: 512 MiB. A part is held in
    /// memory while it uploads, so this bounds the memory a put takes.
    /// </summary>
    public const int MaxBufferedBytes = 512 * 1024 * 1024;

    /// <summary>The most retries <see cref="MaxRetries"/> allows.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>The bucket's name (3 to 63 lowercase letters, digits, '.' and '-'). Required.</summary>
    public required string Bucket { get; init; }

    /// <summary>
    /// Where in the bucket the store's root is, such as <c>twitch-sentiment/</c>; keys are stored as prefix plus key.
    /// A '/' is added when missing. Default empty: the bucket's root. It follows the key rules of <see cref="IBlobStore"/>.
    /// </summary>
    public string Prefix { get; init; } = "";

    /// <summary>
    /// The bucket's AWS region, such as <c>eu-west-1</c>. Default null: the SDK's usual lookup (<c>AWS_REGION</c>,
    /// the shared config file, instance metadata). With a <see cref="ServiceUrl"/> it is only the signing region,
    /// and null then means <c>us-east-1</c>, which moto, LocalStack and MinIO expect by default.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>
    /// An S3-compatible endpoint, such as <c>http://127.0.0.1:5000</c> for moto_server, LocalStack or MinIO; requests
    /// then use path-style addressing (<c>{endpoint}/{bucket}/{key}</c>), which those servers need. Default null: AWS
    /// itself. This option is the only source of the endpoint: the SDK's own lookup is turned off, so hosts that honour
    /// <c>AWS_ENDPOINT_URL</c> pass <see cref="EndpointFromEnvironment"/> here.
    /// </summary>
    public string? ServiceUrl { get; init; }

    /// <summary>
    /// Objects of more bytes than this are sent as a multipart upload; smaller ones in one conditional PutObject.
    /// Default 16 MiB; between 0 and <see cref="MaxBufferedBytes"/>. Up to this many bytes are held in memory.
    /// </summary>
    public int MultipartThresholdBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The size of each part of a multipart upload but the last. Default 8 MiB (the AWS CLI's); between
    /// <see cref="MinPartSizeBytes"/> and <see cref="MaxBufferedBytes"/>. S3 allows 10,000 parts, so this caps an
    /// object at 10,000 times this size (78 GiB by default).
    /// </summary>
    public int PartSizeBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// How often the SDK retries one request after throttling (503 SlowDown), a 5xx answer or a dropped connection,
    /// with exponential backoff and jitter (its "standard" retry mode). Default 4, so at most 5 attempts; between 0 and
    /// <see cref="MaxRetriesLimit"/>. Ignored when the store is given its own client.
    /// </summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The prefix as stored: empty, or ending with '/'.</summary>
    internal string KeyPrefix => Prefix.Length == 0 || Prefix.EndsWith('/') ? Prefix : Prefix + "/";

    /// <summary>
    /// The endpoint the AWS SDKs would take from the environment (the service-specific variable first), for hosts to
    /// put in <see cref="ServiceUrl"/>: <c>EndpointFromEnvironment(Environment.GetEnvironmentVariable)</c>. The
    /// library never reads the environment itself.
    /// </summary>
    public static string? EndpointFromEnvironment(Func<string, string?> variable) =>
        variable("AWS_ENDPOINT_URL_S3") is { Length: > 0 } s3 ? s3
        : variable("AWS_ENDPOINT_URL") is { Length: > 0 } all ? all
        : null;

    /// <summary>Throws an argument exception naming the first option out of range; called once when a store is built.</summary>
    internal void Validate()
    {
        if (S3Locations.BucketProblem(Bucket) is { } bucketProblem)
        {
            throw new ArgumentException($"{nameof(S3BlobStoreOptions)}.{nameof(Bucket)} '{Bucket}' is not a valid bucket name: {bucketProblem}.", nameof(Bucket));
        }

        if (Prefix is null)
        {
            throw new ArgumentNullException(nameof(Prefix), $"{nameof(S3BlobStoreOptions)}.{nameof(Prefix)} must not be null; use \"\" for the bucket's root.");
        }

        if (BlobKeys.PrefixProblem(Prefix) is { } prefixProblem)
        {
            throw new ArgumentException($"{nameof(S3BlobStoreOptions)}.{nameof(Prefix)} '{Prefix}' is not valid: {prefixProblem}.", nameof(Prefix));
        }

        if (ServiceUrl is not null
            && (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException(
                $"{nameof(S3BlobStoreOptions)}.{nameof(ServiceUrl)} '{ServiceUrl}' is not an absolute http or https URL such as http://127.0.0.1:5000 " +
                "(it defaults to the environment's AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL).",
                nameof(ServiceUrl));
        }

        if (Region is { } region && (region.Length == 0 || region.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')))
        {
            throw new ArgumentException($"{nameof(S3BlobStoreOptions)}.{nameof(Region)} '{region}' is not a region name such as eu-west-1.", nameof(Region));
        }

        if (MultipartThresholdBytes is < 0 or > MaxBufferedBytes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MultipartThresholdBytes),
                MultipartThresholdBytes,
                $"{nameof(S3BlobStoreOptions)}.{nameof(MultipartThresholdBytes)} must be between 0 and {MaxBufferedBytes} bytes.");
        }

        if (PartSizeBytes is < MinPartSizeBytes or > MaxBufferedBytes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(PartSizeBytes),
                PartSizeBytes,
                $"{nameof(S3BlobStoreOptions)}.{nameof(PartSizeBytes)} must be between {MinPartSizeBytes} (S3's minimum part) and {MaxBufferedBytes} bytes.");
        }

        if (MaxRetries is < 0 or > MaxRetriesLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxRetries),
                MaxRetries,
                $"{nameof(S3BlobStoreOptions)}.{nameof(MaxRetries)} must be between 0 and {MaxRetriesLimit}.");
        }
    }
}

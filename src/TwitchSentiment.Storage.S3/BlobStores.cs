using TwitchSentiment.Storage.Internal;

namespace TwitchSentiment.Storage;

/// <summary>Opens the store a location names, for hosts that take the location as one setting.</summary>
public static class BlobStores
{
    /// <summary>
    /// <c>s3://bucket</c> or <c>s3://bucket/prefix</c> opens an <see cref="S3BlobStore"/> with the default
    /// <see cref="S3BlobStoreOptions"/> (credentials, region and endpoint from the environment, as the AWS SDK finds
    /// them); anything else is a local folder path for a <see cref="LocalFolderBlobStore"/>.
    /// </summary>
    /// <param name="location">An <c>s3://</c> location or a folder path.</param>
    /// <param name="configureS3">
    /// Adjusts the S3 options made from the location, such as <c>o => o with { Region = "eu-west-1" }</c>; unused for
    /// a folder. Default null: the options as the location and the environment give them.
    /// </param>
    /// <exception cref="ArgumentException">The location is empty, or starts with <c>s3:</c> but is not a valid S3 location; the message says why.</exception>
    /// <exception cref="BlobStoreException">An S3 location, but no AWS region is configured.</exception>
    public static IBlobStore Open(string location, Func<S3BlobStoreOptions, S3BlobStoreOptions>? configureS3 = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        // 's3:' without '//' is a mistyped S3 location far more often than a folder of that name.
        if (!location.StartsWith("s3:", StringComparison.OrdinalIgnoreCase))
        {
            return new LocalFolderBlobStore(location);
        }

        (string bucket, string prefix) = S3Locations.Parse(location, nameof(location));
        var options = new S3BlobStoreOptions { Bucket = bucket, Prefix = prefix };
        return new S3BlobStore(configureS3 is null ? options : configureS3(options));
    }

    /// <summary>What is wrong with <paramref name="bucket"/> by S3's bucket naming rules (a clause such as "it holds '_'; …"), or null.</summary>
    public static string? BucketProblem(string bucket) => S3Locations.BucketProblem(bucket);

    /// <summary>What is wrong with <paramref name="prefix"/> as a key prefix inside a bucket, or null.</summary>
    public static string? PrefixProblem(string prefix) => BlobKeys.PrefixProblem(prefix);

    /// <summary>
    /// What is wrong with <paramref name="location"/> as <see cref="Open"/> reads it (a sentence that says how to fix it),
    /// or null when its form is right. Checks the text only: nothing is opened or contacted.
    /// </summary>
    public static string? LocationProblem(string? location) =>
        string.IsNullOrWhiteSpace(location) ? "The storage location is empty; give a folder path or s3://bucket/prefix."
        : !location.StartsWith("s3:", StringComparison.OrdinalIgnoreCase) ? null
        : S3Locations.TryParse(location, out _, out _);
}

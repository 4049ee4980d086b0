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
    /// <exception cref="ArgumentException">The location is empty, or starts with <c>s3:</c> but is not a valid S3 location; the message says why.</exception>
    public static IBlobStore Open(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        // 's3:' without '//' is a mistyped S3 location far more often than a folder of that name.
        if (!location.StartsWith("s3:", StringComparison.OrdinalIgnoreCase))
        {
            return new LocalFolderBlobStore(location);
        }

        (string bucket, string prefix) = S3Locations.Parse(location, nameof(location));
        return new S3BlobStore(new S3BlobStoreOptions { Bucket = bucket, Prefix = prefix });
    }
}

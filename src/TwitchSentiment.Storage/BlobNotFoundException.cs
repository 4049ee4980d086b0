namespace TwitchSentiment.Storage;

/// <summary>No blob is stored under the key that was read; the message names its location.</summary>
public sealed class BlobNotFoundException : BlobStoreException
{
    /// <summary>Creates the exception.</summary>
    public BlobNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public BlobNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public BlobNotFoundException()
        : base("The blob is not stored.")
    {
    }

    /// <summary>The exception for <paramref name="key"/>, missing at <paramref name="location"/>.</summary>
    internal static BlobNotFoundException For(string key, string location, Exception? innerException = null)
    {
        string message = $"No blob is stored at {location} (key '{key}'). Check the key, or list the store to see what it holds.";
        return innerException is null ? new BlobNotFoundException(message) : new BlobNotFoundException(message, innerException);
    }
}

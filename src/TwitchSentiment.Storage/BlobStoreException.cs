namespace TwitchSentiment.Storage;

/// <summary>
/// The blob store failed: a missing bucket or folder, access denied, an unreachable endpoint, a full disk. The message
/// says what was being done, where (the location, as <see cref="IBlobStore.Describe"/> gives it) and how to fix it.
/// </summary>
public class BlobStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BlobStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public BlobStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public BlobStoreException()
        : base("The blob store failed.")
    {
    }
}

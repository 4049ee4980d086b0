namespace TwitchSentiment.Storage;

/// <summary>
/// A create-only store of immutable blobs under '/'-separated relative keys such as
/// <c>raw/northernlion/2026/11/24/20261124T200000Z-ab12cd.log.gz</c>: a key once stored is never overwritten, so a
/// repeated or racing write of the same key is a harmless no-op. Implementations: <see cref="LocalFolderBlobStore"/>
/// (the default) and <c>S3BlobStore</c> (in TwitchSentiment.Storage.S3); <c>BlobStores.Open</c> picks one from a location.
/// </summary>
/// <remarks>
/// <para>
/// A valid key is 1 to 1,024 UTF-8 bytes of segments separated by single '/' characters: no leading or trailing '/',
/// no empty segment, no backslash, no control character, and no segment starting with '.' (which rules out '.' and
/// '..' and leaves dot-names to the stores' own temporary files). Methods throw an <see cref="ArgumentException"/>
/// naming the rule for any other key.
/// </para>
/// <para>
/// Failures of the store itself (missing bucket or folder, access denied, unreachable endpoint, full disk) throw a
/// <see cref="BlobStoreException"/> whose message names the location and the fix. Exceptions thrown by a caller's
/// content stream and <see cref="OperationCanceledException"/> propagate unchanged.
/// </para>
/// </remarks>
public interface IBlobStore : IDisposable
{
    /// <summary>
    /// The human-readable location of <paramref name="key"/> for messages: a full file path, or
    /// <c>s3://bucket/prefix/key</c>.
    /// </summary>
    string Describe(string key);

    /// <summary>
    /// Stores <paramref name="content"/>, read to its end, under <paramref name="key"/> unless the key is already
    /// stored. The blob becomes visible to readers and listings whole or not at all: a put that fails or is cancelled
    /// leaves nothing behind. Of several racing puts of one key exactly one stores its content.
    /// </summary>
    /// <param name="key">The blob's key.</param>
    /// <param name="content">
    /// The bytes to store; read from its current position to its end. It need not be seekable or of known length.
    /// The caller keeps ownership. When the key is already stored it may be left unread.
    /// </param>
    /// <param name="cancellationToken">Cancels the put.</param>
    /// <returns><see langword="true"/> if this call stored the blob; <see langword="false"/> if the key was already stored, which stays unchanged.</returns>
    Task<bool> PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/>, replacing what is there: for derived objects
    /// that are rebuilt (a day's report). Readers see the old blob or the new one whole, never a mix. Meant for small
    /// objects: an S3 store sends it as one request.
    /// </summary>
    Task ReplaceAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored blob for reading from its start. The caller disposes the stream.</summary>
    /// <exception cref="BlobNotFoundException">No blob is stored under <paramref name="key"/>; the message names its location.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored keys that start with <paramref name="prefix"/>, relative to the store's root, in ordinal order of their
    /// UTF-8 bytes (S3's order; for keys without characters beyond U+FFFF the same as <see cref="StringComparer.Ordinal"/>).
    /// </summary>
    /// <param name="prefix">
    /// A plain string prefix, as in S3: <c>raw/</c> lists everything under <c>raw</c>, while <c>raw/north</c> also
    /// lists <c>raw/northernlion/…</c>. Empty lists everything. It follows the key rules, except that it may be empty
    /// or end with '/'. It is validated when this method is called, before enumeration.
    /// </param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Whether a blob is stored under <paramref name="key"/>.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);
}

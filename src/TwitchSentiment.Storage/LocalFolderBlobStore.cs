using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using TwitchSentiment.Storage.Internal;

namespace TwitchSentiment.Storage;

/// <summary>
/// Blobs as files in a local folder, the default store: key <c>raw/a/b.log.gz</c> is the file
/// <c>{root}/raw/a/b.log.gz</c>.
/// </summary>
/// <remarks>
/// <para>
/// A put writes a hidden temporary file (<c>.{name}.{random}.tmp</c>) beside the target, flushes it to disk and then
/// gives it the target's name only if no file has it, in one step: a hard link on Linux and macOS (<c>link(2)</c>
/// fails if the name exists; .NET's own <c>File.Move</c> checks and then renames, which lets two racing writers both
/// win), a MoveFileEx without replace on Windows. So a blob appears whole or not at all, and of two racing writers
/// exactly one wins; the other gets <see langword="false"/>. Listings never show the temporary files. On a file
/// system without hard links the put falls back to <c>File.Move</c> and that race is possible again.
/// </para>
/// <para>
/// Unlike S3, a folder cannot hold a file and a folder of the same name, so <c>a/b</c> and <c>a/b/c</c> cannot both be
/// stored; the second put throws a <see cref="BlobStoreException"/> saying so.
/// </para>
/// </remarks>
public sealed class LocalFolderBlobStore : IBlobStore
{
    private const int CopyBufferBytes = 81_920; // Stream.CopyTo's default: below the large-object heap threshold

    /// <summary>Creates a store rooted at <paramref name="root"/>; the folder is created by the first put.</summary>
    /// <param name="root">The folder, absolute or relative to the current directory.</param>
    public LocalFolderBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The store's folder as a full path.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public string Describe(string key)
    {
        BlobKeys.ThrowIfInvalid(key);
        return PathOf(key);
    }

    /// <inheritdoc/>
    public async Task<bool> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalid(key);
        ArgumentNullException.ThrowIfNull(content);
        cancellationToken.ThrowIfCancellationRequested();
        string path = PathOf(key);
        if (File.Exists(path))
        {
            return false; // a cheap early answer; the create-only move below is what decides
        }

        string folder = Path.GetDirectoryName(path)!;
        CreateFolder(folder, key);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            await WriteTemporaryAsync(temporary, content, key, cancellationToken).ConfigureAwait(false);
            return MoveIntoPlace(temporary, path, key);
        }
        finally
        {
            DeleteTemporary(temporary);
        }
    }

    /// <inheritdoc/>
    public async Task ReplaceAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalid(key);
        ArgumentNullException.ThrowIfNull(content);
        string path = PathOf(key);
        string folder = Path.GetDirectoryName(path)!;
        CreateFolder(folder, key);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            await WriteTemporaryAsync(temporary, content, key, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true); // a rename: atomic for readers
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new BlobStoreException($"Could not store {path}: {error.Message} Check that this user may write to the folder {Root}.", error);
        }
        finally
        {
            DeleteTemporary(temporary);
        }
    }

    /// <inheritdoc/>
    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalid(key);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<Stream>(cancellationToken);
        }

        string path = PathOf(key);
        try
        {
            return Task.FromResult<Stream>(new FileStream(
                path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read | FileShare.Delete,
                bufferSize: 4096,
                FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException
            || (error is IOException && !File.Exists(path))
            || (error is UnauthorizedAccessException && Directory.Exists(path)))
        {
            // Also not found: a folder where the file would be (a key prefix, not a blob), or a file where a folder
            // of the key would be.
            return Task.FromException<Stream>(BlobNotFoundException.For(key, path, error));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Task.FromException<Stream>(new BlobStoreException(
                $"Could not open {path} for reading: {error.Message} Check that this user may read the folder {Root}.", error));
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalidPrefix(prefix);
        return ListCoreAsync(prefix, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalid(key);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<bool>(cancellationToken)
            : Task.FromResult(File.Exists(PathOf(key)));
    }

    /// <summary>Nothing to release; a local folder holds no connections.</summary>
    public void Dispose()
    {
    }

    private static void DeleteTemporary(string temporary)
    {
        try
        {
            File.Delete(temporary); // no-op after a successful move
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The put's own outcome matters more; a leftover hidden .tmp file is never listed or read as a blob.
        }
    }

    private async IAsyncEnumerable<string> ListCoreAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Start in the deepest folder the prefix names completely: 'raw/north' starts in 'raw'.
        int lastSlash = prefix.LastIndexOf('/');
        string startKey = lastSlash < 0 ? "" : prefix[..(lastSlash + 1)];
        string startFolder = startKey.Length == 0 ? Root : PathOf(startKey.TrimEnd('/'));

        // One sorted entry list per open folder: memory grows with depth times width, not with the store.
        var pending = new Stack<IEnumerator<(string Key, bool IsFolder)>>();
        try
        {
            pending.Push(SortedEntries(startFolder, startKey).GetEnumerator());
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IEnumerator<(string Key, bool IsFolder)> entries = pending.Peek();
                if (!entries.MoveNext())
                {
                    pending.Pop().Dispose();
                    continue;
                }

                (string key, bool isFolder) = entries.Current;
                if (isFolder)
                {
                    string folderKey = key + "/";
                    if (folderKey.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(folderKey, StringComparison.Ordinal))
                    {
                        pending.Push(SortedEntries(PathOf(key), folderKey).GetEnumerator());
                    }
                }
                else if (key.StartsWith(prefix, StringComparison.Ordinal) && BlobKeys.IsValid(key))
                {
                    yield return key;
                }
            }
        }
        finally
        {
            while (pending.Count > 0)
            {
                pending.Pop().Dispose();
            }
        }
    }

    /// <summary>
    /// A folder's visible entries as keys, in the order their keys sort: a folder sorts as its name plus '/', so
    /// <c>a.txt</c> comes before the contents of <c>a/</c>, as S3 would list them. Hidden names (temporary files,
    /// dot-files) are skipped, and so are symbolic links to folders, which could loop.
    /// </summary>
    private List<(string Key, bool IsFolder)> SortedEntries(string folder, string folderKey)
    {
        var entries = new List<(string Key, bool IsFolder)>();
        try
        {
            var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
            foreach (FileSystemInfo entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    if (entry.LinkTarget is null)
                    {
                        entries.Add((folderKey + entry.Name, true));
                    }
                }
                else
                {
                    entries.Add((folderKey + entry.Name, false));
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            return entries; // nothing stored under this prefix yet
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new BlobStoreException($"Could not list the folder {folder}: {error.Message} Check that this user may read {Root}.", error);
        }

        entries.Sort(static (a, b) => BlobKeys.Compare(a.IsFolder ? a.Key + "/" : a.Key, b.IsFolder ? b.Key + "/" : b.Key));
        return entries;
    }

    private void CreateFolder(string folder, string key)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new BlobStoreException(
                $"Could not create the folder {folder} for {PathOf(key)}: {error.Message} " +
                $"Check that {Root} is a folder this user may write to, and that no file sits where a folder of the key should be.",
                error);
        }
    }

    private async Task WriteTemporaryAsync(string temporary, Stream content, string key, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw WriteFailure(key, error);
        }

        await using (file.ConfigureAwait(false))
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
            try
            {
                while (true)
                {
                    // Read errors are the caller's stream's and propagate as they are; write errors are the store's.
                    int read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferBytes), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    try
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                    {
                        throw WriteFailure(key, error);
                    }
                }

                try
                {
                    file.Flush(flushToDisk: true); // the bytes are on disk before the name points at them
                }
                catch (IOException error)
                {
                    throw WriteFailure(key, error);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private bool MoveIntoPlace(string temporary, string path, string key)
    {
        try
        {
            return CreateOnlyMove.TryMove(temporary, path); // false: another writer stored the key first
        }
        catch (IOException error) when (Directory.Exists(path))
        {
            throw new BlobStoreException(
                $"Could not store {path}: a folder of that name holds other blobs (keys starting with '{key}/'). " +
                "A local folder cannot hold a file and a folder of the same name; choose keys that are not prefixes of other keys' folders.",
                error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw WriteFailure(key, error);
        }
    }

    private BlobStoreException WriteFailure(string key, Exception error) => new(
        $"Could not write {PathOf(key)}: {error.Message} Check that {Root} is a folder this user may write to and that its disk has space.",
        error);

    private string PathOf(string key) =>
        Path.Combine(Root, Path.DirectorySeparatorChar == '/' ? key : key.Replace('/', Path.DirectorySeparatorChar));
}

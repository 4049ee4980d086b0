using System.Buffers;
using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using TwitchSentiment.Storage.Internal;

namespace TwitchSentiment.Storage;

/// <summary>Storing: one conditional PutObject for small objects, a conditional multipart upload for large ones.</summary>
public sealed partial class S3BlobStore
{
    /// <summary>S3's limit on the parts of one multipart upload.</summary>
    private const int MaxParts = 10_000;

    /// <summary>
    /// How often a PutObject is sent again after S3's <c>409 ConditionalRequestConflict</c>, which means another write of
    /// the same key was under way; S3's advice is to retry, and the retry then stores or finds the key stored (412).
    /// </summary>
    private const int MaxConflictAttempts = 3;

    private const int ReadBufferBytes = 81_920; // Stream.CopyTo's default: below the large-object heap threshold

    private static readonly TimeSpan ConflictBackoff = TimeSpan.FromMilliseconds(200);

    // How long aborting a failed multipart upload may take; parts left behind are removed by the buckets' lifecycle rule.
    private static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CancelledAbortTimeout = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public async Task<bool> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalid(key);
        ArgumentNullException.ThrowIfNull(content);

        // Whether an object is small is known only once one byte more than the threshold has been read (or the end).
        using var head = new MemoryStream();
        long headLength = await BufferAsync(content, head, _options.MultipartThresholdBytes + 1L, cancellationToken).ConfigureAwait(false);
        head.Position = 0;
        return headLength <= _options.MultipartThresholdBytes
            ? await PutObjectAsync(key, head, cancellationToken).ConfigureAwait(false)
            : await PutMultipartAsync(key, head, content, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task ReplaceAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        BlobKeys.ThrowIfInvalid(key);
        ArgumentNullException.ThrowIfNull(content);
        using var body = new MemoryStream();
        await content.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        body.Position = 0;
        await PutObjectAsync(key, body, cancellationToken, createOnly: false).ConfigureAwait(false);
    }

    /// <summary>Copies up to <paramref name="limit"/> bytes of <paramref name="source"/> (the caller's stream) into <paramref name="target"/>.</summary>
    private static async Task<long> BufferAsync(Stream source, MemoryStream target, long limit, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            while (target.Length < limit)
            {
                int wanted = (int)Math.Min(ReadBufferBytes, limit - target.Length);
                int read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (target.Length + read > target.Capacity)
                {
                    // Grow by doubling as MemoryStream would, but never past the limit, so memory stays at the threshold.
                    target.Capacity = (int)Math.Min(limit, Math.Max(target.Capacity * 2L, target.Length + read));
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            return target.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Fills <paramref name="part"/> from what is buffered, then from the caller's stream; fewer bytes only at the end.</summary>
    private static async Task<int> FillPartAsync(MemoryStream head, Stream rest, byte[] part, CancellationToken cancellationToken)
    {
        int length = await head.ReadAsync(part, cancellationToken).ConfigureAwait(false); // all it holds, up to a part
        while (length < part.Length)
        {
            int read = await rest.ReadAsync(part.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length;
    }

    private async Task<bool> PutObjectAsync(string key, MemoryStream body, CancellationToken cancellationToken, bool createOnly = true)
    {
        for (int attempt = 1; ; attempt++)
        {
            var request = new PutObjectRequest
            {
                BucketName = _options.Bucket,
                Key = ObjectKey(key),
                InputStream = body,
                AutoCloseStream = false,
                AutoResetStreamPosition = true,
                ContentType = ContentTypes.ForKey(key),
                IfNoneMatch = createOnly ? "*" : null, // create-only: S3 answers 412 if the key exists
            };
            try
            {
                await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
                _bucketSeen = true;
                return true;
            }
            catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                return false;
            }
            catch (AmazonS3Exception error) when (IsConditionalConflict(error) && attempt < MaxConflictAttempts)
            {
                await Task.Delay(ConflictBackoff * attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (S3Errors.IsStoreFailure(error, cancellationToken))
            {
                throw S3Errors.Translate(error, "stored", Describe(key), _options);
            }
        }
    }

    private async Task<bool> PutMultipartAsync(string key, MemoryStream head, Stream rest, CancellationToken cancellationToken)
    {
        // A large object already stored is not uploaded again; the conditional completion below still decides races.
        if (await ObjectExistsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        string uploadId;
        try
        {
            InitiateMultipartUploadResponse started = await _s3.InitiateMultipartUploadAsync(
                new InitiateMultipartUploadRequest
                {
                    BucketName = _options.Bucket,
                    Key = ObjectKey(key),
                    ContentType = ContentTypes.ForKey(key),
                    ChecksumAlgorithm = ChecksumAlgorithm.CRC32, // each part carries its checksum, and S3 checks them
                },
                cancellationToken).ConfigureAwait(false);
            uploadId = started.UploadId;
        }
        catch (Exception error) when (S3Errors.IsStoreFailure(error, cancellationToken))
        {
            throw S3Errors.Translate(error, "stored", Describe(key), _options);
        }

        bool? stored;
        try
        {
            List<PartETag> parts = await UploadPartsAsync(key, uploadId, head, rest, cancellationToken).ConfigureAwait(false);
            stored = await CompleteAsync(key, uploadId, parts, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // Whatever failed (the caller's stream, S3, cancellation), the parts uploaded so far must not linger.
            await AbortAsync(key, uploadId, error).ConfigureAwait(false);
            throw;
        }

        if (stored == true)
        {
            return true;
        }

        await AbortAsync(key, uploadId, failure: null).ConfigureAwait(false);
        if (stored == false)
        {
            return false;
        }

        // 409: another write of the key was under way. Its outcome decides; this upload's data was not stored.
        if (await ObjectExistsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        throw new BlobStoreException(
            $"Another write of {Describe(key)} was under way when this multipart upload completed (409 ConditionalRequestConflict), " +
            "and neither stored it. This upload was aborted and nothing was stored; put the blob again.");
    }

    private async Task<List<PartETag>> UploadPartsAsync(string key, string uploadId, MemoryStream head, Stream rest, CancellationToken cancellationToken)
    {
        var parts = new List<PartETag>();
        byte[] part = new byte[_options.PartSizeBytes]; // one part in memory at a time; each is uploaded before the next is read
        while (true)
        {
            int length = await FillPartAsync(head, rest, part, cancellationToken).ConfigureAwait(false);
            if (length == 0)
            {
                return parts; // the object was a whole number of parts
            }

            if (parts.Count == MaxParts)
            {
                throw new BlobStoreException(
                    $"{Describe(key)} is larger than S3's {MaxParts.ToString(CultureInfo.InvariantCulture)} parts of " +
                    $"{_options.PartSizeBytes.ToString(CultureInfo.InvariantCulture)} bytes allow. Raise the store's PartSizeBytes option.");
            }

            var request = new UploadPartRequest
            {
                BucketName = _options.Bucket,
                Key = ObjectKey(key),
                UploadId = uploadId,
                PartNumber = parts.Count + 1,
                InputStream = new MemoryStream(part, 0, length, writable: false),
                PartSize = length,
                ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
            };
            try
            {
                UploadPartResponse response = await _s3.UploadPartAsync(request, cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(response, copyChecksums: true));
            }
            catch (Exception error) when (S3Errors.IsStoreFailure(error, cancellationToken))
            {
                throw S3Errors.Translate(error, "stored", Describe(key), _options);
            }

            if (length < part.Length)
            {
                return parts; // the caller's stream ended inside this part
            }
        }
    }

    /// <summary>Completes the upload if the key is still absent: true stored, false already stored (412), null a conflict (409).</summary>
    private async Task<bool?> CompleteAsync(string key, string uploadId, List<PartETag> parts, CancellationToken cancellationToken)
    {
        try
        {
            await _s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = _options.Bucket,
                    Key = ObjectKey(key),
                    UploadId = uploadId,
                    PartETags = parts,

                    // Conditional completion. S3 supports it, and so does moto 5.2.1 (it checks the header before
                    // assembling the object), so no fallback such as a HEAD right before completing is needed.
                    IfNoneMatch = "*",
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
        catch (AmazonS3Exception error) when (IsConditionalConflict(error))
        {
            return null; // S3's advice is to upload every part again, but the caller's stream has been read
        }
        catch (Exception error) when (S3Errors.IsStoreFailure(error, cancellationToken))
        {
            throw S3Errors.Translate(error, "stored", Describe(key), _options);
        }
    }

    /// <summary>
    /// Aborts the upload, even when the put was cancelled. If that fails while another failure is on its way, the
    /// abort's failure is recorded in that exception's <see cref="Exception.Data"/> rather than hiding it; if it fails
    /// on its own, it throws.
    /// </summary>
    private async Task AbortAsync(string key, string uploadId, Exception? failure)
    {
        // bounded: after a cancellation (a deadline near) the caller cannot wait long for an S3 that may be what hangs
        using var limit = new CancellationTokenSource(failure is OperationCanceledException ? CancelledAbortTimeout : AbortTimeout);
        try
        {
            await _s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _options.Bucket, Key = ObjectKey(key), UploadId = uploadId },
                limit.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (S3Errors.IsStoreFailure(error, CancellationToken.None))
        {
            string message =
                $"The multipart upload {uploadId} of {Describe(key)} could not be aborted ({error.Message}); its parts stay billed until a " +
                "bucket lifecycle rule (AbortIncompleteMultipartUpload) removes them.";
            if (failure is null)
            {
                throw new BlobStoreException(message, error);
            }

            failure.Data["TwitchSentiment.Storage.AbortFailure"] = message;
        }
    }

    private static bool IsConditionalConflict(AmazonS3Exception error) =>
        error.StatusCode == HttpStatusCode.Conflict && error.ErrorCode == "ConditionalRequestConflict";
}

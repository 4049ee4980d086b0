using Amazon.S3;
using Amazon.S3.Model;

namespace TwitchSentiment.Storage.Tests;

/// <summary>
/// The contract, and what is particular to S3, against a real moto_server on 127.0.0.1; one prefix per test. moto
/// 5.2.1 honours <c>If-None-Match: *</c> on PutObject and on CompleteMultipartUpload, but checks it and then writes
/// rather than atomically as S3 does; the racing-puts test has not been seen to fail on it.
/// </summary>
public sealed class S3BlobStoreTests : BlobStoreContract, IClassFixture<MotoS3Fixture>, IDisposable
{
    private const int Mebibyte = 1024 * 1024;

    private readonly MotoS3Fixture _moto;
    private readonly string _prefix = "t-" + Guid.NewGuid().ToString("N")[..12];
    private readonly S3BlobStore _store;

    public S3BlobStoreTests(MotoS3Fixture moto)
    {
        _moto = moto;
        _store = new S3BlobStore(moto.Options(_prefix), moto.Client);
    }

    protected override IBlobStore Store => _store;

    public void Dispose() => _store.Dispose(); // the fixture's client stays usable: the store does not own it

    [Fact]
    public void Describe_gives_the_s3_url_with_the_prefix()
    {
        Assert.Equal($"s3://{MotoS3Fixture.Bucket}/{_prefix}/raw/a.log.gz", _store.Describe("raw/a.log.gz"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_blob_larger_than_the_threshold_goes_as_a_multipart_upload_of_part_sized_parts()
    {
        byte[] content = Some.Bytes((12 * Mebibyte) + 5, seed: 50);

        Assert.True(await _store.PutAsync("raw/big.log.gz", new SourceStream(content)));

        GetObjectMetadataResponse metadata = await _moto.Client.GetObjectMetadataAsync(MotoS3Fixture.Bucket, $"{_prefix}/raw/big.log.gz");
        Assert.EndsWith("-3\"", metadata.ETag, StringComparison.Ordinal); // S3's multipart ETag: the digest of 3 parts (5 + 5 + 2 MiB)
        Assert.Equal(content.Length, metadata.ContentLength);
        Assert.Equal("application/gzip", metadata.Headers.ContentType);
        Assert.Equal(content, await ReadAsync("raw/big.log.gz"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_blob_of_exactly_the_threshold_goes_in_one_put()
    {
        byte[] content = Some.Bytes(MotoS3Fixture.SmallThresholdBytes, seed: 51);

        Assert.True(await _store.PutAsync("raw/edge.log", new SourceStream(content)));

        GetObjectMetadataResponse metadata = await _moto.Client.GetObjectMetadataAsync(MotoS3Fixture.Bucket, $"{_prefix}/raw/edge.log");
        Assert.DoesNotContain("-", metadata.ETag, StringComparison.Ordinal);
        Assert.Equal(content, await ReadAsync("raw/edge.log"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_multipart_completion_is_conditional_so_a_key_stored_meanwhile_wins()
    {
        // moto 5.2.1 checks If-None-Match on CompleteMultipartUpload; this is the test that shows it.
        byte[] large = Some.Bytes(12 * Mebibyte, seed: 52);
        byte[] small = Some.Bytes(1000, seed: 53);
        bool? smallStored = null;
        var source = new SourceStream(large, pauseAt: large.Length, atPause: async () =>
        {
            smallStored = await _store.PutAsync("raw/contended.log", new SourceStream(small));
        });

        bool largeStored = await _store.PutAsync("raw/contended.log", source);

        Assert.Equal((true, false), (smallStored, largeStored));
        Assert.Equal(small, await ReadAsync("raw/contended.log"));
        Assert.Empty(await HiddenLeftoversAsync()); // the refused upload was aborted
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_large_put_of_a_stored_key_returns_false_without_uploading_it_again()
    {
        await PutAllAsync(["raw/stored.log"]);
        var source = new SourceStream(Some.Bytes(12 * Mebibyte, seed: 54));

        Assert.False(await _store.PutAsync("raw/stored.log", source));

        Assert.Equal(MotoS3Fixture.SmallThresholdBytes + 1, source.BytesRead); // read only to tell it is large
        Assert.Equal("raw/stored.log"u8.ToArray(), await ReadAsync("raw/stored.log"));
        Assert.Empty(await HiddenLeftoversAsync());
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_multipart_put_whose_stream_fails_after_a_part_aborts_the_upload()
    {
        byte[] content = Some.Bytes(12 * Mebibyte, seed: 55);
        var sourceBroke = new IOException("the source broke");
        IReadOnlyList<string>? uploadsDuring = null;
        var source = new SourceStream(content, pauseAt: 7 * Mebibyte, failAtPause: sourceBroke, atPause: async () =>
        {
            uploadsDuring = await HiddenLeftoversAsync(); // part 1 (5 MiB) is up by now
        });

        var thrown = await Assert.ThrowsAsync<IOException>(() => _store.PutAsync("raw/broken.log", source));

        Assert.Same(sourceBroke, thrown);
        Assert.Single(uploadsDuring!);
        Assert.Empty(await HiddenLeftoversAsync());
        Assert.Empty(await ListAsync(""));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_cancelled_multipart_put_aborts_the_upload()
    {
        using var cancellation = new CancellationTokenSource();
        var source = new SourceStream(Some.Bytes(12 * Mebibyte, seed: 56), pauseAt: 7 * Mebibyte, atPause: cancellation.CancelAsync);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.PutAsync("raw/cancelled.log", source, cancellation.Token));

        Assert.Empty(await HiddenLeftoversAsync());
        Assert.False(await _store.ExistsAsync("raw/cancelled.log"));
    }

    [Theory(Timeout = TimeoutMilliseconds)]
    [InlineData("reports/chan/2026/11/24.html", "text/html; charset=utf-8")]
    [InlineData("reports/chan/2026/11/24.json", "application/json")]
    [InlineData("results/a.log.gz.jsonl", "application/x-ndjson")]
    [InlineData("results/a.log.gz.csv", "text/csv; charset=utf-8")]
    [InlineData("raw/a.log.gz", "application/gzip")]
    [InlineData("raw/a.bin", "application/octet-stream")]
    public async Task Objects_get_a_content_type_from_the_key_extension(string key, string contentType)
    {
        await PutAllAsync([key]);

        GetObjectMetadataResponse metadata = await _moto.Client.GetObjectMetadataAsync(MotoS3Fixture.Bucket, $"{_prefix}/{key}");

        Assert.Equal(contentType, metadata.Headers.ContentType);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Keys_live_under_the_prefix_and_List_skips_objects_that_are_not_blob_keys()
    {
        await PutAllAsync(["raw/a.log"]);
        foreach (string foreign in new[] { $"{_prefix}x/sibling.log", $"{_prefix}/raw/folder-marker/", $"{_prefix}/raw//double.log", $"{_prefix}/.hidden" })
        {
            await _moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = MotoS3Fixture.Bucket, Key = foreign, ContentBody = "x" });
        }

        Assert.Equal(["raw/a.log"], await ListAsync(""));
        Assert.Equal(200, (int)(await _moto.Client.GetObjectMetadataAsync(MotoS3Fixture.Bucket, $"{_prefix}/raw/a.log")).HttpStatusCode);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_store_without_a_prefix_uses_the_bucket_root()
    {
        string bucket = "root-" + _prefix;
        await _moto.Client.PutBucketAsync(bucket);
        using var store = new S3BlobStore(_moto.Options("", bucket), _moto.Client);

        Assert.True(await store.PutAsync("raw/a.log", new SourceStream([1, 2, 3])));

        Assert.Equal($"s3://{bucket}/raw/a.log", store.Describe("raw/a.log"));
        Assert.Equal(["raw/a.log"], await ListAsync(store, ""));
        Assert.Equal(3, (await _moto.Client.GetObjectMetadataAsync(bucket, "raw/a.log")).ContentLength);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Listing_pages_through_more_keys_than_one_answer_holds()
    {
        // S3 answers at most 1,000 keys per ListObjectsV2 call.
        string[] keys = [.. Enumerable.Range(0, 1005).Select(i => $"raw/{i:D4}.log")];
        await Task.WhenAll(keys.Chunk(100).Select(chunk => Task.Run(async () =>
        {
            foreach (string key in chunk)
            {
                await _store.PutAsync(key, new SourceStream([1]));
            }
        })));

        Assert.Equal(keys, await ListAsync("raw/"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_missing_bucket_fails_every_operation_with_a_message_saying_how_to_fix_it()
    {
        using var store = new S3BlobStore(_moto.Options("p", bucket: "no-such-bucket"), _moto.Client);
        var operations = new (string Name, Func<Task> Run)[]
        {
            ("small put", () => store.PutAsync("raw/a.log", new SourceStream([1]))),
            ("large put", () => store.PutAsync("raw/a.log", new SourceStream(Some.Bytes(6 * Mebibyte, seed: 57)))),
            ("read", () => store.OpenReadAsync("raw/a.log")),
            ("exists", () => store.ExistsAsync("raw/a.log")),
            ("list", () => ListAsync(store, "raw/")),
        };

        foreach ((string name, Func<Task> run) in operations)
        {
            var error = await Assert.ThrowsAsync<BlobStoreException>(run); // exactly this type: not "blob not found"
            Assert.True(
                error.Message.Contains("The S3 bucket 'no-such-bucket' does not exist at the endpoint", StringComparison.Ordinal)
                && error.Message.Contains("aws s3 mb s3://no-such-bucket", StringComparison.Ordinal),
                $"{name}: {error.Message}");
            Assert.IsAssignableFrom<AmazonS3Exception>(error.InnerException);
        }
    }

    protected override async Task<IReadOnlyList<string>> HiddenLeftoversAsync()
    {
        ListMultipartUploadsResponse uploads = await _moto.Client.ListMultipartUploadsAsync(
            new ListMultipartUploadsRequest { BucketName = MotoS3Fixture.Bucket, Prefix = _prefix + "/" });
        return [.. (uploads.MultipartUploads ?? []).Select(upload => $"unfinished multipart upload of {upload.Key}")];
    }
}

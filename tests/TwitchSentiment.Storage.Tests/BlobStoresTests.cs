namespace TwitchSentiment.Storage.Tests;

/// <summary>Opening a store from a location; no server, no network (S3 stores are only built, never called).</summary>
public sealed class BlobStoresTests
{
    private static S3BlobStoreOptions Offline(S3BlobStoreOptions options) =>
        options with { Region = "us-east-1", ServiceUrl = "http://127.0.0.1:9" }; // so building a client looks nothing up

    [Theory]
    [InlineData("s3://my-bucket/twitch-sentiment/prod", "my-bucket", "twitch-sentiment/prod", "s3://my-bucket/twitch-sentiment/prod/raw/a.log")]
    [InlineData("s3://my-bucket/twitch-sentiment/", "my-bucket", "twitch-sentiment/", "s3://my-bucket/twitch-sentiment/raw/a.log")]
    [InlineData("S3://my.bucket-1", "my.bucket-1", "", "s3://my.bucket-1/raw/a.log")]
    [InlineData("s3://my-bucket/", "my-bucket", "", "s3://my-bucket/raw/a.log")]
    public void An_s3_location_opens_an_S3_store_on_its_bucket_and_prefix(string location, string bucket, string prefix, string described)
    {
        using IBlobStore store = BlobStores.Open(location, Offline);

        S3BlobStore s3 = Assert.IsType<S3BlobStore>(store);
        Assert.Equal((bucket, prefix, "us-east-1"), (s3.Options.Bucket, s3.Options.Prefix, s3.Options.Region));
        Assert.Equal(described, store.Describe("raw/a.log"));
    }

    [Theory]
    [InlineData("some/folder")]
    [InlineData("/var/lib/twitch-sentiment")]
    [InlineData("s3-archive")]
    public void Anything_else_opens_a_local_folder(string location)
    {
        using IBlobStore store = BlobStores.Open(location, _ => throw new InvalidOperationException("not an S3 location"));

        LocalFolderBlobStore folder = Assert.IsType<LocalFolderBlobStore>(store);
        Assert.Equal(Path.GetFullPath(location), folder.Root);
    }

    [Theory]
    [InlineData("s3://", "the bucket name '' is not valid")]
    [InlineData("s3:///prefix", "the bucket name '' is not valid")]
    [InlineData("s3://My_Bucket/x", "the bucket name 'My_Bucket' is not valid")]
    [InlineData("s3://ab", "S3 allows 3 to 63")]
    [InlineData("s3://my-bucket/a//b", "the prefix 'a//b' is not valid")]
    [InlineData("s3://my-bucket/../b", "the prefix '../b' is not valid")]
    [InlineData("s3://my-bucket/p?versionId=1", "query or fragment")]
    [InlineData("s3:/my-bucket/p", "not with 's3://'")]
    [InlineData("s3:my-bucket", "not with 's3://'")]
    public void A_bad_s3_location_is_refused_with_the_reason_and_the_expected_form(string location, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => BlobStores.Open(location, Offline));

        Assert.Equal("location", error.ParamName);
        Assert.Contains($"'{location}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("s3://bucket/prefix", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_location_is_refused(string location)
    {
        Assert.Throws<ArgumentException>(() => BlobStores.Open(location));
    }
}

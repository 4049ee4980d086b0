using Amazon.Runtime;
using Amazon.S3;

namespace TwitchSentiment.Storage.Tests;

/// <summary>Options validation and the SDK configuration they make; no server, no network.</summary>
public sealed class S3BlobStoreOptionsTests
{
    private static readonly S3BlobStoreOptions Valid = new() { Bucket = "my-bucket", ServiceUrl = null };

    public static TheoryData<string, Func<S3BlobStoreOptions, S3BlobStoreOptions>, string> InvalidOptions => new()
    {
        { "Bucket", o => o with { Bucket = "My_Bucket" }, "S3BlobStoreOptions.Bucket 'My_Bucket' is not a valid bucket name" },
        { "Bucket", o => o with { Bucket = "ab" }, "S3 allows 3 to 63" },
        { "Bucket", o => o with { Bucket = "-bucket" }, "start and end with a letter or digit" },
        { "Prefix", o => o with { Prefix = "/abs" }, "S3BlobStoreOptions.Prefix '/abs' is not valid: it starts with '/'" },
        { "Prefix", o => o with { Prefix = "a//b" }, "empty segment" },
        { "ServiceUrl", o => o with { ServiceUrl = "127.0.0.1:5000" }, "not an absolute http or https URL" },
        { "ServiceUrl", o => o with { ServiceUrl = "ftp://127.0.0.1" }, "AWS_ENDPOINT_URL" },
        { "Region", o => o with { Region = "EU West" }, "not a region name" },
        { "MultipartThresholdBytes", o => o with { MultipartThresholdBytes = -1 }, "between 0 and 536870912" },
        { "PartSizeBytes", o => o with { PartSizeBytes = (5 * 1024 * 1024) - 1 }, "S3's minimum part" },
        { "PartSizeBytes", o => o with { PartSizeBytes = (512 * 1024 * 1024) + 1 }, "536870912" },
        { "MaxRetries", o => o with { MaxRetries = 11 }, "between 0 and 10" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_with_a_message_naming_the_option(string option, Func<S3BlobStoreOptions, S3BlobStoreOptions> change, string message)
    {
        S3BlobStoreOptions options = change(Valid);

        var error = Assert.ThrowsAny<ArgumentException>(() => new S3BlobStore(options));

        Assert.Equal(option, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_gives_path_style_requests_signed_for_us_east_1_and_the_configured_retries()
    {
        AmazonS3Config config = S3BlobStore.CreateClientConfig(Valid with { ServiceUrl = "http://127.0.0.1:5000", MaxRetries = 7 });

        Assert.Equal(
            ("http://127.0.0.1:5000/", true, "us-east-1", 7, RequestRetryMode.Standard, true),
            (config.ServiceURL, config.ForcePathStyle, config.AuthenticationRegion, config.MaxErrorRetry, config.RetryMode, config.IgnoreConfiguredEndpointUrls));
    }

    [Fact]
    public void An_endpoint_with_a_region_is_signed_for_that_region()
    {
        AmazonS3Config config = S3BlobStore.CreateClientConfig(Valid with { ServiceUrl = "http://127.0.0.1:5000", Region = "eu-west-1" });

        Assert.Equal("eu-west-1", config.AuthenticationRegion);
    }

    [Fact]
    public void Without_an_endpoint_the_region_picks_the_AWS_endpoint_and_virtual_host_addressing()
    {
        AmazonS3Config config = S3BlobStore.CreateClientConfig(Valid with { Region = "eu-west-1" });

        Assert.Equal(("eu-west-1", false, null), (config.RegionEndpoint?.SystemName, config.ForcePathStyle, config.ServiceURL));
    }

    [Theory]
    [InlineData("http://s3-specific:1", "http://general:2", "http://s3-specific:1")]
    [InlineData(null, "http://general:2", "http://general:2")]
    [InlineData("", "http://general:2", "http://general:2")]
    [InlineData(null, null, null)]
    public void The_default_endpoint_is_AWS_ENDPOINT_URL_S3_then_AWS_ENDPOINT_URL(string? s3, string? general, string? expected)
    {
        var variables = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL_S3"] = s3, ["AWS_ENDPOINT_URL"] = general };

        Assert.Equal(expected, S3BlobStoreOptions.EndpointFromEnvironment(name => variables.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("twitch-sentiment", "twitch-sentiment/")]
    [InlineData("twitch-sentiment/", "twitch-sentiment/")]
    [InlineData("a/b", "a/b/")]
    public void The_prefix_is_a_folder_of_the_bucket(string prefix, string keyPrefix)
    {
        using var store = new S3BlobStore(Valid with { Prefix = prefix, ServiceUrl = "http://127.0.0.1:9" });

        Assert.Equal(keyPrefix, (Valid with { Prefix = prefix }).KeyPrefix);
        Assert.Equal($"s3://my-bucket/{keyPrefix}raw/a.log", store.Describe("raw/a.log"));
    }
}

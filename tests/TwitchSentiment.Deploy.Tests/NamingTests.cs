using TwitchSentiment.Deploy.Model;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>Every name the stack creates follows its service's rules.</summary>
public sealed class NamingTests
{
    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    [InlineData("ap-southeast-2")]
    [InlineData("ap-northeast-3")]
    public void Every_name_is_valid_in_every_region(string region)
    {
        foreach (string variant in Some.Variants)
        {
            Deployment deployment = Model.Deployment.Build(Some.Variant(variant).Options, Some.Account with { Region = region });

            Assert.All(deployment.Buckets, b => Assert.Null(AwsNames.Bucket(b.Name)));
            Assert.All(deployment.Functions, f => Assert.Null(AwsNames.Function(f.Name)));
            Assert.All(deployment.Roles, r => Assert.Null(AwsNames.Role(r.Name)));
            Assert.All(deployment.Functions, f => Assert.Null(AwsNames.LogGroup(f.LogGroup.Name)));
            Assert.All(deployment.Functions, f => Assert.Equal($"/aws/lambda/{f.Name}", f.LogGroup.Name));
            Assert.All(deployment.Schedules, s => Assert.Null(AwsNames.Schedule(s.Name)));
            if (deployment.CredentialsParameter is { } parameter)
            {
                Assert.Null(AwsNames.Parameter(parameter.Name));
                Assert.Null(AwsNames.Parameter(parameter.Name + ".lock"));
            }

            if (deployment.KmsKey is { } key)
            {
                Assert.Null(AwsNames.KmsAlias(key.Alias));
            }

            Assert.Equal(deployment.Roles.Count, deployment.Roles.Select(r => r.Name).Distinct().Count());
            Assert.Equal(deployment.Schedules.Count, deployment.Schedules.Select(s => s.Name).Distinct().Count());
        }
    }

    [Fact]
    public void The_functions_have_the_names_the_lambda_hosts_and_the_readme_use()
    {
        Deployment deployment = Some.Deployment();

        Assert.Equal(["twitch-sentiment-scraper", "twitch-sentiment-analyzer", "twitch-sentiment-reporter"], deployment.Functions.Select(f => f.Name));
        Assert.Equal("twitch-sentiment-raw-123456789012-eu-west-1", deployment.RawBucket.Name);
        Assert.Equal("twitch-sentiment-results-123456789012-eu-west-1", deployment.ResultsBucket.Name);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a-very-long-bucket-name-that-goes-on-and-on-past-sixty-three-chars")]
    [InlineData("Upper-case")]
    [InlineData("under_score")]
    [InlineData("-starts-with-dash")]
    [InlineData("ends-with-dash-")]
    [InlineData("two..dots")]
    [InlineData("192.168.5.4")]
    [InlineData("xn--bucket")]
    [InlineData("sthree-bucket")]
    [InlineData("bucket-s3alias")]
    [InlineData("bucket--ol-s3")]
    public void Bucket_refuses_names_s3_refuses(string name) => Assert.NotNull(AwsNames.Bucket(name));

    [Theory]
    [InlineData("abc")]
    [InlineData("twitch-sentiment-raw-123456789012-ap-southeast-2")]
    [InlineData("my.bucket.name")]
    public void Bucket_accepts_valid_names(string name) => Assert.Null(AwsNames.Bucket(name));

    [Theory]
    [InlineData("/twitch-sentiment/credentials", true)]
    [InlineData("twitch-credentials", true)]
    [InlineData("/twitch-sentiment/credentials.lock", true)]
    [InlineData("twitch/credentials", false)]
    [InlineData("/aws/credentials", false)]
    [InlineData("ssm-credentials", false)]
    [InlineData("/twitch//credentials", false)]
    [InlineData("/twitch credentials", false)]
    [InlineData("", false)]
    public void Parameter_follows_ssms_rules(string name, bool valid) => Assert.Equal(valid, AwsNames.Parameter(name) is null);

    [Theory]
    [InlineData("twitch-sentiment-scraper", true)]
    [InlineData("twitch_sentiment", true)]
    [InlineData("twitch.sentiment", false)]
    [InlineData("", false)]
    public void Function_follows_lambdas_rules(string name, bool valid) => Assert.Equal(valid, AwsNames.Function(name) is null);

    [Theory]
    [InlineData("twitch-sentiment-northernlion", true)]
    [InlineData("twitch-sentiment-a.b_c", true)]
    [InlineData("twitch sentiment", false)]
    [InlineData("twitch-sentiment-0123456789012345678901234567890123456789012345678", false)]
    public void Schedule_follows_the_schedulers_rules(string name, bool valid) => Assert.Equal(valid, AwsNames.Schedule(name) is null);

    [Theory]
    [InlineData("/aws/lambda/twitch-sentiment-scraper", true)]
    [InlineData("/aws/lambda/twitch sentiment", false)]
    public void LogGroup_follows_cloudwatchs_rules(string name, bool valid) => Assert.Equal(valid, AwsNames.LogGroup(name) is null);

    [Theory]
    [InlineData("alias/twitch-sentiment", true)]
    [InlineData("alias/aws/ssm", false)]
    [InlineData("twitch-sentiment", false)]
    public void KmsAlias_follows_kmss_rules(string name, bool valid) => Assert.Equal(valid, AwsNames.KmsAlias(name) is null);

    [Theory]
    [InlineData("12345", "eu-west-1", "the account id '12345' is not 12 digits")]
    [InlineData("123456789012", "", "aws:region is ''")]
    [InlineData("123456789012", "EU_WEST", "aws:region is 'EU_WEST'")]
    public void Build_refuses_an_account_or_region_that_cannot_name_a_bucket(string account, string region, string expected)
    {
        var error = Assert.Throws<DeploymentConfigException>(() => Model.Deployment.Build(DeploymentOptions.Default, new AwsAccount(account, region)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_refuses_a_group_name_that_cannot_name_a_schedule()
    {
        var error = Assert.Throws<DeploymentConfigException>(() => Some.Deployment((ConfigKeys.ChannelGroups, "{\"Speed Run\": [\"#a\"]}")));

        Assert.Contains("the group name 'Speed Run' names a schedule", error.Message, StringComparison.Ordinal);
    }
}

using TwitchSentiment.Deploy.Model;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>Reading the stack configuration, and the errors a wrong value gives.</summary>
public sealed class DeploymentOptionsTests
{
    [Fact]
    public void The_shipped_dev_stack_configuration_builds_a_deployment()
    {
        Dictionary<string, string> config = Some.DevStackConfig();

        Deployment deployment = Deployment.Build(DeploymentOptions.FromConfig(config), Some.Account with { Region = config["aws:region"] });

        Assert.Equal(["twitch-sentiment-northernlion", "twitch-sentiment-vinesauce", "twitch-sentiment-speedrun"], deployment.Schedules.Select(s => s.Name));
        Assert.Equal(TimeSpan.FromMinutes(13), deployment.Coverage.Period);
        Assert.All(deployment.Coverage.Windows, w => Assert.True(w.WorstCaseOverlap >= TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void FromConfig_reads_every_key()
    {
        DeploymentOptions options = Some.Options(
            ("aws:region", "eu-west-1"),
            (ConfigKeys.Channels, "[\"#NorthernLion\", \"xqc\"]"),
            (ConfigKeys.ChannelGroups, "{\"speedrun\": [\"#gamesdonequick\", \"esamarathon\"]}"),
            (ConfigKeys.SchedulePeriod, "10m"),
            (ConfigKeys.CaptureMinutes, "11.5"),
            (ConfigKeys.Overlap, "45s"),
            (ConfigKeys.StartupAllowance, "20s"),
            (ConfigKeys.SafetyMargin, "25s"),
            (ConfigKeys.LogRetentionDays, "30"),
            (ConfigKeys.RawRetentionDays, "7"),
            (ConfigKeys.ResultsRetentionDays, "365"),
            (ConfigKeys.UseKmsKey, "true"),
            (ConfigKeys.CredentialsParameter, "/bots/twitch"),
            (ConfigKeys.Anonymous, "false"),
            (ConfigKeys.ScraperZip, "out/s.zip"),
            (ConfigKeys.AnalyzerZip, "out/a.zip"),
            (ConfigKeys.ReporterZip, "out/r.zip"),
            (ConfigKeys.ScraperMemoryMb, "512"),
            (ConfigKeys.AnalyzerMemoryMb, "2048"),
            (ConfigKeys.ReporterMemoryMb, "1024"),
            (ConfigKeys.AnalyzerTimeout, "2m"),
            (ConfigKeys.ReporterTimeout, "90s"));

        Assert.Equal(["northernlion", "xqc", "speedrun"], options.ChannelGroups.Select(g => g.Name));
        Assert.Equal(["gamesdonequick", "esamarathon"], options.ChannelGroups[2].Channels.Select(c => c.Login));
        Assert.True(options.ChannelGroups[0].IsSingleChannel && !options.ChannelGroups[2].IsSingleChannel);
        Assert.Equal(TimeSpan.FromMinutes(10), options.SchedulePeriod);
        Assert.Equal(11.5m, options.CaptureMinutes);
        Assert.Equal(TimeSpan.FromSeconds(45), options.Overlap);
        Assert.Equal(TimeSpan.FromSeconds(20), options.StartupAllowance);
        Assert.Equal(TimeSpan.FromSeconds(25), options.SafetyMargin);
        Assert.Equal((30, 7, 365), (options.LogRetentionDays, options.RawRetentionDays, options.ResultsRetentionDays));
        Assert.True(options.UseKmsKey);
        Assert.False(options.Anonymous);
        Assert.Equal("/bots/twitch", options.CredentialsParameter);
        Assert.Equal(("out/s.zip", "out/a.zip", "out/r.zip"), (options.ScraperZip, options.AnalyzerZip, options.ReporterZip));
        Assert.Equal((512, 2048, 1024), (options.ScraperMemoryMb, options.AnalyzerMemoryMb, options.ReporterMemoryMb));
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(90)), (options.AnalyzerTimeout, options.ReporterTimeout));
    }

    [Fact]
    public void FromConfig_with_nothing_set_gives_the_documented_defaults()
    {
        DeploymentOptions options = Some.Options();

        Assert.Equal(DeploymentOptions.Default with { ChannelGroups = options.ChannelGroups }, options);
        Assert.Empty(options.ChannelGroups);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Overlap);
        Assert.Equal(TimeSpan.FromSeconds(20), options.SafetyMargin);
    }

    [Fact]
    public void The_default_zips_are_where_the_build_script_writes_them()
    {
        // functions/build.sh names each zip "twitch-sentiment-$kind" in artifacts/functions: the defaults must agree,
        // or a deploy right after a build points at files that are not there
        string script = Some.BuildScript();
        Assert.Contains("out=\"${1:-$root/artifacts/functions}\"", script, StringComparison.Ordinal);
        Assert.Contains("name=\"twitch-sentiment-$kind\"", script, StringComparison.Ordinal);
        Assert.Contains("zip -q -X -9 \"$out/$name.zip\"", script, StringComparison.Ordinal);
        DeploymentOptions options = DeploymentOptions.Default;
        Assert.Equal(
            ["artifacts/functions/twitch-sentiment-scraper.zip", "artifacts/functions/twitch-sentiment-analyzer.zip", "artifacts/functions/twitch-sentiment-reporter.zip"],
            new[] { options.ScraperZip, options.AnalyzerZip, options.ReporterZip });
    }

    [Theory]
    [InlineData("a, b c")]
    [InlineData("[\"#a\", \"#B\", \"c\"]")]
    public void FromConfig_reads_channels_as_a_list_or_as_names_separated_by_commas_or_spaces(string channels)
    {
        DeploymentOptions options = Some.Options((ConfigKeys.Channels, channels));

        Assert.Equal(["a", "b", "c"], options.ChannelGroups.Select(g => g.Channels.Single().Login));
    }

    [Theory]
    [InlineData("[\"#north lion\"]", "twitch-sentiment:channels: the channel name \"north lion\" has a space at position 6")]
    [InlineData("[\"#waytoolongforatwitchlogin_x\"]", "is longer than 25 characters")]
    [InlineData("[\"\"]", "a channel name is empty")]
    [InlineData("[\"a\\r\\nJOIN #x\"]", "has a carriage return at position 2")]
    [InlineData("[42]", "twitch-sentiment:channels holds 42, which is not a channel name")]
    [InlineData("[\"#a\"", "twitch-sentiment:channels is not a list of channels")]
    public void FromConfig_names_the_key_and_the_reason_for_a_bad_channel(string channels, string expected)
    {
        var error = Assert.Throws<DeploymentConfigException>(() => Some.Options((ConfigKeys.Channels, channels)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfig_names_the_group_of_a_bad_channel()
    {
        var error = Assert.Throws<DeploymentConfigException>(() =>
            Some.Options((ConfigKeys.ChannelGroups, "{\"speedrun\": [\"#ok\", \"#not,ok\"]}")));

        Assert.Contains("twitch-sentiment:channelGroups.speedrun: the channel name \"not,ok\" has a comma at position 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"#a\"]", "must be a map of group name to a list of channels")]
    [InlineData("{\"g\": \"#a\"}", "twitch-sentiment:channelGroups.g must be a list of channels")]
    public void FromConfig_refuses_channel_groups_that_are_not_a_map_of_lists(string groups, string expected)
    {
        var error = Assert.Throws<DeploymentConfigException>(() => Some.Options((ConfigKeys.ChannelGroups, groups)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConfigKeys.Overlap, "soon", "twitch-sentiment:overlap is 'soon', not a duration")]
    [InlineData(ConfigKeys.CaptureMinutes, "ten", "twitch-sentiment:captureMinutes is 'ten', not a number of minutes")]
    [InlineData(ConfigKeys.LogRetentionDays, "1.5", "twitch-sentiment:logRetentionDays is '1.5', not a whole number")]
    [InlineData(ConfigKeys.UseKmsKey, "yes", "twitch-sentiment:useKmsKey is 'yes'; write true or false")]
    [InlineData("twitch-sentiment:chanels", "a", "twitch-sentiment:chanels is not a setting of this project")]
    public void FromConfig_names_the_key_of_a_value_it_cannot_read(string key, string value, string expected)
    {
        var error = Assert.Throws<DeploymentConfigException>(() => Some.Options((key, value)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfig_lists_every_problem_at_once()
    {
        var error = Assert.Throws<DeploymentConfigException>(() =>
            Some.Options((ConfigKeys.Channels, "bad name"), (ConfigKeys.Overlap, "x"), (ConfigKeys.Anonymous, "maybe")));

        // "bad name" is read as two names (bad, name), both valid; the other two are errors.
        Assert.Equal(2, error.Problems.Count);
        Assert.StartsWith("The deployment configuration cannot be deployed (2 problems):", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfig_ignores_keys_of_other_namespaces()
    {
        DeploymentOptions options = Some.Options(("aws:region", "eu-west-1"), ("aws:profile", "dev"));

        Assert.Empty(options.ChannelGroups);
    }

    [Theory]
    [InlineData(ConfigKeys.LogRetentionDays, "10", "twitch-sentiment:logRetentionDays is 10; CloudWatch Logs keeps events for one of 1, 3, 5")]
    [InlineData(ConfigKeys.RawRetentionDays, "-1", "not a whole number")]
    [InlineData(ConfigKeys.ScraperZip, "artifacts/functions/scraper", "twitch-sentiment:scraperZip is 'artifacts/functions/scraper'; give the function's deployment zip")]
    [InlineData(ConfigKeys.AnalyzerMemoryMb, "64", "twitch-sentiment:analyzerMemoryMb is 64; Lambda functions have 128 to 10240 MB")]
    [InlineData(ConfigKeys.ReporterTimeout, "16m", "twitch-sentiment:reporterTimeout is 16m; a Lambda timeout is whole seconds from 1s to 900s")]
    [InlineData(ConfigKeys.CredentialsParameter, "aws-creds", "twitch-sentiment:credentialsParameter is 'aws-creds': a parameter name does not begin with aws or ssm")]
    [InlineData(ConfigKeys.CredentialsParameter, "twitch/creds", "a parameter name with '/' begins with '/'")]
    public void Build_names_the_key_of_a_value_out_of_range(string key, string value, string expected)
    {
        var error = Assert.Throws<DeploymentConfigException>(() => Some.Deployment((key, value)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using TwitchSentiment.Deploy.Model;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>One EventBridge schedule per channel or group, with the scraper's payload and the planned period.</summary>
public sealed class ScheduleTests
{
    [Fact]
    public void A_channel_alone_gets_a_channel_payload_and_a_group_a_channels_payload()
    {
        Deployment deployment = Some.Deployment(
            (ConfigKeys.Channels, "NorthernLion"),
            (ConfigKeys.ChannelGroups, "{\"speedrun\": [\"#gamesdonequick\", \"esamarathon\"]}"));

        Assert.Collection(
            deployment.Schedules,
            solo =>
            {
                Assert.Equal("twitch-sentiment-northernlion", solo.Name);
                Assert.Equal("{\"channel\":\"#northernlion\",\"minutes\":14}", solo.Input);
            },
            group =>
            {
                Assert.Equal("twitch-sentiment-speedrun", group.Name);
                Assert.Equal("{\"channels\":[\"#gamesdonequick\",\"#esamarathon\"],\"minutes\":14}", group.Input);
            });
        Assert.All(deployment.Schedules, s =>
        {
            Assert.Equal("rate(13 minutes)", s.Expression);
            Assert.Equal(deployment.Scraper, s.Target);
            Assert.Equal(deployment.SchedulerRole, s.Role);
        });
    }

    [Fact]
    public void The_payload_minutes_is_the_planned_capture()
    {
        Deployment deployment = Some.Deployment((ConfigKeys.Channels, "a"), (ConfigKeys.SchedulePeriod, "10m"), (ConfigKeys.StartupAllowance, "45s"));

        ScheduleSpec schedule = Assert.Single(deployment.Schedules);
        using var payload = JsonDocument.Parse(schedule.Input);
        Assert.Equal(11.25m, payload.RootElement.GetProperty("minutes").GetDecimal());
        Assert.Equal(schedule.Window.CaptureMinutes, payload.RootElement.GetProperty("minutes").GetDecimal());
    }

    [Fact]
    public void Without_scheduled_channels_there_is_no_schedule_and_no_scheduler_role()
    {
        Deployment deployment = Some.Deployment();

        Assert.Empty(deployment.Schedules);
        Assert.Null(deployment.SchedulerRole);
        Assert.Equal(3, deployment.Roles.Count);
    }

    [Fact]
    public void A_late_delivery_is_retried_only_while_it_can_still_cover_its_window()
    {
        ScheduleSpec schedule = Assert.Single(Some.Deployment((ConfigKeys.Channels, "a")).Schedules);

        Assert.Equal(TimeSpan.FromSeconds(60), schedule.MaximumEventAge);
        Assert.InRange(schedule.RetryAttempts, 0, 185);
    }

    [Fact]
    public void A_channel_scheduled_twice_is_an_error()
    {
        var error = Assert.Throws<DeploymentConfigException>(() =>
            Some.Deployment((ConfigKeys.Channels, "a"), (ConfigKeys.ChannelGroups, "{\"g\": [\"#b\", \"#A\"]}")));

        Assert.Contains("#a is scheduled twice (twitch-sentiment:channels and twitch-sentiment:channelGroups.g)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_named_like_a_channel_alone_is_an_error()
    {
        var error = Assert.Throws<DeploymentConfigException>(() =>
            Some.Deployment((ConfigKeys.Channels, "a"), (ConfigKeys.ChannelGroups, "{\"a\": [\"#b\"]}")));

        Assert.Contains("'a' names two schedules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_twenty_logged_in_channels_starting_together_is_an_error_that_offers_anonymous_reading()
    {
        string channels = string.Join(",", Enumerable.Range(0, 21).Select(i => $"c{i}"));

        var error = Assert.Throws<DeploymentConfigException>(() => Some.Deployment((ConfigKeys.Channels, channels)));

        Assert.Contains("21 scheduled channels in 21 groups would log in as one Twitch account", error.Message, StringComparison.Ordinal);
        Assert.Contains("Set twitch-sentiment:anonymous to true", error.Message, StringComparison.Ordinal);
        Assert.Equal(21, Some.Deployment((ConfigKeys.Channels, channels), (ConfigKeys.Anonymous, "true")).Schedules.Count);
    }

    [Fact]
    public void Ninety_logged_in_channels_in_one_group_pace_their_own_joins()
    {
        string group = string.Join(", ", Enumerable.Range(0, 90).Select(i => $"\"c{i}\""));

        Deployment deployment = Some.Deployment((ConfigKeys.ChannelGroups, $"{{\"all\": [{group}]}}"));

        CaptureWindow window = Assert.Single(deployment.Schedules).Window;
        Assert.Equal(TimeSpan.FromSeconds(40), window.JoinTime);
        Assert.True(window.WorstCaseOverlap >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Outputs_name_the_buckets_functions_schedules_and_the_commands_to_run()
    {
        Deployment deployment = Some.Deployment((ConfigKeys.Channels, "#northernlion"));

        Dictionary<string, string> outputs = deployment.Outputs.ToDictionary();

        Assert.Equal(deployment.RawBucket.Name, outputs["rawBucket"]);
        Assert.Equal(deployment.ResultsBucket.Name, outputs["resultsBucket"]);
        Assert.Equal("twitch-sentiment-scraper", outputs["scraperFunction"]);
        Assert.Equal("twitch-sentiment-analyzer", outputs["analyzerFunction"]);
        Assert.Equal("twitch-sentiment-reporter", outputs["reporterFunction"]);
        Assert.Equal(
            "aws lambda invoke --function-name twitch-sentiment-scraper --cli-binary-format raw-in-base64-out --cli-read-timeout 900 --payload '{\"channel\":\"#northernlion\"}' out.json",
            outputs["invokeCommand"]);
        Assert.Equal("13m", outputs["schedulePeriod"]);
        Assert.Equal("twitch-sentiment-northernlion (14 min)", outputs["schedules"]);
        Assert.Equal("860s", outputs["scraperTimeout"]);
        Assert.Equal("/twitch-sentiment/credentials", outputs["credentialsParameter"]);
        Assert.Equal("twitch-sentiment auth init --ssm /twitch-sentiment/credentials", outputs["setCredentialsCommand"]);
    }
}

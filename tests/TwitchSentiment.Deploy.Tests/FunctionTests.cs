using TwitchSentiment.Deploy.Model;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>The functions, buckets, parameter and log groups match the Lambda hosts' contract and Lambda's limits.</summary>
public sealed class FunctionTests
{
    [Theory]
    [MemberData(nameof(Some.Variants), MemberType = typeof(Some))]
    public void Timeouts_are_within_lambdas_limit_and_the_scraper_outlives_every_scheduled_capture(string variant)
    {
        Deployment deployment = Some.Variant(variant);

        Assert.All(deployment.Functions, f => Assert.InRange(f.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(900)));
        Assert.All(deployment.Functions, f => Assert.Equal(0, f.Timeout.Ticks % TimeSpan.TicksPerSecond));
        Assert.All(deployment.Schedules, s => Assert.True(
            s.Window.Capture + deployment.Options.SafetyMargin <= deployment.Scraper.Timeout,
            $"{s.Name}: {s.Window.Capture} + margin > {deployment.Scraper.Timeout}"));
        // A manual invocation may ask for the longest capture, 14 minutes, and still stop before its margin.
        Assert.Equal(TimeSpan.FromMinutes(14) + deployment.Options.SafetyMargin, deployment.Scraper.Timeout);
    }

    [Fact]
    public void Functions_run_the_native_bootstrap_on_al2023_x86_64_from_the_configured_zips()
    {
        Deployment deployment = Some.Deployment((ConfigKeys.AnalyzerZip, "out/analyzer.zip"));

        Assert.Equal(("provided.al2023", "bootstrap", "x86_64"), (FunctionSpec.Runtime, FunctionSpec.Handler, FunctionSpec.Architecture));
        Assert.Equal(
            ["artifacts/functions/twitch-sentiment-scraper.zip", "out/analyzer.zip", "artifacts/functions/twitch-sentiment-reporter.zip"],
            deployment.Functions.Select(f => f.ZipPath));
        Assert.Equal([256, 1024, 512], deployment.Functions.Select(f => f.MemoryMb));
    }

    [Fact]
    public void Environment_is_what_each_function_reads()
    {
        Deployment deployment = Some.Deployment();
        string raw = deployment.RawBucket.Name, results = deployment.ResultsBucket.Name;

        Assert.Equal(
            new Dictionary<string, string> { ["RAW_BUCKET"] = raw, ["TWITCH_CREDENTIALS_PARAMETER"] = "/twitch-sentiment/credentials" },
            deployment.Scraper.Environment);
        Assert.Equal(new Dictionary<string, string> { ["RAW_BUCKET"] = raw, ["RESULTS_BUCKET"] = results }, deployment.Analyzer.Environment);
        Assert.Equal(new Dictionary<string, string> { ["RESULTS_BUCKET"] = results }, deployment.Reporter.Environment);
    }

    [Fact]
    public void A_failed_capture_is_not_retried_but_idempotent_steps_are()
    {
        Deployment deployment = Some.Deployment();

        Assert.Equal([0, 2, 2], deployment.Functions.Select(f => f.AsyncRetryAttempts));
    }

    [Fact]
    public void An_invocation_that_failed_every_attempt_is_kept_for_fourteen_days_in_one_queue()
    {
        Deployment deployment = Some.Deployment();
        QueueSpec queue = deployment.FailedEvents;

        Assert.Equal("twitch-sentiment-failed-events", queue.Name);
        Assert.Equal($"arn:aws:sqs:{deployment.Account.Region}:{deployment.Account.AccountId}:twitch-sentiment-failed-events", queue.Arn);
        Assert.Equal($"https://sqs.{deployment.Account.Region}.amazonaws.com/{deployment.Account.AccountId}/twitch-sentiment-failed-events", queue.Url);
        Assert.Equal(TimeSpan.FromDays(14), queue.Retention); // SQS's longest
        Assert.All(deployment.Functions, f => Assert.Same(queue, f.FailedEvents));
        Assert.StartsWith(
            "https://sqs.cn-north-1.amazonaws.com.cn/",
            Deployment.Build(Some.Options(), new AwsAccount("123456789012", "cn-north-1", "aws-cn")).FailedEvents.Url,
            StringComparison.Ordinal);
        Assert.Equal(
            $"aws sqs receive-message --queue-url {queue.Url} --max-number-of-messages 10 --wait-time-seconds 20",
            deployment.Outputs.ToDictionary()["failedEventsCommand"]);
    }

    [Fact]
    public void Log_groups_keep_events_for_the_configured_days()
    {
        Deployment deployment = Some.Deployment((ConfigKeys.LogRetentionDays, "30"));

        Assert.All(deployment.Functions, f => Assert.Equal(30, f.LogGroup.RetentionDays));
    }

    [Fact]
    public void Raw_logs_expire_and_unfinished_uploads_are_aborted_in_both_buckets()
    {
        Deployment deployment = Some.Deployment((ConfigKeys.RawRetentionDays, "45"));

        Assert.Equal(
            [new LifecycleRule("expire-raw-logs", "raw/", 45, null), new LifecycleRule("abort-incomplete-multipart-uploads", "", null, 1)],
            deployment.RawBucket.LifecycleRules);
        Assert.Equal([new LifecycleRule("abort-incomplete-multipart-uploads", "", null, 1)], deployment.ResultsBucket.LifecycleRules);
    }

    [Fact]
    public void Retention_zero_keeps_raw_logs_and_a_results_retention_expires_results_and_reports()
    {
        Deployment deployment = Some.Variant("retention");

        Assert.DoesNotContain(deployment.RawBucket.LifecycleRules, r => r.ExpireAfterDays is not null);
        Assert.Equal(
            [("results/", 365), ("reports/", 365)],
            deployment.ResultsBucket.LifecycleRules.Where(r => r.ExpireAfterDays is not null).Select(r => (r.Prefix, r.ExpireAfterDays!.Value)));
    }

    [Fact]
    public void The_credentials_parameter_is_created_with_a_placeholder_and_names_its_lock()
    {
        Deployment deployment = Some.Variant("kms");
        ParameterSpec parameter = deployment.CredentialsParameter!;

        Assert.Equal("arn:aws:ssm:eu-west-1:123456789012:parameter/twitch-sentiment/credentials", parameter.Arn);
        Assert.Equal(parameter.Arn + ".lock", parameter.LockArn);
        Assert.True(parameter.UsesStackKey);
        Assert.Equal("alias/twitch-sentiment", deployment.KmsKey!.Alias);
        Assert.Contains("twitch-sentiment auth init --ssm", ParameterSpec.PlaceholderValue, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_name_without_a_path_gets_an_arn_with_one_slash()
    {
        Deployment deployment = Some.Deployment((ConfigKeys.CredentialsParameter, "twitch-credentials"));

        Assert.Equal("arn:aws:ssm:eu-west-1:123456789012:parameter/twitch-credentials", deployment.CredentialsParameter!.Arn);
    }
}

using TwitchSentiment.Deploy.Model;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>The S3 notifications chain scraper → analyzer → reporter and can never feed a function its own output.</summary>
public sealed class NotificationTests
{
    [Theory]
    [MemberData(nameof(Some.Variants), MemberType = typeof(Some))]
    public void No_notification_can_trigger_the_function_that_wrote_the_object(string variant)
    {
        Deployment deployment = Some.Variant(variant);

        (string Writer, string Triggered)[] edges = [.. PolicyChecks.TriggerEdges(deployment.Functions, deployment.Notifications)];

        Assert.DoesNotContain(edges, e => e.Writer == e.Triggered);
        Assert.Null(PolicyChecks.FindCycle(edges));
        Assert.Equal(
            [("twitch-sentiment-scraper", "twitch-sentiment-analyzer"), ("twitch-sentiment-analyzer", "twitch-sentiment-reporter")],
            edges.Distinct());
    }

    [Fact]
    public void The_trigger_check_finds_a_function_that_would_trigger_itself()
    {
        Deployment deployment = Some.Deployment();
        // The reporter writing under results/ (where the reporter is notified) instead of reports/.
        RoleSpec role = deployment.Reporter.Role with
        {
            Statements = [new PolicyStatement("Broken", ["s3:PutObject"], [deployment.ResultsBucket.ObjectsArn("results/")], [])],
        };
        FunctionSpec reporter = deployment.Reporter with { Role = role };

        var edges = PolicyChecks.TriggerEdges([deployment.Scraper, deployment.Analyzer, reporter], deployment.Notifications).ToList();

        Assert.Contains(("twitch-sentiment-reporter", "twitch-sentiment-reporter"), edges);
        Assert.NotNull(PolicyChecks.FindCycle(edges));
    }

    [Fact]
    public void The_cycle_check_finds_a_loop_through_two_functions() =>
        Assert.Equal(["a", "b", "a"], PolicyChecks.FindCycle([("a", "b"), ("b", "a")]));

    [Fact]
    public void Raw_logs_notify_the_analyzer_and_summaries_notify_the_reporter()
    {
        Deployment deployment = Some.Deployment();

        Assert.Collection(
            deployment.Notifications,
            raw =>
            {
                Assert.Equal((deployment.RawBucket, deployment.Analyzer), (raw.Bucket, raw.Function));
                Assert.Equal(("raw/", ".log.gz"), (raw.FilterPrefix, raw.FilterSuffix));
                Assert.Equal(["s3:ObjectCreated:*"], raw.Events);
            },
            results =>
            {
                Assert.Equal((deployment.ResultsBucket, deployment.Reporter), (results.Bucket, results.Function));
                Assert.Equal(("results/", ".summary.json"), (results.FilterPrefix, results.FilterSuffix));
                Assert.Equal(["s3:ObjectCreated:*"], results.Events);
            });
    }

    // Keys as the pipeline writes them (LogKeys): which function, if any, each one starts.
    [Theory]
    [InlineData("raw", "raw/northernlion/2025/11/24/20251124T174012Z-0a1b2c.log.gz", "twitch-sentiment-analyzer")]
    [InlineData("results", "results/northernlion/2025/11/24/20251124T174012Z-0a1b2c.summary.json", "twitch-sentiment-reporter")]
    [InlineData("results", "results/northernlion/2025/11/24/20251124T174012Z-0a1b2c.csv", null)]
    [InlineData("results", "results/northernlion/2025/11/24/20251124T174012Z-0a1b2c.jsonl", null)]
    [InlineData("results", "results/northernlion/2025/11/24/20251124T174012Z-0a1b2c.errors.json", null)]
    [InlineData("results", "reports/northernlion/2025/11/24.json", null)]
    [InlineData("results", "reports/northernlion/2025/11/24.html", null)]
    [InlineData("raw", "results/northernlion/2025/11/24/x.summary.json", null)]
    public void Each_key_the_pipeline_writes_starts_at_most_the_next_step(string bucket, string key, string? expected)
    {
        Deployment deployment = Some.Deployment();
        BucketSpec written = bucket == "raw" ? deployment.RawBucket : deployment.ResultsBucket;

        string[] started =
        [
            .. deployment.Notifications
                .Where(n => n.Bucket == written && key.StartsWith(n.FilterPrefix, StringComparison.Ordinal) && key.EndsWith(n.FilterSuffix, StringComparison.Ordinal))
                .Select(n => n.Function.Name),
        ];

        Assert.Equal(expected is null ? [] : [expected], started);
    }

    [Fact]
    public void S3_may_invoke_a_function_only_from_its_bucket_in_this_account()
    {
        Deployment deployment = Some.Deployment();

        Assert.All(deployment.Notifications, n =>
        {
            Assert.Equal(n.Function, n.Permission.Function);
            Assert.Equal("s3.amazonaws.com", n.Permission.Principal);
            Assert.Equal(n.Bucket.Arn, n.Permission.SourceArn);
            Assert.Equal("123456789012", n.Permission.SourceAccount);
            Assert.Equal("lambda:InvokeFunction", LambdaPermissionSpec.Action);
        });
        Assert.Equal(2, deployment.Notifications.Select(n => n.Permission.StatementId).Distinct().Count());
    }
}

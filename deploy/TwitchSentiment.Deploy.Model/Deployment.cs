using System.Globalization;
using System.Text;
using System.Text.Json;
using TwitchSentiment.Deploy.Model.Internal;

namespace TwitchSentiment.Deploy.Model;

/// <summary>
/// Everything <c>pulumi up</c> creates, resolved to names and ARNs: two buckets, the credentials parameter (and a KMS
/// key, if configured), three functions with their roles and log groups, the S3 notifications that chain them, and
/// one EventBridge schedule per channel group. The Pulumi program maps each item onto one Pulumi.Aws resource.
/// </summary>
public sealed class Deployment
{
    /// <summary>Stands for the stack key's ARN in policies until the key exists (see <see cref="RoleSpec.PolicyJson"/>).</summary>
    public const string KmsKeyArnToken = "${kms-key-arn}";

    /// <summary>The prefix of every name.</summary>
    public const string NamePrefix = "twitch-sentiment";

    /// <summary>Where raw logs are written in the raw bucket.</summary>
    public const string RawPrefix = "raw/";

    /// <summary>Where results are written in the results bucket.</summary>
    public const string ResultsPrefix = "results/";

    /// <summary>Where reports are written in the results bucket.</summary>
    public const string ReportsPrefix = "reports/";

    /// <summary>The S3 event that starts the next step.</summary>
    public const string ObjectCreated = "s3:ObjectCreated:*";

    private Deployment(DeploymentOptions options, AwsAccount account, CoveragePlan coverage)
    {
        Options = options;
        Account = account;
        Coverage = coverage;
        string p = account.Partition;
        string suffix = $"{account.AccountId}-{account.Region}";

        RawBucket = new BucketSpec(
            "raw-bucket",
            $"{NamePrefix}-raw-{suffix}",
            $"arn:{p}:s3:::{NamePrefix}-raw-{suffix}",
            [
                .. options.RawRetentionDays > 0 ? [new LifecycleRule("expire-raw-logs", RawPrefix, options.RawRetentionDays, null)] : Array.Empty<LifecycleRule>(),
                new LifecycleRule("abort-incomplete-multipart-uploads", string.Empty, null, 1),
            ]);
        ResultsBucket = new BucketSpec(
            "results-bucket",
            $"{NamePrefix}-results-{suffix}",
            $"arn:{p}:s3:::{NamePrefix}-results-{suffix}",
            [
                .. options.ResultsRetentionDays > 0
                    ? [new LifecycleRule("expire-results", ResultsPrefix, options.ResultsRetentionDays, null), new LifecycleRule("expire-reports", ReportsPrefix, options.ResultsRetentionDays, null)]
                    : Array.Empty<LifecycleRule>(),
                new LifecycleRule("abort-incomplete-multipart-uploads", string.Empty, null, 1),
            ]);

        if (!options.Anonymous)
        {
            KmsKey = options.UseKmsKey ? new KmsKeySpec("credentials-key", $"alias/{NamePrefix}", "Encrypts the TwitchSentiment credentials parameter") : null;
            string name = options.CredentialsParameter;
            string arn = $"arn:{p}:ssm:{account.Region}:{account.AccountId}:parameter/{name.TrimStart('/')}";
            CredentialsParameter = new ParameterSpec("credentials-parameter", name, arn, arn + ".lock", options.UseKmsKey);
        }

        string queue = $"{NamePrefix}-failed-events";
        FailedEvents = new QueueSpec(
            "failed-events", queue, $"arn:{p}:sqs:{account.Region}:{account.AccountId}:{queue}",
            $"https://sqs.{account.Region}.{account.DnsSuffix}/{account.AccountId}/{queue}", TimeSpan.FromDays(14));
        Scraper = Function("scraper", options.ScraperZip, options.ScraperMemoryMb, coverage.ScraperTimeout, asyncRetries: 0,
            CredentialsParameter is null
                ? new Dictionary<string, string>(StringComparer.Ordinal) { ["RAW_BUCKET"] = RawBucket.Name }
                : new Dictionary<string, string>(StringComparer.Ordinal) { ["RAW_BUCKET"] = RawBucket.Name, ["TWITCH_CREDENTIALS_PARAMETER"] = CredentialsParameter.Name },
            log => ScraperStatements(log));
        Analyzer = Function("analyzer", options.AnalyzerZip, options.AnalyzerMemoryMb, options.AnalyzerTimeout, asyncRetries: 2,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["RAW_BUCKET"] = RawBucket.Name, ["RESULTS_BUCKET"] = ResultsBucket.Name },
            log =>
            [
                Allow("ReadRawLogs", ["s3:GetObject"], RawBucket.ObjectsArn(RawPrefix)),
                Allow("FindRawLogs", ["s3:ListBucket"], RawBucket.Arn),
                Allow("WriteResults", ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"], ResultsBucket.ObjectsArn(ResultsPrefix)),
                Allow("FindResults", ["s3:ListBucket"], ResultsBucket.Arn),
                OwnLogs(log),
            ]);
        Reporter = Function("reporter", options.ReporterZip, options.ReporterMemoryMb, options.ReporterTimeout, asyncRetries: 2,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["RESULTS_BUCKET"] = ResultsBucket.Name },
            log =>
            [
                Allow("ReadResults", ["s3:GetObject"], ResultsBucket.ObjectsArn(ResultsPrefix)),
                Allow("ListResults", ["s3:ListBucket"], ResultsBucket.Arn) with
                {
                    Conditions = [new PolicyCondition("StringLike", "s3:prefix", [ResultsPrefix + "*"])],
                },
                Allow("WriteReports", ["s3:PutObject", "s3:AbortMultipartUpload"], ResultsBucket.ObjectsArn(ReportsPrefix)),
                OwnLogs(log),
            ]);

        Notifications =
        [
            Notify(RawBucket, Analyzer, RawPrefix, ".log.gz"),
            Notify(ResultsBucket, Reporter, ResultsPrefix, ".summary.json"),
        ];

        if (coverage.Windows.Count > 0)
        {
            string roleName = $"{NamePrefix}-scheduler";
            SchedulerRole = new RoleSpec(
                "scheduler-role",
                roleName,
                $"arn:{p}:iam::{account.AccountId}:role/{roleName}",
                "scheduler.amazonaws.com",
                [new PolicyCondition("StringEquals", "aws:SourceAccount", [account.AccountId])],
                [Allow("InvokeScraper", ["lambda:InvokeFunction"], Scraper.Arn)]);
            Schedules = [.. coverage.Windows.Select(window => new ScheduleSpec(
                $"schedule-{window.Group.Name}",
                $"{NamePrefix}-{window.Group.Name}",
                coverage.ScheduleExpression,
                Scraper,
                SchedulerRole,
                Payload(window),
                window,
                RetryAttempts: 3,
                MaximumEventAge: TimeSpan.FromSeconds(60)))];
        }
        else
        {
            Schedules = [];
        }
    }

    /// <summary>The options it was built from.</summary>
    public DeploymentOptions Options { get; }

    /// <summary>The account and region.</summary>
    public AwsAccount Account { get; }

    /// <summary>The schedule period, capture durations, overlaps and the scraper's timeout.</summary>
    public CoveragePlan Coverage { get; }

    /// <summary>Raw logs (<c>raw/…log.gz</c>), written by the scraper.</summary>
    public BucketSpec RawBucket { get; }

    /// <summary>Results (<c>results/…</c>, by the analyzer) and reports (<c>reports/…</c>, by the reporter).</summary>
    public BucketSpec ResultsBucket { get; }

    /// <summary>Both buckets.</summary>
    public IReadOnlyList<BucketSpec> Buckets => [RawBucket, ResultsBucket];

    /// <summary>The key encrypting the credentials parameter, when <see cref="DeploymentOptions.UseKmsKey"/>.</summary>
    public KmsKeySpec? KmsKey { get; }

    /// <summary>The credentials parameter; null when the scraper reads anonymously.</summary>
    public ParameterSpec? CredentialsParameter { get; }

    /// <summary>
    /// Every function's on-failure destination: an asynchronous invocation (a schedule's capture, an S3 event) that
    /// failed every attempt is kept here with its event and error for 14 days, instead of being dropped.
    /// </summary>
    public QueueSpec FailedEvents { get; }

    /// <summary>Captures chat to raw logs.</summary>
    public FunctionSpec Scraper { get; }

    /// <summary>Scores a raw log into results.</summary>
    public FunctionSpec Analyzer { get; }

    /// <summary>Builds a channel-day report from its results.</summary>
    public FunctionSpec Reporter { get; }

    /// <summary>The three functions.</summary>
    public IReadOnlyList<FunctionSpec> Functions => [Scraper, Analyzer, Reporter];

    /// <summary>The role EventBridge Scheduler assumes; null without schedules.</summary>
    public RoleSpec? SchedulerRole { get; }

    /// <summary>Every role: the functions' and the scheduler's.</summary>
    public IReadOnlyList<RoleSpec> Roles => [.. Functions.Select(f => f.Role), .. SchedulerRole is null ? [] : new[] { SchedulerRole }];

    /// <summary>Raw bucket → analyzer, results bucket → reporter.</summary>
    public IReadOnlyList<BucketNotificationSpec> Notifications { get; }

    /// <summary>One schedule per channel group.</summary>
    public IReadOnlyList<ScheduleSpec> Schedules { get; }

    /// <summary>The stack outputs, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Outputs
    {
        get
        {
            string channel = Schedules.Count > 0 ? Schedules[0].Window.Group.Channels[0].ToString() : "#northernlion";
            var outputs = new List<KeyValuePair<string, string>>
            {
                new("rawBucket", RawBucket.Name),
                new("resultsBucket", ResultsBucket.Name),
                new("scraperFunction", Scraper.Name),
                new("analyzerFunction", Analyzer.Name),
                new("reporterFunction", Reporter.Name),
                new("invokeCommand", $"aws lambda invoke --function-name {Scraper.Name} --cli-binary-format raw-in-base64-out --cli-read-timeout 900 --payload '{{\"channel\":\"{channel}\"}}' out.json"),
                new("schedulePeriod", Schedules.Count > 0 ? DurationText.Format(Coverage.Period) : "no schedules"),
                new("schedules", string.Join(", ", Schedules.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} ({s.Window.CaptureMinutes} min)")))),
                new("scraperTimeout", DurationText.Format(Scraper.Timeout)),
                new("failedEventsQueue", FailedEvents.Name),
                new("failedEventsCommand", $"aws sqs receive-message --queue-url {FailedEvents.Url} --max-number-of-messages 10 --wait-time-seconds 20"),
            };
            if (CredentialsParameter is not null)
            {
                outputs.Add(new("credentialsParameter", CredentialsParameter.Name));
                outputs.Add(new("setCredentialsCommand", $"twitch-sentiment auth init --ssm {CredentialsParameter.Name}"));
            }

            return outputs;
        }
    }

    /// <summary>Builds the deployment of <paramref name="options"/> into <paramref name="account"/>.</summary>
    /// <exception cref="DeploymentConfigException">The configuration cannot be deployed; the message lists every problem with its key and fix.</exception>
    public static Deployment Build(DeploymentOptions options, AwsAccount account)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(account);
        var problems = new List<string>();
        Validate(options, account, problems);
        CoveragePlan? coverage = CoveragePlan.Create(options, problems);
        if (problems.Count > 0 || coverage is null)
        {
            throw new DeploymentConfigException(problems);
        }

        var deployment = new Deployment(options, account, coverage);
        CheckNames(deployment, problems);
        return problems.Count > 0 ? throw new DeploymentConfigException(problems) : deployment;
    }

    private static void Validate(DeploymentOptions options, AwsAccount account, List<string> problems)
    {
        if (account.AccountId.Length != 12 || !account.AccountId.All(char.IsAsciiDigit))
        {
            problems.Add($"the account id '{account.AccountId}' is not 12 digits.");
        }

        if (account.Region.Length == 0 || account.Region.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-") >= 0)
        {
            problems.Add($"aws:region is '{account.Region}'; set it to a region such as eu-west-1 (pulumi config set aws:region eu-west-1).");
        }

        var seenChannels = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (ChannelGroup group in options.ChannelGroups)
        {
            if (!group.IsSingleChannel && (group.Name.Length is 0 or > 40 || group.Name.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-_") >= 0))
            {
                problems.Add($"{ConfigKeys.ChannelGroups}: the group name '{group.Name}' names a schedule; use 1 to 40 lowercase letters, digits, '-' and '_'.");
            }

            if (!seenGroups.Add(group.Name))
            {
                problems.Add($"{ConfigKeys.ChannelGroups}: '{group.Name}' names two schedules (a group, or a channel listed alone); rename the group.");
            }

            foreach (TwitchSentiment.Irc.ChannelName channel in group.Channels)
            {
                string where = group.IsSingleChannel ? ConfigKeys.Channels : $"{ConfigKeys.ChannelGroups}.{group.Name}";
                if (!seenChannels.TryAdd(channel.Login, where))
                {
                    problems.Add($"{channel} is scheduled twice ({seenChannels[channel.Login]} and {where}); list each channel once, or its windows double.");
                }
            }
        }

        int total = seenChannels.Count;
        if (!options.Anonymous && options.ChannelGroups.Count > 1 && total > CoveragePlan.JoinsPerWindow)
        {
            problems.Add(
                $"{total} scheduled channels in {options.ChannelGroups.Count} groups would log in as one Twitch account and join together at every window start, " +
                $"more than Twitch's {CoveragePlan.JoinsPerWindow} JOINs per 10 s per account (each invocation paces only its own). " +
                $"Set {ConfigKeys.Anonymous} to true (reading chat needs no account), put the channels in one group of at most {CoveragePlan.MaxChannelsPerConnection}, or schedule at most {CoveragePlan.JoinsPerWindow}.");
        }

        if (!options.Anonymous && AwsNames.Parameter(options.CredentialsParameter) is { } badParameter)
        {
            problems.Add($"{ConfigKeys.CredentialsParameter} is '{options.CredentialsParameter}': {badParameter}.");
        }

        if (!AwsNames.LogRetentionDays.Contains(options.LogRetentionDays))
        {
            problems.Add($"{ConfigKeys.LogRetentionDays} is {options.LogRetentionDays}; CloudWatch Logs keeps events for one of {string.Join(", ", AwsNames.LogRetentionDays)} days.");
        }

        if (options.RawRetentionDays < 0)
        {
            problems.Add($"{ConfigKeys.RawRetentionDays} is negative; give days (0 keeps raw logs).");
        }

        if (options.ResultsRetentionDays < 0)
        {
            problems.Add($"{ConfigKeys.ResultsRetentionDays} is negative; give days (0 keeps results and reports).");
        }

        foreach ((string key, string path) in new[] { (ConfigKeys.ScraperZip, options.ScraperZip), (ConfigKeys.AnalyzerZip, options.AnalyzerZip), (ConfigKeys.ReporterZip, options.ReporterZip) })
        {
            if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{key} is '{path}'; give the function's deployment zip (functions/build.sh writes artifacts/functions/twitch-sentiment-NAME.zip).");
            }
        }

        foreach ((string key, int memory) in new[] { (ConfigKeys.ScraperMemoryMb, options.ScraperMemoryMb), (ConfigKeys.AnalyzerMemoryMb, options.AnalyzerMemoryMb), (ConfigKeys.ReporterMemoryMb, options.ReporterMemoryMb) })
        {
            if (memory is < 128 or > 10240)
            {
                problems.Add($"{key} is {memory}; Lambda functions have 128 to 10240 MB.");
            }
        }

        foreach ((string key, TimeSpan timeout) in new[] { (ConfigKeys.AnalyzerTimeout, options.AnalyzerTimeout), (ConfigKeys.ReporterTimeout, options.ReporterTimeout) })
        {
            if (timeout < TimeSpan.FromSeconds(1) || timeout > CoveragePlan.LambdaMaxTimeout || timeout.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                problems.Add($"{key} is {DurationText.Format(timeout)}; a Lambda timeout is whole seconds from 1s to 900s (15m).");
            }
        }
    }

    private static void CheckNames(Deployment deployment, List<string> problems)
    {
        foreach (BucketSpec bucket in deployment.Buckets)
        {
            if (AwsNames.Bucket(bucket.Name) is { } broken)
            {
                problems.Add($"the bucket name {bucket.Name} (from the account id and aws:region) is not valid: {broken}.");
            }
        }

        foreach (ScheduleSpec schedule in deployment.Schedules)
        {
            if (AwsNames.Schedule(schedule.Name) is { } broken)
            {
                problems.Add($"the schedule name {schedule.Name} is not valid: {broken}; shorten the group's name.");
            }
        }
    }

    private FunctionSpec Function(
        string role, string zip, int memoryMb, TimeSpan timeout, int asyncRetries,
        Dictionary<string, string> environment, Func<LogGroupSpec, PolicyStatement[]> statements)
    {
        string p = Account.Partition;
        string name = $"{NamePrefix}-{role}";
        string logGroup = $"/aws/lambda/{name}";
        var log = new LogGroupSpec($"{role}-logs", logGroup, $"arn:{p}:logs:{Account.Region}:{Account.AccountId}:log-group:{logGroup}:*", Options.LogRetentionDays);
        // Lambda sends a failed invocation's record to the destination with the function's own role
        PolicyStatement[] grants = [.. statements(log), Allow("KeepFailedEvents", ["sqs:SendMessage"], FailedEvents.Arn)];
        var roleSpec = new RoleSpec($"{role}-role", name, $"arn:{p}:iam::{Account.AccountId}:role/{name}", "lambda.amazonaws.com", [], grants);
        return new FunctionSpec(
            role, name, $"arn:{p}:lambda:{Account.Region}:{Account.AccountId}:function:{name}", roleSpec, zip, memoryMb, timeout,
            environment, asyncRetries, log, FailedEvents);
    }

    private PolicyStatement[] ScraperStatements(LogGroupSpec log)
    {
        var statements = new List<PolicyStatement>
        {
            // GetObject covers the HeadObject before a multipart upload; ListBucket makes a missing key a 404, not a 403.
            Allow("WriteRawLogs", ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"], RawBucket.ObjectsArn(RawPrefix)),
            Allow("FindRawLogs", ["s3:ListBucket"], RawBucket.Arn),
        };
        if (CredentialsParameter is { } parameter)
        {
            statements.Add(Allow("Credentials", ["ssm:GetParameter", "ssm:PutParameter"], parameter.Arn));
            statements.Add(Allow("CredentialsRefreshLock", ["ssm:GetParameter", "ssm:PutParameter", "ssm:DeleteParameter"], parameter.LockArn));
            if (KmsKey is not null)
            {
                statements.Add(Allow("CredentialsKey", ["kms:Decrypt", "kms:Encrypt"], KmsKeyArnToken) with
                {
                    Conditions = [new PolicyCondition("StringEquals", "kms:ViaService", [$"ssm.{Account.Region}.amazonaws.com"])],
                });
            }
        }

        statements.Add(OwnLogs(log));
        return [.. statements];
    }

    private BucketNotificationSpec Notify(BucketSpec bucket, FunctionSpec function, string prefix, string suffix) =>
        new(bucket, function, [ObjectCreated], prefix, suffix, new LambdaPermissionSpec(
            $"{bucket.LogicalName}-invokes-{function.LogicalName}",
            $"AllowS3From{(bucket == RawBucket ? "RawBucket" : "ResultsBucket")}",
            function,
            "s3.amazonaws.com",
            bucket.Arn,
            Account.AccountId));

    private static PolicyStatement Allow(string sid, string[] actions, string resource) => new(sid, actions, [resource], []);

    private static PolicyStatement OwnLogs(LogGroupSpec log) => Allow("OwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], log.Arn);

    private static string Payload(CaptureWindow window)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (window.Group.IsSingleChannel)
            {
                writer.WriteString("channel", window.Group.Channels[0].ToString());
            }
            else
            {
                writer.WriteStartArray("channels");
                foreach (TwitchSentiment.Irc.ChannelName channel in window.Group.Channels)
                {
                    writer.WriteStringValue(channel.ToString());
                }

                writer.WriteEndArray();
            }

            writer.WritePropertyName("minutes");
            writer.WriteRawValue(window.CaptureMinutes.ToString("0.##", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

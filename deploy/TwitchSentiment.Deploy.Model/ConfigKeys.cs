namespace TwitchSentiment.Deploy.Model;

/// <summary>
/// The configuration keys of <c>Pulumi.&lt;stack&gt;.yaml</c> that <see cref="DeploymentOptions.FromConfig"/> reads, each with
/// the project's namespace (<c>twitch-sentiment:</c>). Structured values (lists, maps) arrive as JSON text, as Pulumi
/// hands them to a program.
/// </summary>
public static class ConfigKeys
{
    /// <summary>The Pulumi project's name, the namespace of every key here.</summary>
    public const string Namespace = "twitch-sentiment";

    /// <summary>Channels captured on the schedule, one invocation each: a JSON list (<c>["#a","b"]</c>) or names separated by commas or spaces.</summary>
    public const string Channels = Namespace + ":channels";

    /// <summary>Channels captured together, one invocation per group: a JSON map of group name to list of channels.</summary>
    public const string ChannelGroups = Namespace + ":channelGroups";

    /// <summary>How often each channel's window starts (whole minutes, e.g. <c>13m</c>); derived when absent.</summary>
    public const string SchedulePeriod = Namespace + ":schedulePeriod";

    /// <summary>How long each scheduled window captures, in minutes (1–14, decimals allowed); derived when absent.</summary>
    public const string CaptureMinutes = Namespace + ":captureMinutes";

    /// <summary>The least overlap of consecutive windows of one channel (default <c>30s</c>).</summary>
    public const string Overlap = Namespace + ":overlap";

    /// <summary>Time from a window's scheduled start until the scraper is connected and logged in (default <c>30s</c>).</summary>
    public const string StartupAllowance = Namespace + ":startupAllowance";

    /// <summary>The scraper's safety margin before its deadline (default <c>20s</c>, as the scraper's own default).</summary>
    public const string SafetyMargin = Namespace + ":safetyMargin";

    /// <summary>Days the functions' CloudWatch logs are kept (default 14; one of CloudWatch's allowed values).</summary>
    public const string LogRetentionDays = Namespace + ":logRetentionDays";

    /// <summary>Days raw logs are kept before the bucket's lifecycle deletes them (default 30; 0 keeps them).</summary>
    public const string RawRetentionDays = Namespace + ":rawRetentionDays";

    /// <summary>Days results and reports are kept (default 0: kept).</summary>
    public const string ResultsRetentionDays = Namespace + ":resultsRetentionDays";

    /// <summary>Whether the credentials parameter is encrypted with a key this stack creates (default false: the account's <c>aws/ssm</c> key).</summary>
    public const string UseKmsKey = Namespace + ":useKmsKey";

    /// <summary>The SSM parameter holding the Twitch credentials document (default <c>/twitch-sentiment/credentials</c>).</summary>
    public const string CredentialsParameter = Namespace + ":credentialsParameter";

    /// <summary>Whether the scraper reads chat anonymously, with no credentials parameter (default false).</summary>
    public const string Anonymous = Namespace + ":anonymous";

    /// <summary>The scraper's deployment zip (default <c>artifacts/functions/twitch-sentiment-scraper.zip</c>, relative to the project folder).</summary>
    public const string ScraperZip = Namespace + ":scraperZip";

    /// <summary>The analyzer's deployment zip (default <c>artifacts/functions/twitch-sentiment-analyzer.zip</c>).</summary>
    public const string AnalyzerZip = Namespace + ":analyzerZip";

    /// <summary>The reporter's deployment zip (default <c>artifacts/functions/twitch-sentiment-reporter.zip</c>).</summary>
    public const string ReporterZip = Namespace + ":reporterZip";

    /// <summary>The scraper's memory in MB (default 256).</summary>
    public const string ScraperMemoryMb = Namespace + ":scraperMemoryMb";

    /// <summary>The analyzer's memory in MB (default 1024).</summary>
    public const string AnalyzerMemoryMb = Namespace + ":analyzerMemoryMb";

    /// <summary>The reporter's memory in MB (default 512).</summary>
    public const string ReporterMemoryMb = Namespace + ":reporterMemoryMb";

    /// <summary>The analyzer's timeout (default <c>5m</c>).</summary>
    public const string AnalyzerTimeout = Namespace + ":analyzerTimeout";

    /// <summary>The reporter's timeout (default <c>5m</c>).</summary>
    public const string ReporterTimeout = Namespace + ":reporterTimeout";

    /// <summary>Every key above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Channels, ChannelGroups, SchedulePeriod, CaptureMinutes, Overlap, StartupAllowance, SafetyMargin,
        LogRetentionDays, RawRetentionDays, ResultsRetentionDays, UseKmsKey, CredentialsParameter, Anonymous,
        ScraperZip, AnalyzerZip, ReporterZip, ScraperMemoryMb, AnalyzerMemoryMb, ReporterMemoryMb, AnalyzerTimeout,
        ReporterTimeout,
    ];
}

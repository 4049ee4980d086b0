using System.Globalization;
using System.Text.Json;
using TwitchSentiment.Deploy.Model.Internal;
using TwitchSentiment.Irc;

namespace TwitchSentiment.Deploy.Model;

/// <summary>
/// What to deploy, as read from the stack's configuration (<see cref="FromConfig"/>) or set in code. Values are checked
/// when <see cref="Deployment.Build"/> builds the deployment; every message names the configuration key
/// (<see cref="ConfigKeys"/>).
/// </summary>
public sealed record DeploymentOptions
{
    /// <summary>The defaults: no scheduled channels, derived schedule, 30 s overlap, credentials in SSM.</summary>
    public static DeploymentOptions Default { get; } = new();

    /// <summary>Channels captured on the schedule, one invocation per group. Default: none (invoke by hand).</summary>
    public IReadOnlyList<ChannelGroup> ChannelGroups { get; init; } = [];

    /// <summary>How often each group's window starts, in whole minutes; null derives the longest period that overlaps.</summary>
    public TimeSpan? SchedulePeriod { get; init; }

    /// <summary>How long each scheduled window captures, in minutes (1–14); null derives the shortest that overlaps.</summary>
    public decimal? CaptureMinutes { get; init; }

    /// <summary>The least overlap of consecutive windows of one channel, in the worst case. Default 30 s.</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time from a window's scheduled start until the scraper is connected and logged in: the scheduler's delivery,
    /// Lambda's asynchronous queue and cold start, TLS and login. Joining takes more per group (20 JOINs per 10 s).
    /// Default 30 s.
    /// </summary>
    public TimeSpan StartupAllowance { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The scraper's safety margin before its deadline, 1–60 s. Must equal the scraper's (default 20 s).</summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Days the functions' logs are kept; one of CloudWatch's allowed values. Default 14.</summary>
    public int LogRetentionDays { get; init; } = 14;

    /// <summary>Days raw logs are kept (0 keeps them). Default 30.</summary>
    public int RawRetentionDays { get; init; } = 30;

    /// <summary>Days results and reports are kept (0 keeps them). Default 0.</summary>
    public int ResultsRetentionDays { get; init; }

    /// <summary>Whether the stack creates a KMS key for the credentials parameter. Default false (the account's <c>aws/ssm</c> key).</summary>
    public bool UseKmsKey { get; init; }

    /// <summary>The SSM parameter holding the credentials document. Default <c>/twitch-sentiment/credentials</c>.</summary>
    public string CredentialsParameter { get; init; } = "/twitch-sentiment/credentials";

    /// <summary>Whether the scraper reads anonymously: no parameter, no SSM or KMS permissions. Default false.</summary>
    public bool Anonymous { get; init; }

    /// <summary>The scraper's zip, relative to the project folder. Default <c>artifacts/functions/twitch-sentiment-scraper.zip</c>, where functions/build.sh writes it.</summary>
    public string ScraperZip { get; init; } = "artifacts/functions/twitch-sentiment-scraper.zip";

    /// <summary>The analyzer's zip. Default <c>artifacts/functions/twitch-sentiment-analyzer.zip</c>.</summary>
    public string AnalyzerZip { get; init; } = "artifacts/functions/twitch-sentiment-analyzer.zip";

    /// <summary>The reporter's zip. Default <c>artifacts/functions/twitch-sentiment-reporter.zip</c>.</summary>
    public string ReporterZip { get; init; } = "artifacts/functions/twitch-sentiment-reporter.zip";

    /// <summary>The scraper's memory in MB (128–10240). Default 256.</summary>
    public int ScraperMemoryMb { get; init; } = 256;

    /// <summary>The analyzer's memory in MB (128–10240). Default 1024.</summary>
    public int AnalyzerMemoryMb { get; init; } = 1024;

    /// <summary>The reporter's memory in MB (128–10240). Default 512.</summary>
    public int ReporterMemoryMb { get; init; } = 512;

    /// <summary>The analyzer's timeout (1 s–900 s). Default 5 minutes.</summary>
    public TimeSpan AnalyzerTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The reporter's timeout (1 s–900 s). Default 5 minutes.</summary>
    public TimeSpan ReporterTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Reads the options from configuration values keyed as in <c>Pulumi.&lt;stack&gt;.yaml</c> (<see cref="ConfigKeys"/>);
    /// keys of other namespaces (<c>aws:region</c>) are ignored, an unknown key of this project's namespace is an error.
    /// </summary>
    /// <exception cref="DeploymentConfigException">Some values cannot be read; the message lists each with its key.</exception>
    public static DeploymentOptions FromConfig(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<string>();
        foreach (string key in values.Keys.Where(k => k.StartsWith(ConfigKeys.Namespace + ":", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (!ConfigKeys.All.Contains(key))
            {
                problems.Add($"{key} is not a setting of this project; the settings are {string.Join(", ", ConfigKeys.All)}.");
            }
        }

        var reader = new Reader(values, problems);
        DeploymentOptions defaults = Default;
        var options = new DeploymentOptions
        {
            ChannelGroups = ReadGroups(values, problems),
            SchedulePeriod = reader.Duration(ConfigKeys.SchedulePeriod),
            CaptureMinutes = reader.Decimal(ConfigKeys.CaptureMinutes),
            Overlap = reader.Duration(ConfigKeys.Overlap) ?? defaults.Overlap,
            StartupAllowance = reader.Duration(ConfigKeys.StartupAllowance) ?? defaults.StartupAllowance,
            SafetyMargin = reader.Duration(ConfigKeys.SafetyMargin) ?? defaults.SafetyMargin,
            LogRetentionDays = reader.Integer(ConfigKeys.LogRetentionDays) ?? defaults.LogRetentionDays,
            RawRetentionDays = reader.Integer(ConfigKeys.RawRetentionDays) ?? defaults.RawRetentionDays,
            ResultsRetentionDays = reader.Integer(ConfigKeys.ResultsRetentionDays) ?? defaults.ResultsRetentionDays,
            UseKmsKey = reader.Boolean(ConfigKeys.UseKmsKey) ?? defaults.UseKmsKey,
            CredentialsParameter = reader.Text(ConfigKeys.CredentialsParameter) ?? defaults.CredentialsParameter,
            Anonymous = reader.Boolean(ConfigKeys.Anonymous) ?? defaults.Anonymous,
            ScraperZip = reader.Text(ConfigKeys.ScraperZip) ?? defaults.ScraperZip,
            AnalyzerZip = reader.Text(ConfigKeys.AnalyzerZip) ?? defaults.AnalyzerZip,
            ReporterZip = reader.Text(ConfigKeys.ReporterZip) ?? defaults.ReporterZip,
            ScraperMemoryMb = reader.Integer(ConfigKeys.ScraperMemoryMb) ?? defaults.ScraperMemoryMb,
            AnalyzerMemoryMb = reader.Integer(ConfigKeys.AnalyzerMemoryMb) ?? defaults.AnalyzerMemoryMb,
            ReporterMemoryMb = reader.Integer(ConfigKeys.ReporterMemoryMb) ?? defaults.ReporterMemoryMb,
            AnalyzerTimeout = reader.Duration(ConfigKeys.AnalyzerTimeout) ?? defaults.AnalyzerTimeout,
            ReporterTimeout = reader.Duration(ConfigKeys.ReporterTimeout) ?? defaults.ReporterTimeout,
        };
        return problems.Count > 0 ? throw new DeploymentConfigException(problems) : options;
    }

    private static List<ChannelGroup> ReadGroups(IReadOnlyDictionary<string, string> values, List<string> problems)
    {
        var groups = new List<ChannelGroup>();
        if (values.TryGetValue(ConfigKeys.Channels, out string? channels) && channels.Trim().Length > 0)
        {
            foreach (string text in ReadList(ConfigKeys.Channels, channels, problems))
            {
                if (ParseChannel(ConfigKeys.Channels, text, problems) is { } channel)
                {
                    groups.Add(new ChannelGroup(channel.Login, [channel], IsSingleChannel: true));
                }
            }
        }

        if (values.TryGetValue(ConfigKeys.ChannelGroups, out string? map) && map.Trim().Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(map);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{ConfigKeys.ChannelGroups} must be a map of group name to a list of channels, e.g. {{\"shooters\": [\"#a\", \"#b\"]}}.");
                    return groups;
                }

                foreach (JsonProperty group in document.RootElement.EnumerateObject())
                {
                    string key = $"{ConfigKeys.ChannelGroups}.{group.Name}";
                    if (group.Value.ValueKind != JsonValueKind.Array)
                    {
                        problems.Add($"{key} must be a list of channels, e.g. [\"#a\", \"#b\"].");
                        continue;
                    }

                    var members = new List<ChannelName>();
                    foreach (JsonElement item in group.Value.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.String)
                        {
                            problems.Add($"{key} holds {item.GetRawText()}, which is not a channel name; write names as strings.");
                        }
                        else if (ParseChannel(key, item.GetString()!, problems) is { } channel)
                        {
                            members.Add(channel);
                        }
                    }

                    groups.Add(new ChannelGroup(group.Name, members, IsSingleChannel: false));
                }
            }
            catch (JsonException error)
            {
                problems.Add($"{ConfigKeys.ChannelGroups} is not a map of group name to channels ({error.Message}).");
            }
        }

        return groups;
    }

    private static List<string> ReadList(string key, string value, List<string> problems)
    {
        if (!value.TrimStart().StartsWith('['))
        {
            return [.. value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var items = new List<string>();
            foreach (JsonElement item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    items.Add(item.GetString()!);
                }
                else
                {
                    problems.Add($"{key} holds {item.GetRawText()}, which is not a channel name; write names as strings.");
                }
            }

            return items;
        }
        catch (JsonException error)
        {
            problems.Add($"{key} is not a list of channels ({error.Message}); write [\"#a\", \"b\"] or a, b.");
            return [];
        }
    }

    private static ChannelName? ParseChannel(string key, string text, List<string> problems)
    {
        if (ChannelName.TryParse(text, out ChannelName channel, out string? error))
        {
            return channel;
        }

        problems.Add($"{key}: {error}.");
        return null;
    }

    private sealed class Reader(IReadOnlyDictionary<string, string> values, List<string> problems)
    {
        public string? Text(string key) => values.TryGetValue(key, out string? value) ? value.Trim() : null;

        public TimeSpan? Duration(string key)
        {
            string? text = Text(key);
            if (text is null)
            {
                return null;
            }

            if (DurationText.TryParse(text, out TimeSpan duration))
            {
                return duration;
            }

            problems.Add($"{key} is '{text}', not a duration; write seconds, minutes or hours such as 30s, 13m, 1h, or plain minutes such as 13.");
            return null;
        }

        public decimal? Decimal(string key)
        {
            string? text = Text(key);
            if (text is null)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
            {
                return number;
            }

            problems.Add($"{key} is '{text}', not a number of minutes; write e.g. 13.5.");
            return null;
        }

        public int? Integer(string key)
        {
            string? text = Text(key);
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                return number;
            }

            problems.Add($"{key} is '{text}', not a whole number.");
            return null;
        }

        public bool? Boolean(string key)
        {
            string? text = Text(key);
            if (text is null)
            {
                return null;
            }

            if (bool.TryParse(text, out bool flag))
            {
                return flag;
            }

            problems.Add($"{key} is '{text}'; write true or false.");
            return null;
        }
    }
}

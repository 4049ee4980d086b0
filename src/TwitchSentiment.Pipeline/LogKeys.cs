using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TwitchSentiment.Pipeline;

/// <summary>
/// Where things live in a store (a local folder or an S3 bucket and prefix):
/// <list type="bullet">
/// <item>raw logs: <c>raw/{channel}/{yyyy}/{MM}/{dd}/{start:yyyyMMddTHHmmssZ}-{captureId}.log.gz</c> (the day and
/// start are the capture's start, UTC);</item>
/// <item>results of a raw log: the same path under <c>results/</c>, ending <c>.csv</c>, <c>.jsonl</c>,
/// <c>.summary.json</c> (counts and covered windows; written last, so its presence means "analyzed") and
/// <c>.errors.json</c> (only when records were skipped);</item>
/// <item>reports: <c>reports/{channel}/{yyyy}/{MM}/{dd}.json</c> and <c>.html</c>.</item>
/// </list>
/// </summary>
public static partial class LogKeys
{
    /// <summary>The raw log key of a capture of <paramref name="channel"/> (login without '#') started at <paramref name="start"/>.</summary>
    public static string Raw(string channel, DateTimeOffset start, string captureId) =>
        string.Create(CultureInfo.InvariantCulture, $"raw/{channel}/{start.UtcDateTime:yyyy'/'MM'/'dd}/{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{captureId}.log.gz");

    /// <summary>Splits a raw log key (or any path ending in one) into its parts; false when it is not one.</summary>
    public static bool TryParseRaw(string key, [NotNullWhen(true)] out RawKey? raw)
    {
        Match match = RawPattern().Match(key.Replace('\\', '/'));
        raw = match.Success && DateOnly.TryParseExact(match.Groups["day"].Value, "yyyy'/'MM'/'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? new RawKey(match.Groups["root"].Value, match.Groups["key"].Value, match.Groups["channel"].Value, day, match.Groups["name"].Value)
            : null; // not the layout, or a day the calendar does not have (2026/02/30)
        return raw is not null;
    }

    /// <summary>The prefix of every results object of a channel and day.</summary>
    public static string ResultsPrefix(string channel, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"results/{channel}/{day:yyyy'/'MM'/'dd}/");

    /// <summary>The report of a channel and day, without extension (add <c>.json</c> or <c>.html</c>).</summary>
    public static string Report(string channel, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"reports/{channel}/{day:yyyy'/'MM'/'dd}");

    [GeneratedRegex(@"^(?<root>.*?)(?<key>raw/(?<channel>[a-z0-9_]{1,25})/(?<day>\d{4}/\d{2}/\d{2})/(?<name>[^/]+)\.log\.gz)\z", RegexOptions.CultureInvariant)]
    private static partial Regex RawPattern();
}

/// <summary>A raw log key, split.</summary>
/// <param name="Root">What came before the key in a path or URL (the store's location), possibly empty.</param>
/// <param name="Key">The key itself, from <c>raw/</c>.</param>
/// <param name="Channel">The channel's login.</param>
/// <param name="Day">The capture's start day (UTC).</param>
/// <param name="Name">The file name without <c>.log.gz</c>: <c>{start}-{captureId}</c>.</param>
public sealed record RawKey(string Root, string Key, string Channel, DateOnly Day, string Name)
{
    /// <summary>The results key without extension: the raw key's path under <c>results/</c>.</summary>
    public string Results => string.Create(CultureInfo.InvariantCulture, $"results/{Channel}/{Day:yyyy'/'MM'/'dd}/{Name}");
}

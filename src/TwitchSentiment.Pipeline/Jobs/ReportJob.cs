using System.Text.Json;
using TwitchSentiment.Pipeline.Reports;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Pipeline.Jobs;

/// <summary>Where a report went.</summary>
/// <param name="Report">The report.</param>
/// <param name="JsonKey">The JSON report's key.</param>
/// <param name="HtmlKey">The HTML report's key.</param>
/// <param name="Problems">
/// What was skipped, one sentence each naming the file: lines of results files that were not result rows, and
/// summaries that could not be read (their rows still count; their covered windows are missing from the report).
/// </param>
public sealed record ReportResult(ChannelDayReport Report, string JsonKey, string HtmlKey, IReadOnlyList<string> Problems)
{
    /// <summary>False when the day had no results at all (no summary): then nothing was written (a mistyped channel leaves no files).</summary>
    public bool Stored { get; init; } = true;
}

/// <summary>
/// Rebuilds the report of a channel and UTC day from every results object of that day (and of the day before, for
/// captures that started before midnight), read in key order, so rebuilding is idempotent and independent of the
/// order results arrived in. The report replaces the previous one.
/// </summary>
public static class ReportJob
{
    /// <summary>Builds and stores the report of <paramref name="channel"/> (login) on <paramref name="day"/>.</summary>
    public static async Task<ReportResult> RunAsync(IBlobStore store, string channel, DateOnly day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var builder = new ReportBuilder(channel, day);
        var keys = new List<string>();
        foreach (DateOnly source in new[] { day.AddDays(-1), day })
        {
            await foreach (string found in store.ListAsync(LogKeys.ResultsPrefix(channel, source), cancellationToken).ConfigureAwait(false))
            {
                keys.Add(found);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        var problems = new List<string>();
        string[] summaries = [.. keys.Where(k => k.EndsWith(".summary.json", StringComparison.Ordinal))];
        foreach (string summary in summaries)
        {
            // Only results whose summary exists are complete (the summary is written last).
            string results = summary[..^".summary.json".Length];
            await using (Stream stream = await store.OpenReadAsync(summary, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    builder.AddWindows(AnalyzeJob.ReadWindows(stream));
                }
                catch (JsonException error)
                {
                    problems.Add(
                        $"{store.Describe(summary)}: not a summary written by analyze ({error.Message}); its results are counted, but the " +
                        $"times it covered are missing from the report. {Rebuild}");
                }
            }

            await using Stream? rows = await OpenIfStoredAsync(store, results + ".jsonl", cancellationToken).ConfigureAwait(false);
            if (rows is null)
            {
                problems.Add(
                    $"{store.Describe(summary)} has no {Path.GetFileName(results)}.jsonl beside it: its rows are missing from the report. " +
                    Rebuild);
                continue;
            }

            SkippedLines bad = builder.AddResults(results + ".jsonl", rows);
            if (bad.Count > 0)
            {
                problems.Add(
                    $"{store.Describe(results + ".jsonl")}: skipped {bad.Count} line(s) that are not result rows ({LineList(bad)}); " +
                    $"every other row is in the report. {Rebuild}");
            }
        }

        ChannelDayReport report = builder.Build();
        string key = LogKeys.Report(channel, day);
        if (summaries.Length == 0)
        {
            return new ReportResult(report, key + ".json", key + ".html", problems) { Stored = false };
        }

        using var json = new MemoryStream();
        ReportJson.Write(report, json);
        json.Position = 0;
        await store.ReplaceAsync(key + ".json", json, cancellationToken).ConfigureAwait(false);
        using var html = new MemoryStream();
        ReportHtml.Write(report, html);
        html.Position = 0;
        await store.ReplaceAsync(key + ".html", html, cancellationToken).ConfigureAwait(false);
        return new ReportResult(report, key + ".json", key + ".html", problems);
    }

    // How every damaged results file is mended: analyze writes results create-only, so the old ones must go first.
    private const string Rebuild = "Delete the results files of that raw log and analyze it again.";

    private static async Task<Stream?> OpenIfStoredAsync(IBlobStore store, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    /// <summary>"line 5", "lines 5, 9, 12", "lines 5, 9, 12, … (40 more)".</summary>
    private static string LineList(SkippedLines lines) =>
        (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", lines.First) +
        (lines.Count > lines.First.Count ? $", … ({lines.Count - lines.First.Count} more)" : string.Empty);
}

using System.Text.Encodings.Web;
using System.Text.Json;
using TwitchSentiment.Pipeline.Analysis;
using TwitchSentiment.Pipeline.RawLogs;
using TwitchSentiment.Pipeline.Results;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Pipeline.Jobs;

/// <summary>What analyzing one raw log produced.</summary>
/// <param name="Raw">The raw log's key.</param>
/// <param name="Results">The results key without extension (<c>.csv</c>, <c>.jsonl</c>, <c>.summary.json</c>, <c>.errors.json</c>).</param>
/// <param name="AlreadyAnalyzed">True when the results were already there (nothing was done).</param>
/// <param name="Summary">The analysis, or null when it was already analyzed.</param>
public sealed record AnalyzeResult(RawKey Raw, string Results, bool AlreadyAnalyzed, AnalysisSummary? Summary);

/// <summary>
/// Analyzes a stored raw log into results (in the same store locally; on AWS the raw and results buckets differ, so
/// that a function's output never triggers itself): the log is copied to a local temporary file (bounded
/// memory, no half-read network streams), scored into temporary CSV and JSON Lines files, and those are stored
/// create-only, the summary last, so a repeated or racing run for the same log is a no-op.
/// </summary>
public static class AnalyzeJob
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Analyzes the raw log <paramref name="rawKey"/> of <paramref name="rawStore"/> into <paramref name="resultsStore"/>.</summary>
    /// <exception cref="ArgumentException">The key is not a raw log key (see <see cref="LogKeys"/>).</exception>
    /// <exception cref="BlobNotFoundException">The raw log is not in the store.</exception>
    public static async Task<AnalyzeResult> RunAsync(
        IBlobStore rawStore, string rawKey, IBlobStore resultsStore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rawStore);
        ArgumentNullException.ThrowIfNull(resultsStore);
        if (!LogKeys.TryParseRaw(rawKey, out RawKey? raw) || raw.Root.Length > 0)
        {
            throw new ArgumentException(
                $"'{rawKey}' is not a raw log key: expected raw/{{channel}}/{{yyyy}}/{{MM}}/{{dd}}/{{start}}-{{capture}}.log.gz.", nameof(rawKey));
        }

        string results = raw.Results;
        if (await resultsStore.ExistsAsync(results + ".summary.json", cancellationToken).ConfigureAwait(false))
        {
            return new AnalyzeResult(raw, results, AlreadyAnalyzed: true, Summary: null);
        }

        using var work = new TempFiles();
        string rawFile = work.New(".log.gz"), csvFile = work.New(".csv"), jsonlFile = work.New(".jsonl");
        await using (Stream source = await rawStore.OpenReadAsync(raw.Key, cancellationToken).ConfigureAwait(false))
        await using (var copy = new FileStream(rawFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await source.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        }

        AnalysisSummary summary;
        using (var input = new FileStream(rawFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        using (var csv = new FileStream(csvFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var jsonl = new FileStream(jsonlFile, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new ResultsWriter(csv, jsonl))
        {
            summary = await RawLogAnalyzer.AnalyzeAsync(input, writer, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await PutFileAsync(resultsStore, results + ".csv", csvFile, cancellationToken).ConfigureAwait(false);
        await PutFileAsync(resultsStore, results + ".jsonl", jsonlFile, cancellationToken).ConfigureAwait(false);
        if (summary.ErrorCount > 0)
        {
            await PutJsonAsync(resultsStore, results + ".errors.json", json => WriteErrors(json, raw.Key, summary), cancellationToken).ConfigureAwait(false);
        }

        await PutJsonAsync(resultsStore, results + ".summary.json", json => WriteSummary(json, raw.Key, summary), cancellationToken).ConfigureAwait(false);
        return new AnalyzeResult(raw, results, AlreadyAnalyzed: false, summary);
    }

    /// <summary>
    /// Reads the covered windows back from a summary written by this job. Throws <see cref="JsonException"/> for a
    /// file that is not a JSON object.
    /// </summary>
    public static IReadOnlyList<CoveredWindow> ReadWindows(Stream summaryJson)
    {
        using var document = JsonDocument.Parse(summaryJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"the summary is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }

        var windows = new List<CoveredWindow>();
        if (document.RootElement.TryGetProperty("windows", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement window in list.EnumerateArray())
            {
                if (window.ValueKind != JsonValueKind.Object || !TryGetTime(window, "start", out DateTimeOffset from) || !TryGetTime(window, "end", out DateTimeOffset to))
                {
                    throw new JsonException($"a window is not an object with \"start\" and \"end\" times: {window.GetRawText()}");
                }

                windows.Add(new CoveredWindow(from, to));
            }
        }

        return windows;
    }

    private static bool TryGetTime(JsonElement window, string name, out DateTimeOffset time)
    {
        time = default;
        return window.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out time);
    }

    private static async Task PutFileAsync(IBlobStore store, string key, string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await store.PutAsync(key, file, cancellationToken).ConfigureAwait(false);
    }

    private static async Task PutJsonAsync(IBlobStore store, string key, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(json);
        }

        buffer.WriteByte((byte)'\n');
        buffer.Position = 0;
        await store.PutAsync(key, buffer, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteSummary(Utf8JsonWriter json, string rawKey, AnalysisSummary summary)
    {
        json.WriteStartObject();
        json.WriteString("raw", rawKey);
        json.WriteString("capture_id", summary.CaptureId);
        json.WriteNumber("records", summary.Records);
        json.WriteNumber("lines", summary.Lines);
        json.WriteNumber("messages", summary.Messages);
        json.WriteNumber("errors", summary.ErrorCount);
        json.WriteNumber("lost_records", summary.LostRecords);
        json.WriteString("first", summary.First is DateTimeOffset first ? ResultRow.FormatTime(first) : null);
        json.WriteString("last", summary.Last is DateTimeOffset last ? ResultRow.FormatTime(last) : null);
        json.WriteString("end_reason", summary.EndReason);
        json.WriteStartArray("windows");
        foreach (CoveredWindow window in summary.Windows)
        {
            json.WriteStartObject();
            json.WriteString("start", window.Start.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("end", window.End.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteErrors(Utf8JsonWriter json, string rawKey, AnalysisSummary summary)
    {
        json.WriteStartObject();
        json.WriteString("raw", rawKey);
        json.WriteNumber("errors", summary.ErrorCount);
        json.WriteNumber("lost_records", summary.LostRecords);
        json.WriteStartObject("by_reason");
        foreach ((string reason, long count) in summary.ErrorCounts)
        {
            json.WriteNumber(reason, count);
        }

        json.WriteEndObject();
        json.WriteStartArray("first_errors");
        foreach (RawLogError error in summary.Errors)
        {
            json.WriteStartObject();
            json.WriteString("reason", error.Reason);
            if (error.RecordIndex is long index)
            {
                json.WriteNumber("record", index);
                json.WriteNumber("line", index + 1); // of the log as written: what zcat shows when no part of it was lost
            }

            json.WriteNumber("lost_records", error.LostRecords);
            json.WriteString("detail", error.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

using System.Globalization;
using TwitchSentiment.Functions.Internal;
using TwitchSentiment.Functions.Runtime;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline.Analysis;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Functions;

/// <summary>
/// <c>twitch-sentiment-reporter</c>: for each <c>ObjectCreated</c> record of an S3 event for a results summary
/// (<c>results/{channel}/{yyyy}/{MM}/{dd}/….summary.json</c> under <c>RESULTS_PREFIX</c> in <c>RESULTS_BUCKET</c>;
/// <see cref="AnalyzeJob"/> writes it last) it rebuilds that channel-day's report with <see cref="ReportJob"/>, and the
/// next day's too when the capture went past midnight. Each channel-day is rebuilt once per event. Other keys are
/// skipped; failures are reported together after the rest, as the analyzer does.
/// </summary>
public sealed class ReporterFunction(FunctionSettings settings, IBlobStore resultsStore) : ILambdaFunction
{
    private const string SummarySuffix = ".summary.json";

    /// <inheritdoc/>
    public async Task<Stream> HandleAsync(Stream payload, LambdaContext context, CancellationToken cancellationToken)
    {
        S3EventNotification notification = await S3Events.ReadAsync(payload, cancellationToken).ConfigureAwait(false);
        if (notification.Records is null)
        {
            return S3Events.IgnoredTestEvent();
        }

        var days = new SortedSet<(string Channel, DateOnly Day)>();
        List<RecordOutcome> outcomes = await S3Events.EachRecordAsync(notification.Records, record => FindDaysAsync(record, days, cancellationToken)).ConfigureAwait(false);

        var reports = new List<ReportOutcome>();
        foreach ((string channel, DateOnly day) in days)
        {
            string dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            try
            {
                ReportResult report = await ReportJob.RunAsync(resultsStore, channel, day, cancellationToken).ConfigureAwait(false);
                reports.Add(new ReportOutcome(
                    channel,
                    dayText,
                    AnalyzerFunction.WithPrefix(settings.ResultsPrefix, report.JsonKey),
                    AnalyzerFunction.WithPrefix(settings.ResultsPrefix, report.HtmlKey),
                    report.Report.Messages,
                    report.Problems.Count > 0 ? report.Problems : null));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // one channel-day that cannot be rebuilt does not keep the others from it
                outcomes.Add(new RecordOutcome($"report of #{channel} on {dayText}", "failed", $"{error.GetType().Name}: {error.Message}"));
            }
        }

        S3Events.ThrowIfAnyFailed(outcomes);
        return Payloads.Write(new EventResponse(outcomes, reports), ResponseJson.Default.EventResponse);
    }

    /// <summary>
    /// The channel-days one summary record asks to rebuild, added to <paramref name="days"/>: its own day, and the next
    /// when its capture went past midnight (a Lambda capture is minutes long, so never further).
    /// </summary>
    private async Task<RecordOutcome> FindDaysAsync(S3EventRecord record, SortedSet<(string Channel, DateOnly Day)> days, CancellationToken cancellationToken)
    {
        (EventObject? found, RecordOutcome? problem) = S3Events.Locate(record, settings.ResultsBucket!, settings.ResultsPrefix);
        if (found is null)
        {
            return problem!;
        }

        if (!TryParseSummaryKey(found.StoreKey!, out string? channel, out DateOnly day))
        {
            return new RecordOutcome(found.EventKey, "skipped", "not a results summary (results/{channel}/{yyyy}/{MM}/{dd}/{name}.summary.json)");
        }

        try
        {
            IReadOnlyList<CoveredWindow> windows;
            await using (Stream summary = await resultsStore.OpenReadAsync(found.StoreKey!, cancellationToken).ConfigureAwait(false))
            {
                windows = AnalyzeJob.ReadWindows(summary);
            }

            days.Add((channel, day));
            DateOnly last = windows.Count == 0 ? day : DateOnly.FromDateTime(windows.Max(w => w.End).UtcDateTime);
            if (last > day)
            {
                days.Add((channel, day.AddDays(1)));
            }

            return last > day.AddDays(1)
                ? new RecordOutcome(found.EventKey, "reported", $"a covered window ends on {last:yyyy-MM-dd}, past the next day: only {day:yyyy-MM-dd} and the day after were rebuilt")
                : new RecordOutcome(found.EventKey, "reported");
        }
        catch (BlobNotFoundException error)
        {
            return new RecordOutcome(found.EventKey, "failed", $"the summary is not in the bucket ({error.Message})");
        }
        catch (BlobStoreException error)
        {
            return new RecordOutcome(found.EventKey, "failed", $"the store failed: {error.Message}");
        }
        catch (System.Text.Json.JsonException error)
        {
            return new RecordOutcome(found.EventKey, "failed", $"the summary is not one that analyze writes ({error.Message}); delete the results files of that raw log and analyze it again");
        }
    }

    /// <summary>Splits <c>results/{channel}/{yyyy}/{MM}/{dd}/{name}.summary.json</c>.</summary>
    internal static bool TryParseSummaryKey(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? channel, out DateOnly day)
    {
        (channel, day) = (null, default);
        string[] parts = key.Split('/');
        if (parts.Length != 6 || parts[0] != "results" || !key.EndsWith(SummarySuffix, StringComparison.Ordinal)
            || parts[5].Length <= SummarySuffix.Length || !ChannelName.TryParse(parts[1], out ChannelName name, out _) || name.Login != parts[1]
            || !DateOnly.TryParseExact($"{parts[2]}/{parts[3]}/{parts[4]}", "yyyy'/'MM'/'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return false;
        }

        channel = name.Login;
        return true;
    }
}

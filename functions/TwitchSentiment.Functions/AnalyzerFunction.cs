using TwitchSentiment.Functions.Internal;
using TwitchSentiment.Functions.Runtime;
using TwitchSentiment.Pipeline;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Functions;

/// <summary>
/// <c>twitch-sentiment-analyzer</c>: for each <c>ObjectCreated</c> record of an S3 event for a raw log
/// (<c>raw/…/*.log.gz</c> under <c>RAW_PREFIX</c> in <c>RAW_BUCKET</c>) it runs <see cref="AnalyzeJob"/> into
/// <c>RESULTS_BUCKET</c>. A duplicate event is a no-op (<c>already-analyzed</c>); <c>s3:TestEvent</c> is ignored; other
/// keys are skipped. Records that fail (a missing object, a store error) are reported together in one function error
/// after every other record was processed, so a retry redoes only them. A raw log with unreadable records is still
/// analyzed: its answer names the count and the <c>.errors.json</c> object that lists them.
/// </summary>
public sealed class AnalyzerFunction(FunctionSettings settings, IBlobStore rawStore, IBlobStore resultsStore) : ILambdaFunction
{
    /// <inheritdoc/>
    public async Task<Stream> HandleAsync(Stream payload, LambdaContext context, CancellationToken cancellationToken)
    {
        S3EventNotification notification = await S3Events.ReadAsync(payload, cancellationToken).ConfigureAwait(false);
        if (notification.Records is null)
        {
            return S3Events.IgnoredTestEvent();
        }

        List<RecordOutcome> outcomes = await S3Events.EachRecordAsync(notification.Records, record => AnalyzeAsync(record, cancellationToken)).ConfigureAwait(false);

        S3Events.ThrowIfAnyFailed(outcomes);
        return Payloads.Write(new EventResponse(outcomes), ResponseJson.Default.EventResponse);
    }

    private async Task<RecordOutcome> AnalyzeAsync(S3EventRecord record, CancellationToken cancellationToken)
    {
        (EventObject? found, RecordOutcome? problem) = S3Events.Locate(record, settings.RawBucket!, settings.RawPrefix);
        if (found is null)
        {
            return problem!;
        }

        if (found.StoreKey!.Contains('\\', StringComparison.Ordinal) || !LogKeys.TryParseRaw(found.StoreKey, out RawKey? raw) || raw.Root.Length > 0)
        {
            return new RecordOutcome(found.EventKey, "skipped", "not a raw log key (raw/{channel}/{yyyy}/{MM}/{dd}/{start}-{capture}.log.gz)");
        }

        try
        {
            AnalyzeResult result = await AnalyzeJob.RunAsync(rawStore, raw.Key, resultsStore, cancellationToken).ConfigureAwait(false);
            string results = WithPrefix(settings.ResultsPrefix, result.Results);
            if (result.AlreadyAnalyzed)
            {
                return new RecordOutcome(found.EventKey, "already-analyzed", Results: results);
            }

            long errors = result.Summary!.ErrorCount;
            return new RecordOutcome(
                found.EventKey,
                "analyzed",
                errors > 0 ? $"{errors} records of the raw log could not be read; see {results}.errors.json" : null,
                results,
                result.Summary.Messages,
                errors,
                errors > 0 ? results + ".errors.json" : null);
        }
        catch (BlobNotFoundException error)
        {
            return new RecordOutcome(found.EventKey, "failed", $"the raw log is not in the bucket ({error.Message})");
        }
        catch (BlobStoreException error)
        {
            return new RecordOutcome(found.EventKey, "failed", $"the store failed: {error.Message}");
        }
    }

    internal static string WithPrefix(string prefix, string key) => prefix.Length == 0 ? key : prefix + "/" + key;
}

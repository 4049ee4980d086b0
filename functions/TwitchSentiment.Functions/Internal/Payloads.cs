using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TwitchSentiment.Functions.Runtime;

namespace TwitchSentiment.Functions.Internal;

/// <summary>Reading payloads and writing answers with the source-generated contexts.</summary>
internal static class Payloads
{
    internal static async Task<T> ReadAsync<T>(Stream payload, JsonTypeInfo<T> type, string expected, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(payload, type, cancellationToken).ConfigureAwait(false)
                ?? throw new LambdaFunctionException(ErrorTypes.InvalidInput, $"The payload is null; expected {expected}.");
        }
        catch (JsonException error)
        {
            throw new LambdaFunctionException(ErrorTypes.InvalidInput, $"The payload is not what this function takes ({error.Message}); expected {expected}.", error);
        }
    }

    internal static Stream Write<T>(T value, JsonTypeInfo<T> type)
    {
        var buffer = new MemoryStream();
        JsonSerializer.Serialize(buffer, value, type);
        buffer.Position = 0;
        return buffer;
    }
}

/// <summary>An S3 event record's object, decoded and placed in a store.</summary>
/// <param name="EventKey">The key as it is in the bucket, decoded (with the prefix).</param>
/// <param name="StoreKey">The key in the store (without the prefix), or null when the object is outside it.</param>
internal sealed record EventObject(string EventKey, string? StoreKey);

/// <summary>The records of S3 event notifications, as the analyzer and reporter take them.</summary>
internal static class S3Events
{
    internal const string Expected = "an S3 event notification {\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":…},\"object\":{\"key\":…}}}]}";

    /// <summary>
    /// Reads an S3 event notification. One without <c>Records</c> is S3's <c>s3:TestEvent</c> (answered as ignored by
    /// the caller) or not an S3 notification at all: an <see cref="ErrorTypes.InvalidInput"/> error, so that a wrong
    /// trigger (an SQS or EventBridge envelope, a hand-made event) is seen instead of answered as done.
    /// </summary>
    internal static async Task<S3EventNotification> ReadAsync(Stream payload, CancellationToken cancellationToken)
    {
        S3EventNotification notification = await Payloads.ReadAsync(payload, S3EventJson.Default.S3EventNotification, Expected, cancellationToken).ConfigureAwait(false);
        if (notification.Records is null && notification.Event != TestEvent)
        {
            throw new LambdaFunctionException(
                ErrorTypes.InvalidInput,
                $"The payload has no \"Records\" and is not S3's {TestEvent}; expected {Expected}. Trigger the function with S3 notifications directly (not through SQS, SNS or EventBridge).");
        }

        return notification;
    }

    /// <summary>The event S3 sends when a notification is set up (no records).</summary>
    internal const string TestEvent = "s3:TestEvent";

    /// <summary>
    /// The object a record names, with its key URL-decoded as S3 sends it (<c>+</c> is a space, <c>%2B</c> a plus) and
    /// placed under <paramref name="prefix"/>; or why the record cannot be processed (an outcome to report).
    /// </summary>
    internal static (EventObject? Object, RecordOutcome? Problem) Locate(S3EventRecord record, string bucket, string prefix)
    {
        string? rawKey = record.S3?.Object?.Key;
        if (rawKey is null)
        {
            return (null, new RecordOutcome("", "failed", "the record names no object (s3.object.key)"));
        }

        string key = WebUtility.UrlDecode(rawKey);
        if (record.EventName is string name && !name.StartsWith("ObjectCreated:", StringComparison.Ordinal))
        {
            return (null, new RecordOutcome(key, "skipped", $"event {name} is not an ObjectCreated event"));
        }

        if (!string.Equals(record.S3?.Bucket?.Name, bucket, StringComparison.Ordinal))
        {
            return (null, new RecordOutcome(key, "failed", $"the object is in bucket '{record.S3?.Bucket?.Name}', but this function reads bucket '{bucket}'; check the trigger"));
        }

        if (prefix.Length == 0)
        {
            return (new EventObject(key, key), null);
        }

        return key.StartsWith(prefix + "/", StringComparison.Ordinal)
            ? (new EventObject(key, key[(prefix.Length + 1)..]), null)
            : (null, new RecordOutcome(key, "skipped", $"the key is outside the prefix '{prefix}/'"));
    }

    /// <summary>The answer to S3's <c>s3:TestEvent</c> (a notification without records): nothing to do.</summary>
    internal static Stream IgnoredTestEvent() => Payloads.Write(new EventResponse([], Ignored: TestEvent), ResponseJson.Default.EventResponse);

    /// <summary>
    /// Runs <paramref name="work"/> for each record in turn: a null record, or an error the work did not expect (a key
    /// the store refuses, a damaged object), fails that record only, with what went wrong, so that every other record
    /// of the event is still processed.
    /// </summary>
    internal static async Task<List<RecordOutcome>> EachRecordAsync(IReadOnlyList<S3EventRecord?> records, Func<S3EventRecord, Task<RecordOutcome>> work)
    {
        var outcomes = new List<RecordOutcome>(records.Count);
        for (int index = 0; index < records.Count; index++)
        {
            outcomes.Add(await OneRecordAsync(records[index], index, work).ConfigureAwait(false));
        }

        return outcomes;
    }

    private static async Task<RecordOutcome> OneRecordAsync(S3EventRecord? record, int index, Func<S3EventRecord, Task<RecordOutcome>> work)
    {
        if (record is null)
        {
            return new RecordOutcome($"record {index + 1}", "failed", "the record is null, not an S3 event record");
        }

        try
        {
            return await work(record).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            string key = record.S3?.Object?.Key is string rawKey ? WebUtility.UrlDecode(rawKey) : $"record {index + 1}";
            return new RecordOutcome(key, "failed", $"{error.GetType().Name}: {error.Message}");
        }
    }

    /// <summary>Throws the function error for the failed outcomes, after every record was tried; nothing when none failed.</summary>
    internal static void ThrowIfAnyFailed(IReadOnlyList<RecordOutcome> outcomes)
    {
        RecordOutcome[] failed = [.. outcomes.Where(o => o.Status == "failed")];
        if (failed.Length > 0)
        {
            string done = string.Join(", ", outcomes.Where(o => o.Status != "failed").Select(o => $"{o.Key} ({o.Status})"));
            throw new LambdaFunctionException(
                ErrorTypes.RecordsFailed,
                $"{failed.Length} of {outcomes.Count} records failed: {string.Join("; ", failed.Select(f => $"{f.Key}: {f.Detail}"))}." +
                (done.Length > 0 ? $" The others were processed: {done}." : string.Empty));
        }
    }
}

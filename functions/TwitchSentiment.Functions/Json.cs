using System.Text.Json.Serialization;

namespace TwitchSentiment.Functions;

/// <summary>The scraper's payload: <c>{"channel":"#name","minutes":14,"channels":["a","b"]}</c>.</summary>
public sealed record ScraperRequest
{
    /// <summary>One channel, <c>#name</c> or <c>name</c>.</summary>
    public string? Channel { get; init; }

    /// <summary>More channels (each its own raw log).</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>How long to capture, 1 to 14 minutes (decimals allowed); default 14.</summary>
    public double? Minutes { get; init; }
}

/// <summary>The scraper's answer.</summary>
/// <param name="CaptureId">The capture's id (in every key).</param>
/// <param name="EndReason"><c>duration</c>, <c>deadline</c>, <c>cancelled</c> or <c>error</c>.</param>
/// <param name="Reconnects">Connections re-opened.</param>
/// <param name="Lines">Chat lines captured, all channels.</param>
/// <param name="Messages">Chat messages among them.</param>
/// <param name="Keys">The raw log keys stored, as in the raw bucket (with <c>RAW_PREFIX</c>).</param>
/// <param name="Logs">Each raw log.</param>
public sealed record ScraperResponse(
    string CaptureId, string EndReason, long Reconnects, long Lines, long Messages, IReadOnlyList<string> Keys, IReadOnlyList<ScrapedLog> Logs);

/// <summary>One raw log of a capture.</summary>
/// <param name="Channel">The channel's login.</param>
/// <param name="Key">Its key in the raw bucket (with <c>RAW_PREFIX</c>).</param>
/// <param name="Location">Its <c>s3://</c> URL.</param>
/// <param name="Lines">Lines in it.</param>
/// <param name="Messages">Chat messages in it.</param>
public sealed record ScrapedLog(string Channel, string Key, string Location, long Lines, long Messages);

/// <summary>An S3 event notification, as Lambda (or an SQS message body) delivers it.</summary>
public sealed record S3EventNotification
{
    /// <summary>The records; absent in S3's <c>s3:TestEvent</c>.</summary>
    [JsonPropertyName("Records")]
    public IReadOnlyList<S3EventRecord>? Records { get; init; }

    /// <summary><c>s3:TestEvent</c> for the test message S3 sends when a notification is configured.</summary>
    [JsonPropertyName("Event")]
    public string? Event { get; init; }
}

/// <summary>One record of an S3 event notification.</summary>
public sealed record S3EventRecord
{
    /// <summary>Such as <c>ObjectCreated:Put</c>.</summary>
    public string? EventName { get; init; }

    /// <summary>The bucket and object.</summary>
    public S3EventEntity? S3 { get; init; }
}

/// <summary>The <c>s3</c> part of a record.</summary>
public sealed record S3EventEntity
{
    /// <summary>The bucket.</summary>
    public S3EventBucket? Bucket { get; init; }

    /// <summary>The object.</summary>
    public S3EventObject? Object { get; init; }
}

/// <summary>The bucket of a record.</summary>
public sealed record S3EventBucket
{
    /// <summary>Its name.</summary>
    public string? Name { get; init; }
}

/// <summary>The object of a record.</summary>
public sealed record S3EventObject
{
    /// <summary>Its key, URL-encoded as S3 sends it (a space is <c>+</c>).</summary>
    public string? Key { get; init; }

    /// <summary>Its size in bytes.</summary>
    public long? Size { get; init; }
}

/// <summary>What the analyzer or reporter did with each record of an event.</summary>
/// <param name="Records">Each record's outcome, in event order.</param>
/// <param name="Reports">The reports rebuilt (reporter only).</param>
/// <param name="Ignored">Why the whole event was ignored (<c>s3:TestEvent</c>), or null.</param>
public sealed record EventResponse(IReadOnlyList<RecordOutcome> Records, IReadOnlyList<ReportOutcome>? Reports = null, string? Ignored = null);

/// <summary>What happened to one record.</summary>
/// <param name="Key">The object's key (decoded).</param>
/// <param name="Status"><c>analyzed</c>, <c>already-analyzed</c>, <c>reported</c>, <c>skipped</c> or <c>failed</c>.</param>
/// <param name="Detail">Why it was skipped or failed, or null.</param>
/// <param name="Results">The results key without extension (analyzer), or null.</param>
/// <param name="Messages">Chat messages scored (analyzer), or null.</param>
/// <param name="Errors">Raw log records that could not be read (analyzer; listed in <paramref name="ErrorsKey"/>), or null.</param>
/// <param name="ErrorsKey">The <c>.errors.json</c> key when <paramref name="Errors"/> is above zero, or null.</param>
public sealed record RecordOutcome(string Key, string Status, string? Detail = null, string? Results = null, long? Messages = null, long? Errors = null, string? ErrorsKey = null);

/// <summary>A rebuilt report.</summary>
/// <param name="Channel">The channel's login.</param>
/// <param name="Day">The UTC day, <c>yyyy-MM-dd</c>.</param>
/// <param name="JsonKey">The JSON report's key (with <c>RESULTS_PREFIX</c>).</param>
/// <param name="HtmlKey">The HTML report's key (with <c>RESULTS_PREFIX</c>).</param>
/// <param name="Messages">Chat messages in the report.</param>
/// <param name="Problems">What the report skipped (damaged results lines or summaries), one sentence each; null when nothing.</param>
public sealed record ReportOutcome(string Channel, string Day, string JsonKey, string HtmlKey, long Messages, IReadOnlyList<string>? Problems = null);

/// <summary>Source-generated (reflection-free, AOT-clean) JSON for every payload and answer.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ScraperResponse))]
[JsonSerializable(typeof(EventResponse))]
internal sealed partial class ResponseJson : JsonSerializerContext;

/// <summary>The scraper's payload: strict, so a misspelt field (<c>"minute"</c>) is an error, not a silent default.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ScraperRequest))]
internal sealed partial class ScraperRequestJson : JsonSerializerContext;

/// <summary>S3 events: camelCase fields (<c>eventName</c>, <c>s3</c>, <c>bucket</c>, <c>object</c>), others ignored.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(S3EventNotification))]
internal sealed partial class S3EventJson : JsonSerializerContext;

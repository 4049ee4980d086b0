using System.Text.Json.Serialization;

namespace TwitchSentiment.Throughput;

/// <summary>
/// One side's measurement, printed as one JSON line:
/// <c>{"what":…,"items":…,"seconds":…,"items_per_s":…,"bytes_per_s":…,"allocated_bytes":…}</c>.
/// The reference script prints the same shape.
/// </summary>
/// <param name="What">Which analyzer: "vader" (ours) or "vader-python" (the reference).</param>
/// <param name="Items">Texts scored in the timed pass.</param>
/// <param name="Seconds">Wall-clock time of the timed pass.</param>
/// <param name="ItemsPerSecond">Texts per second.</param>
/// <param name="BytesPerSecond">UTF-8 bytes of text per second (line ends not counted).</param>
/// <param name="AllocatedBytes">Heap bytes allocated on the scoring thread during the timed pass; null when not measured.</param>
internal sealed record ThroughputResult(
    [property: JsonPropertyName("what")] string What,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("items_per_s")] double ItemsPerSecond,
    [property: JsonPropertyName("bytes_per_s")] double BytesPerSecond,
    [property: JsonPropertyName("allocated_bytes")] long? AllocatedBytes)
{
    /// <summary>One side timed over every text of <paramref name="corpus"/>: its median pass, as the result reports it.</summary>
    internal static ThroughputResult OfPasses(string what, TextCorpus corpus, PassTimes passes) => new(
        what,
        corpus.Texts.Length,
        passes.MedianSeconds,
        corpus.Texts.Length / passes.MedianSeconds,
        corpus.Utf8ByteCount / passes.MedianSeconds,
        passes.AllocatedBytes);
}

/// <summary>Source-generated JSON for <see cref="ThroughputResult"/>: compact, nulls written.</summary>
[JsonSerializable(typeof(ThroughputResult))]
internal sealed partial class ThroughputJsonContext : JsonSerializerContext;

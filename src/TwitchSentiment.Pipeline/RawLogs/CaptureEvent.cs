using System.Text.Json;

namespace TwitchSentiment.Pipeline.RawLogs;

/// <summary>
/// What a capture records about itself in its raw log (kind <c>*</c>), so that the log says exactly when each channel
/// was listened to. One JSON object per event, <c>"event"</c> naming it:
/// <list type="bullet">
/// <item><c>capture-start</c>: <c>capture_id</c>, <c>channels</c>, <c>endpoint</c>, <c>format</c> (1). The first record.</item>
/// <item><c>listening</c>: <c>channel</c>, <c>connection</c>. The channel is covered from here: the full ROOMSTATE
/// after the JOIN arrived (or, at the start of a rotated log, the channel was already being listened to).</item>
/// <item><c>disconnected</c>: <c>connection</c>, <c>reason</c>. Every channel of that connection stops being covered
/// (a hole until its next <c>listening</c>).</item>
/// <item><c>capture-end</c>: <c>reason</c> (<c>duration</c>, <c>cancelled</c>, <c>deadline</c>, <c>rotate</c>,
/// <c>error</c>). The last record; coverage of every channel ends here.</item>
/// </list>
/// </summary>
/// <param name="Event">The event's name.</param>
/// <param name="CaptureId">capture-start: the capture's id.</param>
/// <param name="Channels">capture-start: the channels asked for (<c>#name</c>).</param>
/// <param name="Endpoint">capture-start: the chat server's URL.</param>
/// <param name="Channel">listening: the channel.</param>
/// <param name="Connection">listening, disconnected: the connection number.</param>
/// <param name="Reason">disconnected, capture-end: why.</param>
public sealed record CaptureEvent(
    string Event,
    string? CaptureId = null,
    IReadOnlyList<string>? Channels = null,
    string? Endpoint = null,
    string? Channel = null,
    int? Connection = null,
    string? Reason = null)
{
    /// <summary>The event names.</summary>
    public const string Start = "capture-start", Listening = "listening", Disconnected = "disconnected", End = "capture-end";

    /// <summary>The format version written in capture-start.</summary>
    public const int FormatVersion = 1;

    /// <summary>The event as one compact JSON object (no newline).</summary>
    public string ToJson()
    {
        var json = new JsonLineWriter();
        json.StartObject();
        json.String("event", Event);
        if (CaptureId is not null)
        {
            json.String("capture_id", CaptureId);
            json.Number("format", FormatVersion);
        }

        if (Channels is not null)
        {
            json.Strings("channels", Channels);
        }

        if (Endpoint is not null)
        {
            json.String("endpoint", Endpoint);
        }

        if (Channel is not null)
        {
            json.String("channel", Channel);
        }

        if (Connection is int connection)
        {
            json.Number("connection", connection);
        }

        if (Reason is not null)
        {
            json.String("reason", Reason);
        }

        return json.EndObject().TrimEnd('\n');
    }

    /// <summary>Reads an event written by <see cref="ToJson"/>; null when <paramref name="utf8Json"/> is not one.</summary>
    public static CaptureEvent? TryParse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out JsonElement name) || name.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return new CaptureEvent(
                name.GetString()!,
                Text(root, "capture_id"),
                root.TryGetProperty("channels", out JsonElement channels) && channels.ValueKind == JsonValueKind.Array
                    ? [.. channels.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!)]
                    : null,
                Text(root, "endpoint"),
                Text(root, "channel"),
                root.TryGetProperty("connection", out JsonElement connection) && connection.TryGetInt32(out int number) ? number : null,
                Text(root, "reason"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using TwitchSentiment.Pipeline.Analysis;
using TwitchSentiment.Pipeline.Results;

namespace TwitchSentiment.Pipeline.Reports;

/// <summary>
/// The report as JSON (indented, UTF-8). Times are ISO 8601 UTC with milliseconds, shares and means rounded to 4
/// places; <c>gaps</c> lists the parts of the day no capture covered as <c>{start, end, seconds}</c>.
/// </summary>
public static class ReportJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(ChannelDayReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("channel", report.Channel);
        json.WriteString("date", report.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteNumber("messages", report.Messages);
        json.WriteNumber("duplicates_dropped", report.Duplicates);
        json.WriteNumber("positive_share", report.PositiveShare);
        json.WriteNumber("neutral_share", report.NeutralShare);
        json.WriteNumber("negative_share", report.NegativeShare);
        NumberOrNull(json, "mean_compound", report.MeanCompound);
        NumberOrNull(json, "mean_twitch_compound", report.MeanTwitchCompound);
        json.WriteStartObject("coverage");
        json.WriteNumber("covered_seconds", Math.Round(report.CoveredSeconds, 3));
        json.WriteNumber("share_of_day", Math.Round(report.CoveredShare, 6));
        Windows(json, "windows", report.Windows);
        json.WriteEndObject();
        Windows(json, "gaps", report.Gaps);
        json.WriteStartArray("timeline");
        foreach (MinutePoint minute in report.Timeline)
        {
            json.WriteStartObject();
            json.WriteString("minute", ResultRow.FormatTime(minute.Start));
            json.WriteBoolean("covered", minute.Covered);
            json.WriteNumber("messages", minute.Messages);
            NumberOrNull(json, "mean_compound", minute.MeanCompound);
            NumberOrNull(json, "mean_twitch_compound", minute.MeanTwitchCompound);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Quoted(json, "most_positive", report.MostPositive);
        Quoted(json, "most_negative", report.MostNegative);
        json.WriteStartArray("sources");
        foreach (string source in report.Sources)
        {
            json.WriteStringValue(source);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void Windows(Utf8JsonWriter json, string name, IReadOnlyList<CoveredWindow> windows)
    {
        json.WriteStartArray(name);
        foreach (CoveredWindow window in windows)
        {
            json.WriteStartObject();
            json.WriteString("start", ResultRow.FormatTime(window.Start));
            json.WriteString("end", ResultRow.FormatTime(window.End));
            json.WriteNumber("seconds", Math.Round(window.Length.TotalSeconds, 3));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Quoted(Utf8JsonWriter json, string name, IReadOnlyList<QuotedMessage> messages)
    {
        json.WriteStartArray(name);
        foreach (QuotedMessage message in messages)
        {
            json.WriteStartObject();
            json.WriteString("received_at", ResultRow.FormatTime(message.ReceivedAt));
            json.WriteString("user_login", message.UserLogin);
            json.WriteString("text", message.Text);
            json.WriteNumber("compound", message.Compound);
            if (message.MessageId is null)
            {
                json.WriteNull("message_id");
            }
            else
            {
                json.WriteString("message_id", message.MessageId);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void NumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

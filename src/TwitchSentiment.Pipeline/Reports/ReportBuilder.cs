using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using TwitchSentiment.Pipeline.Analysis;

namespace TwitchSentiment.Pipeline.Reports;

/// <summary>
/// Builds a <see cref="ChannelDayReport"/> from result rows and covered windows. Rows are fed source by source in
/// ordinal order of their keys so that, whatever order the results arrived in, the same message id is kept from the
/// same capture and the report is byte for byte the same. Memory: 8 bytes per message id seen, plus one entry per minute.
/// </summary>
public sealed class ReportBuilder(string channel, DateOnly date)
{
    private readonly DateTimeOffset _dayStart = new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    private readonly HashSet<ulong> _ids = [];
    private readonly SortedDictionary<long, Minute> _minutes = [];
    private readonly List<CoveredWindow> _windows = [];
    private readonly List<string> _sources = [];
    private readonly SortedSet<QuotedMessage> _best = new(Comparer<QuotedMessage>.Create((a, b) => Compare(b, a)));
    private readonly SortedSet<QuotedMessage> _worst = new(Comparer<QuotedMessage>.Create(Compare));
    private long _messages, _duplicates, _positive, _negative, _twitchCount;
    private double _sum, _twitchSum;

    private DateTimeOffset DayEnd => _dayStart.AddDays(1);

    /// <summary>Adds windows during which a capture listened (clipped to the day).</summary>
    public void AddWindows(IEnumerable<CoveredWindow> windows)
    {
        foreach (CoveredWindow window in windows)
        {
            var clipped = new CoveredWindow(Max(window.Start, _dayStart), Min(window.End, DayEnd));
            if (clipped.End > clipped.Start)
            {
                _windows.Add(clipped);
            }
        }
    }

    /// <summary>
    /// Adds the rows of one results object (JSON Lines). Rows of other days or channels are ignored; lines that are
    /// not result rows are skipped: returned are how many, and the numbers (from 1) of the first few.
    /// </summary>
    public SkippedLines AddResults(string source, Stream jsonLines)
    {
        _sources.Add(source);
        var bad = new List<long>();
        long count = 0;
        long number = 0;
        using var reader = new StreamReader(jsonLines, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true);
        while (reader.ReadLine() is string line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (!TryReadRow(line, out Row row))
            {
                if (++count <= SkippedLines.Listed)
                {
                    bad.Add(number);
                }

                continue;
            }

            Add(row);
        }

        return new SkippedLines(count, bad);
    }

    /// <summary>The report.</summary>
    public ChannelDayReport Build()
    {
        List<CoveredWindow> windows = CoveredWindow.Merge(_windows);
        return new ChannelDayReport
        {
            Channel = channel,
            Date = date,
            Messages = _messages,
            Duplicates = _duplicates,
            PositiveShare = Share(_positive),
            NegativeShare = Share(_negative),
            NeutralShare = _messages == 0 ? 0 : Share(_messages - _positive - _negative),
            MeanCompound = _messages == 0 ? null : Math.Round(_sum / _messages, 4),
            MeanTwitchCompound = _twitchCount == 0 ? null : Math.Round(_twitchSum / _twitchCount, 4),
            Timeline = Timeline(windows),
            MostPositive = [.. _best.Where(m => m.Compound > 0.05)],
            MostNegative = [.. _worst.Where(m => m.Compound < -0.05)],
            Windows = windows,
            Gaps = CoveredWindow.Gaps(windows, _dayStart, DayEnd),
            Sources = _sources,
        };
    }

    private double Share(long count) => _messages == 0 ? 0 : Math.Round((double)count / _messages, 4);

    private void Add(Row row)
    {
        if (!string.Equals(row.Channel, channel, StringComparison.Ordinal) || DateOnly.FromDateTime(row.ReceivedAt.UtcDateTime) != date)
        {
            return;
        }

        if (row.MessageId is not null && !_ids.Add(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(row.MessageId))))
        {
            _duplicates++;
            return;
        }

        _messages++;
        _sum += row.Compound;
        _positive += row.Compound > 0.05 ? 1 : 0;
        _negative += row.Compound < -0.05 ? 1 : 0;
        long minute = (row.ReceivedAt - _dayStart).Ticks / TimeSpan.TicksPerMinute;
        Minute bucket = _minutes.GetValueOrDefault(minute);
        bucket = bucket with { Count = bucket.Count + 1, Sum = bucket.Sum + row.Compound };
        if (row.TwitchCompound is double twitch)
        {
            _twitchCount++;
            _twitchSum += twitch;
            bucket = bucket with { TwitchCount = bucket.TwitchCount + 1, TwitchSum = bucket.TwitchSum + twitch };
        }

        _minutes[minute] = bucket;
        var quoted = new QuotedMessage(row.ReceivedAt, row.UserLogin, row.Text, row.Compound, row.MessageId);
        Keep(_best, quoted);
        Keep(_worst, quoted);
    }

    private static void Keep(SortedSet<QuotedMessage> top, QuotedMessage message)
    {
        top.Add(message);
        if (top.Count > ChannelDayReport.Quoted)
        {
            top.Remove(top.Max!);
        }
    }

    /// <summary>Lower compound first; ties by time, then id, then text, so the choice never depends on input order.</summary>
    private static int Compare(QuotedMessage? a, QuotedMessage? b)
    {
        int order = a!.Compound.CompareTo(b!.Compound);
        order = order != 0 ? order : a.ReceivedAt.CompareTo(b.ReceivedAt);
        order = order != 0 ? order : string.CompareOrdinal(a.MessageId, b.MessageId);
        return order != 0 ? order : string.CompareOrdinal(a.Text, b.Text);
    }

    private List<MinutePoint> Timeline(List<CoveredWindow> windows)
    {
        long first = long.MaxValue, last = long.MinValue;
        foreach (CoveredWindow window in windows)
        {
            first = Math.Min(first, (window.Start - _dayStart).Ticks / TimeSpan.TicksPerMinute);
            last = Math.Max(last, ((window.End - _dayStart).Ticks - 1) / TimeSpan.TicksPerMinute);
        }

        if (_minutes.Count > 0)
        {
            first = Math.Min(first, _minutes.Keys.First());
            last = Math.Max(last, _minutes.Keys.Last());
        }

        var timeline = new List<MinutePoint>();
        int next = 0;
        for (long minute = first; minute <= last && first != long.MaxValue; minute++)
        {
            DateTimeOffset start = _dayStart.AddMinutes(minute);
            while (next < windows.Count && windows[next].End <= start)
            {
                next++;
            }

            bool covered = next < windows.Count && windows[next].Start < start.AddMinutes(1);
            Minute bucket = _minutes.GetValueOrDefault(minute);
            timeline.Add(new MinutePoint(
                start,
                covered || bucket.Count > 0,
                bucket.Count,
                bucket.Count == 0 ? null : Math.Round(bucket.Sum / bucket.Count, 4),
                bucket.TwitchCount == 0 ? null : Math.Round(bucket.TwitchSum / bucket.TwitchCount, 4)));
        }

        return timeline;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private readonly record struct Minute(long Count, double Sum, long TwitchCount, double TwitchSum);

    private readonly record struct Row(string Channel, string? MessageId, DateTimeOffset ReceivedAt, string UserLogin, string Text, double Compound, double? TwitchCompound);

    private static bool TryReadRow(string line, out Row row)
    {
        row = default;
        try
        {
            using var document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("channel", out JsonElement rowChannel) || rowChannel.ValueKind != JsonValueKind.String ||
                !root.TryGetProperty("received_at", out JsonElement received) || !received.TryGetDateTimeOffset(out DateTimeOffset receivedAt) ||
                !root.TryGetProperty("compound", out JsonElement compound) || !compound.TryGetDouble(out double score) ||
                !root.TryGetProperty("text", out JsonElement text) || text.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            string? id = root.TryGetProperty("message_id", out JsonElement idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
            string login = root.TryGetProperty("user_login", out JsonElement loginValue) && loginValue.ValueKind == JsonValueKind.String
                ? loginValue.GetString()!
                : string.Empty;
            double? twitchScore = root.TryGetProperty("twitch_compound", out JsonElement twitch) && twitch.TryGetDouble(out double value) ? value : null;
            row = new Row(rowChannel.GetString()!, id, receivedAt, login, text.GetString()!, score, twitchScore);
            return true;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // not JSON, or a field of the wrong kind (a number where a time is due: the typed reads throw)
            return false;
        }
    }
}

/// <summary>Lines of a results file that were not result rows: how many, and the numbers (from 1) of the first <see cref="Listed"/>.</summary>
/// <param name="Count">How many lines were skipped.</param>
/// <param name="First">The first of them, at most <see cref="Listed"/>.</param>
public sealed record SkippedLines(long Count, IReadOnlyList<long> First)
{
    /// <summary>How many line numbers are kept.</summary>
    public const int Listed = 5;
}

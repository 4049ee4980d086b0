using System.Text.Unicode;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline.RawLogs;
using TwitchSentiment.Pipeline.Results;
using TwitchSentiment.Sentiment;

namespace TwitchSentiment.Pipeline.Analysis;

/// <summary>What an analysis found: counts, the covered windows, and the records it had to skip.</summary>
public sealed class AnalysisSummary
{
    /// <summary>At most this many errors are kept in <see cref="Errors"/>; all are counted.</summary>
    public const int MaxListedErrors = 100;

    /// <summary>The capture's id (from capture-start), or null.</summary>
    public string? CaptureId { get; internal set; }

    /// <summary>Records read (lines and events).</summary>
    public long Records { get; internal set; }

    /// <summary>Chat lines read.</summary>
    public long Lines { get; internal set; }

    /// <summary>Chat messages scored (result rows).</summary>
    public long Messages { get; internal set; }

    /// <summary>When the capture ended and why (capture-end), or null when the log has no end.</summary>
    public string? EndReason { get; internal set; }

    /// <summary>The first and last record times.</summary>
    public DateTimeOffset? First { get; internal set; }

    /// <summary>The last record time.</summary>
    public DateTimeOffset? Last { get; internal set; }

    /// <summary>When the channel was being listened to, merged.</summary>
    public IReadOnlyList<CoveredWindow> Windows { get; internal set; } = [];

    /// <summary>Errors by reason (every one counted).</summary>
    public SortedDictionary<string, long> ErrorCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>The first <see cref="MaxListedErrors"/> errors.</summary>
    public List<RawLogError> Errors { get; } = [];

    /// <summary>Records lost to damage.</summary>
    public long LostRecords { get; internal set; }

    /// <summary>All errors counted.</summary>
    public long ErrorCount => ErrorCounts.Values.Sum();

    internal void Add(RawLogError error)
    {
        ErrorCounts[error.Reason] = ErrorCounts.GetValueOrDefault(error.Reason) + 1;
        LostRecords += error.LostRecords;
        if (Errors.Count < MaxListedErrors)
        {
            Errors.Add(error);
        }
    }
}

/// <summary>
/// Reads a raw log and writes a result row for every chat message in it (PRIVMSG, and USERNOTICE carrying the
/// user's own message). Nothing stops it: damaged parts, invalid UTF-8 and unparseable lines are skipped and counted,
/// everything around them kept. Deterministic: the same log gives the same rows.
/// </summary>
public static class RawLogAnalyzer
{
    /// <summary>Analyzes the raw log in <paramref name="rawLog"/> (seekable) into <paramref name="results"/>.</summary>
    public static AnalysisSummary Analyze(Stream rawLog, ResultsWriter results, VaderAnalyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        analyzer ??= VaderAnalyzer.Default;
        var summary = new AnalysisSummary();
        var coverage = new CoverageTracker();
        using var reader = new RawLogReader(rawLog);
        RawReadResult result;
        while ((result = reader.Next(out RawRecord record, out RawLogError? error)) != RawReadResult.End)
        {
            if (result == RawReadResult.Error)
            {
                summary.Add(error!);
                continue;
            }

            summary.Records++;
            var at = new DateTimeOffset(record.ReceivedAt, TimeSpan.Zero);
            summary.First ??= at;
            summary.Last = at;
            coverage.Seen(at);
            ReadOnlySpan<byte> payload = record.Payload.Span;
            if (record.Kind == RawLogFormat.EventKind)
            {
                CaptureEvent? captureEvent = CaptureEvent.TryParse(payload);
                if (captureEvent is null)
                {
                    summary.Add(new RawLogError("bad-event", 0, record.Index, 0, $"record {record.Index}: not a capture event: {Excerpts.Of(payload)}"));
                    continue;
                }

                coverage.On(captureEvent, at);
                summary.CaptureId ??= captureEvent.CaptureId;
                if (captureEvent.Event == CaptureEvent.End)
                {
                    summary.EndReason = captureEvent.Reason;
                }

                continue;
            }

            summary.Lines++;
            if (ResultFor(record, at, analyzer, summary) is ResultRow row)
            {
                results.Write(row);
                summary.Messages++;
            }
        }

        coverage.Finish();
        summary.Windows = CoveredWindow.Merge(coverage.Windows);
        results.Flush();
        return summary;
    }

    private static ResultRow? ResultFor(RawRecord record, DateTimeOffset at, VaderAnalyzer analyzer, AnalysisSummary summary)
    {
        ReadOnlySpan<byte> line = record.Payload.Span;
        if (!Utf8.IsValid(line))
        {
            summary.Add(new RawLogError("invalid-utf8", 0, record.Index, 0, $"record {record.Index}: the line is not valid UTF-8: {Excerpts.Of(line)}"));
            return null;
        }

        // Only chat messages are turned into rows; skip other lines before paying for a full parse.
        if (line.IndexOf(" PRIVMSG #"u8) < 0 && line.IndexOf(" USERNOTICE #"u8) < 0)
        {
            return null;
        }

        if (!IrcMessage.TryParse(line, out IrcMessage? irc, out IrcParseError parseError))
        {
            summary.Add(new RawLogError("unparseable-line", 0, record.Index, 0, $"record {record.Index}: {parseError}: {Excerpts.Of(line)}"));
            return null;
        }

        switch (TwitchMessage.From(irc!))
        {
            case PrivmsgMessage m:
                return new ResultRow(m.Channel, m.MessageId, m.SentAt, at, m.UserId, m.Login, m.DisplayName, m.Text, analyzer.Score(m.Text));
            case UserNoticeMessage { Text: string text } m:
                return new ResultRow(m.Channel, m.MessageId, m.SentAt, at, m.UserId, m.Login ?? string.Empty, m.DisplayName, text, analyzer.Score(text));
            case UnknownMessage when irc!.Command == "PRIVMSG":
                summary.Add(new RawLogError("malformed-message", 0, record.Index, 0, $"record {record.Index}: a PRIVMSG without channel or text: {Excerpts.Of(line)}"));
                return null;
            default:
                return null; // a USERNOTICE without a user message (a plain sub, a raid): not a chat message
        }
    }
}

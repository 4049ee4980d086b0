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
/// everything around them kept. Deterministic: the same log gives the same rows, whatever the number of cores.
/// </summary>
/// <remarks>
/// Records are read in batches on the calling thread; batches are parsed, scored and formatted on the thread pool,
/// a few at a time, and written (with their errors and capture events) strictly in order. Memory is bounded by the
/// batches in flight, not by the log.
/// </remarks>
public static class RawLogAnalyzer
{
    private const int BatchRecords = 2048;
    private const int BatchBytes = 1 << 20;

    /// <summary>
    /// Analyzes the raw log in <paramref name="rawLog"/> (seekable) into <paramref name="results"/>. Cancelling stops it
    /// between batches (an <see cref="OperationCanceledException"/>): a Lambda deadline ends it in time to say so.
    /// </summary>
    public static async Task<AnalysisSummary> AnalyzeAsync(
        Stream rawLog, ResultsWriter results, TwitchSentimentAnalyzer? twitch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        var scorers = new Scorers(VaderAnalyzer.Default, twitch ?? TwitchSentimentAnalyzer.Default);
        var summary = new AnalysisSummary();
        var coverage = new CoverageTracker();
        using var reader = new RawLogReader(rawLog);
        var inFlight = new Queue<Task<Batch>>();
        int maxInFlight = Math.Max(2, Environment.ProcessorCount * 2);
        var spare = new Stack<Batch>(); // batches are reused: their buffers are the analyzer's largest allocations
        bool end = false;
        while (!end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Batch batch = spare.TryPop(out Batch? reused) ? reused : new Batch();
            while (batch.Count < BatchRecords && batch.Bytes < BatchBytes)
            {
                RawReadResult result = reader.Next(out RawRecord record, out RawLogError? error);
                if (result == RawReadResult.End)
                {
                    end = true;
                    break;
                }

                batch.Add(result == RawReadResult.Error ? error : null, record);
            }

            if (batch.Count > 0)
            {
                inFlight.Enqueue(Task.Run(() => batch.Process(scorers), cancellationToken));
            }

            while (inFlight.Count >= maxInFlight || (end && inFlight.Count > 0))
            {
                Batch done = await inFlight.Dequeue().ConfigureAwait(false);
                done.Drain(summary, coverage, results);
                spare.Push(done.Reset());
            }
        }

        coverage.Finish();
        summary.Windows = CoveredWindow.Merge(coverage.Windows);
        results.Flush();
        return summary;
    }

    /// <summary>A slice of the log: its records (payloads copied), then what processing them gave, in record order.</summary>
    private sealed class Batch
    {
        private readonly List<(RawLogError? Error, long Index, DateTime At, byte Kind, int Start, int Length)> _items = new(BatchRecords);
        private readonly List<(RawLogError? Error, CaptureEvent? Event, DateTimeOffset At)> _notes = [];
        private readonly System.Buffers.ArrayBufferWriter<byte> _csv = new(1 << 16), _jsonl = new(1 << 16);
        private byte[] _payloads = new byte[1 << 16];
        private readonly RowFormatter _formatter = new();
        private readonly PrivmsgRows _privmsgs = new();
        private long _records, _lines, _messages;
        private DateTimeOffset? _first, _last;

        internal int Count => _items.Count;

        internal int Bytes { get; private set; }

        internal void Add(RawLogError? error, RawRecord record)
        {
            if (error is not null)
            {
                _items.Add((error, 0, default, 0, 0, 0));
                return;
            }

            ReadOnlySpan<byte> payload = record.Payload.Span;
            if (Bytes + payload.Length > _payloads.Length)
            {
                Array.Resize(ref _payloads, Math.Max(_payloads.Length * 2, Bytes + payload.Length));
            }

            payload.CopyTo(_payloads.AsSpan(Bytes));
            _items.Add((null, record.Index, record.ReceivedAt, record.Kind, Bytes, payload.Length));
            Bytes += payload.Length;
        }

        internal Batch Process(Scorers analyzer)
        {
            foreach ((RawLogError? error, long index, DateTime time, byte kind, int start, int length) in _items)
            {
                if (error is not null)
                {
                    _notes.Add((error, null, default));
                    continue;
                }

                _records++;
                var at = new DateTimeOffset(time, TimeSpan.Zero);
                _first ??= at;
                _last = at;
                ReadOnlySpan<byte> payload = _payloads.AsSpan(start, length);
                if (kind == RawLogFormat.EventKind)
                {
                    CaptureEvent? captureEvent = CaptureEvent.TryParse(payload);
                    _notes.Add(captureEvent is null
                        ? (new RawLogError("bad-event", 0, index, 0, $"line {index + 1}: not a capture event: {Excerpts.Of(payload)}"), null, at)
                        : (null, captureEvent, at));
                    continue;
                }

                _lines++;
                if (kind == RawLogFormat.IncompleteLineKind)
                {
                    _notes.Add((new RawLogError(
                        "incomplete-line", 0, index, 0,
                        $"line {index + 1}: the line arrived incomplete (longer than the line limit, or cut off by a disconnect), so it is kept but not read: {Excerpts.Of(payload)}"), null, at));
                    continue;
                }

                if (ResultFor(payload, index, at, analyzer, _privmsgs, out RawLogError? problem) is ResultRow row)
                {
                    _formatter.Format(row, _csv, _jsonl);
                    _messages++;
                }
                else if (problem is not null)
                {
                    _notes.Add((problem, null, at));
                }
            }

            return this;
        }

        internal Batch Reset()
        {
            _items.Clear();
            _notes.Clear();
            _csv.ResetWrittenCount();
            _jsonl.ResetWrittenCount();
            Bytes = 0;
            (_records, _lines, _messages, _first, _last) = (0, 0, 0, null, null);
            return this;
        }

        internal void Drain(AnalysisSummary summary, CoverageTracker coverage, ResultsWriter results)
        {
            foreach ((RawLogError? error, CaptureEvent? captureEvent, DateTimeOffset at) in _notes)
            {
                if (error is not null)
                {
                    summary.Add(error);
                }
                else
                {
                    coverage.Seen(at);
                    coverage.On(captureEvent!, at);
                    summary.CaptureId ??= captureEvent!.CaptureId;
                    if (captureEvent!.Event == CaptureEvent.End)
                    {
                        summary.EndReason = captureEvent.Reason;
                    }
                }
            }

            summary.Records += _records;
            summary.Lines += _lines;
            summary.Messages += _messages;
            summary.First ??= _first;
            summary.Last = _last ?? summary.Last;
            if (_last is DateTimeOffset last)
            {
                coverage.Seen(last);
            }

            results.WriteFormatted(_csv.WrittenSpan, _jsonl.WrittenSpan, (int)_messages);
        }
    }

    private sealed record Scorers(VaderAnalyzer Vader, TwitchSentimentAnalyzer Twitch);

    private static ResultRow? ResultFor(
        ReadOnlySpan<byte> line, long index, DateTimeOffset at, Scorers analyzer, PrivmsgRows privmsgs, out RawLogError? problem)
    {
        problem = null;
        if (!Utf8.IsValid(line))
        {
            problem = new RawLogError("invalid-utf8", 0, index, 0, $"line {index + 1}: the line is not valid UTF-8: {Excerpts.Of(line)}");
            return null;
        }

        // Only chat messages are turned into rows; skip other lines before paying for a full parse.
        if (line.IndexOf(" PRIVMSG #"u8) < 0 && line.IndexOf(" USERNOTICE #"u8) < 0)
        {
            return null;
        }

        if (privmsgs.TryRow(line, at, analyzer.Vader, analyzer.Twitch, out ResultRow? fast))
        {
            return fast;
        }

        if (!IrcMessage.TryParse(line, out IrcMessage? irc, out IrcParseError parseError))
        {
            problem = new RawLogError("unparseable-line", 0, index, 0, $"line {index + 1}: {parseError.Describe()}: {Excerpts.Of(line)}");
            return null;
        }

        switch (TwitchMessage.From(irc!))
        {
            case PrivmsgMessage m:
            {
                (SentimentScores scores, double twitch) = ResultRow.Score(m.Text, m.Emotes, analyzer.Vader, analyzer.Twitch);
                return new ResultRow(m.Channel, m.MessageId, m.SentAt, at, m.UserId, m.Login, m.DisplayName, m.Text, scores, twitch);
            }

            case UserNoticeMessage { Text: string text } m:
            {
                (SentimentScores scores, double twitch) = ResultRow.Score(text, m.Emotes, analyzer.Vader, analyzer.Twitch);
                return new ResultRow(m.Channel, m.MessageId, m.SentAt, at, m.UserId, m.Login ?? string.Empty, m.DisplayName, text, scores, twitch);
            }

            case UnknownMessage when irc!.Command == "PRIVMSG":
                problem = new RawLogError("malformed-message", 0, index, 0, $"line {index + 1}: a PRIVMSG without channel or text: {Excerpts.Of(line)}");
                return null;
            default:
                return null; // a USERNOTICE without a user message (a plain sub, a raid): not a chat message
        }
    }
}

using System.Security.Cryptography;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline.RawLogs;
using TwitchSentiment.Sentiment;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Pipeline.Jobs;

/// <summary>How a capture runs.</summary>
public sealed record CaptureOptions
{
    /// <summary>The channels to capture (<c>#name</c> or <c>name</c>); one raw log each.</summary>
    public required IReadOnlyList<string> Channels { get; init; }

    /// <summary>The chat client's settings (endpoint, login, time provider…).</summary>
    public TwitchChatOptions Chat { get; init; } = TwitchChatOptions.Default;

    /// <summary>Stop after this long (null: until cancelled or the deadline).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>A hard end (an invocation deadline); the capture stops <see cref="SafetyMargin"/> before it.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Time kept before <see cref="Deadline"/> to finalise and store the logs.</summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Start a new raw log this often, with no gap and no duplicate between them (null: one log per channel).</summary>
    public TimeSpan? Rotate { get; init; }

    /// <summary>Pending records are written out at least this often, so a crash loses little.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Ends the capture (as a normal end, reason <c>done</c>) when this task completes: a replay that has played everything.</summary>
    public Task? EndWhen { get; init; }

    /// <summary>
    /// Score messages as they arrive for <see cref="CaptureJob.Progress"/>'s rolling sentiment and last message (a live
    /// display). Default false: the analysis scores every message anyway, so a capture nobody watches does not.
    /// </summary>
    public bool LiveSentiment { get; init; }

    /// <summary>Where logs are written while open (default: the system's temp folder).</summary>
    public string? WorkFolder { get; init; }
}

/// <summary>A finished raw log and where it went.</summary>
/// <param name="Channel">The channel's login.</param>
/// <param name="Key">Its key in the store.</param>
/// <param name="Location">Where it is, for people (a path or s3:// URL).</param>
/// <param name="Lines">Received lines in it, every one as analyze counts them (chat or not, complete or not).</param>
/// <param name="Messages">Chat messages among them.</param>
/// <param name="Stored">False when the store already had that key, or storing failed (see <paramref name="KeptAt"/>).</param>
/// <param name="KeptAt">When storing failed: the local file that still holds the log.</param>
public sealed record CapturedLog(string Channel, string Key, string Location, long Lines, long Messages, bool Stored, string? KeptAt);

/// <summary>How a capture ended.</summary>
/// <param name="CaptureId">Its id (in every raw log key).</param>
/// <param name="Logs">The raw logs written, in the order they closed.</param>
/// <param name="Reconnects">Connections re-opened.</param>
/// <param name="EndReason"><c>duration</c>, <c>deadline</c>, <c>done</c> (<see cref="CaptureOptions.EndWhen"/>), <c>cancelled</c>, or <c>error</c>.</param>
/// <param name="Error">What ended it when <paramref name="EndReason"/> is <c>error</c>.</param>
public sealed record CaptureResult(string CaptureId, IReadOnlyList<CapturedLog> Logs, long Reconnects, string EndReason, string? Error)
{
    /// <summary>The channels (logins) never listened to: Twitch never confirmed the JOIN (no full ROOMSTATE came).</summary>
    public IReadOnlyList<string> NeverListened { get; init; } = [];

    /// <summary>
    /// The channels never listened to as <c>#a #b</c>, or null when every channel was heard or the capture was cancelled:
    /// what a capture that heard nothing of a channel reports as its failure (not a quiet chat).
    /// </summary>
    public string? Unheard => NeverListened.Count == 0 || EndReason == "cancelled" ? null : string.Join(' ', NeverListened.Select(c => "#" + c));

    /// <summary>Why the last connection that dropped did (null when none did): for a capture that never connected, why.</summary>
    public string? LastDisconnect { get; init; }
}

/// <summary>A live view of a capture, for displays.</summary>
/// <param name="Lines">Lines received.</param>
/// <param name="Messages">Chat messages received.</param>
/// <param name="Reconnects">Connections re-opened.</param>
/// <param name="RollingCompound">Mean compound score of the last minute's messages, or null (always without <see cref="CaptureOptions.LiveSentiment"/>).</param>
/// <param name="LastMessage">The last chat message, or null (always without <see cref="CaptureOptions.LiveSentiment"/>).</param>
public sealed record CaptureProgress(long Lines, long Messages, long Reconnects, double? RollingCompound, string? LastMessage);

/// <summary>
/// Captures chat into raw logs (<see cref="RawLogFormat"/>): every line the chat client delivers, quarantined ones
/// included, goes to its channel's log as it arrives (lines naming no channel — PING, CAP, numerics — go to every
/// log); memory stays bounded for any duration. Stops at the duration, the deadline less its margin, or
/// cancellation, and always finalises and stores what it captured; a log the store refuses is kept on disk and named.
/// </summary>
public sealed class CaptureJob(IBlobStore store, CaptureOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OpenLog> _logs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _listening = new(StringComparer.Ordinal);
    private readonly HashSet<string> _everListened = new(StringComparer.Ordinal);
    private string? _lastDisconnect;
    private readonly Queue<(DateTimeOffset At, double Compound)> _recent = new();
    private readonly List<CapturedLog> _closed = [];
    private readonly string _captureId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private long _lines, _messages;
    private double _recentSum;
    private string? _lastMessage;
    private TwitchChatClient? _client;
    private string? _endedBy;
    private int _rotations;

    private TimeProvider Time => options.Chat.TimeProvider;

    /// <summary>Raised (on the capture's thread) when a raw log has been stored; a host may analyze it right away.</summary>
    public event Func<CapturedLog, CancellationToken, Task>? LogStored;

    /// <summary>The capture's id.</summary>
    public string CaptureId => _captureId;

    /// <summary>A snapshot for a live display.</summary>
    public CaptureProgress Progress
    {
        get
        {
            lock (_gate)
            {
                DropOldScores(Time.GetUtcNow());
                return new CaptureProgress(
                    _lines, _messages, _client?.Counters.Reconnects ?? 0, _recent.Count == 0 ? null : _recentSum / _recent.Count, _lastMessage);
            }
        }
    }

    /// <summary>Runs the capture to its end and stores every log.</summary>
    public async Task<CaptureResult> RunAsync(CancellationToken cancellationToken)
    {
        string[] channels = [.. options.Channels.Select(c => ChannelName.Parse(c).Login).Distinct(StringComparer.Ordinal)];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        DateTimeOffset start = Time.GetUtcNow();
        string reason = StopTimer(stop, start);
        using CancellationTokenSource storing = StoreTimeLimit(start);
        string? error = null;
        await using var client = new TwitchChatClient(options.Chat);
        _client = client;
        lock (_gate)
        {
            foreach (string channel in channels)
            {
                Open(channel, start, continuing: false);
            }
        }

        client.StateChanged += OnStateChanged;
        client.Join(channels);
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Min(options.FlushInterval.TotalMilliseconds, 1000)), Time);
        Task ticking = TickAsync(ticker, storing.Token, stop.Token);
        try
        {
            await foreach (ChatLine line in client.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    Write(line);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            reason = cancellationToken.IsCancellationRequested ? "cancelled" : Volatile.Read(ref _endedBy) ?? reason;
        }
        catch (Exception failure) when (failure is TwitchAuthenticationException or IOException)
        {
            (reason, error) = ("error", failure.Message);
        }
        finally
        {
            client.StateChanged -= OnStateChanged;
            await stop.CancelAsync().ConfigureAwait(false);
            await ticking.ConfigureAwait(false);
        }

        List<OpenLog> finished;
        lock (_gate)
        {
            finished = [.. _logs.Values.Select(log => Close(log, Time.GetUtcNow(), reason))];
            _logs.Clear();
        }

        // Store even when cancelled: what was captured is kept. Side by side, so a group of many channels fits the
        // time before a deadline; listed, and handed on, in the order the logs closed.
        var stored = new CapturedLog[finished.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, finished.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelStores },
            async (i, _) => stored[i] = await PutAsync(finished[i], storing.Token).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (CapturedLog log in stored)
        {
            await KeepAsync(log, storing.Token).ConfigureAwait(false);
        }

        lock (_gate)
        {
            return new CaptureResult(_captureId, _closed, client.Counters.Reconnects, reason, error)
            {
                NeverListened = [.. channels.Where(channel => !_everListened.Contains(channel))],
                LastDisconnect = _lastDisconnect,
            };
        }
    }

    /// <summary>How long before a deadline stores stop: a quarter of the safety margin (5 s of the default 20).</summary>
    private TimeSpan StoreReserve => options.SafetyMargin / 4;

    /// <summary>
    /// The time stores may take: before a deadline they stop <see cref="StoreReserve"/> short of it, so a slow store ends
    /// as a log kept on disk and named in the result, not as a process killed mid-upload. A user's cancellation never
    /// stops a store.
    /// </summary>
    private CancellationTokenSource StoreTimeLimit(DateTimeOffset start)
    {
        if (options.Deadline is not DateTimeOffset deadline)
        {
            return new CancellationTokenSource();
        }

        TimeSpan left = deadline - StoreReserve - start;
        return new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, Time);
    }

    private string StopTimer(CancellationTokenSource stop, DateTimeOffset start)
    {
        TimeSpan? limit = options.Duration;
        string reason = "duration";
        if (options.Deadline is DateTimeOffset deadline)
        {
            TimeSpan untilDeadline = deadline - options.SafetyMargin - start;
            if (limit is null || untilDeadline < limit)
            {
                (limit, reason) = (untilDeadline > TimeSpan.Zero ? untilDeadline : TimeSpan.Zero, "deadline");
            }
        }

        if (limit is TimeSpan after)
        {
            // Cancelled through the job's time provider so tests can run captures on a fake clock.
            _ = Task.Delay(after, Time, stop.Token).ContinueWith(_ => stop.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        if (options.EndWhen is Task endWhen)
        {
            _ = endWhen.ContinueWith(
                _ =>
                {
                    Interlocked.CompareExchange(ref _endedBy, "done", null);
                    stop.Cancel();
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }

        return reason;
    }

    private async Task TickAsync(PeriodicTimer ticker, CancellationToken storing, CancellationToken cancellationToken)
    {
        DateTimeOffset? nextRotation = options.Rotate is TimeSpan period ? Time.GetUtcNow() + period : null;
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                DateTimeOffset now = Time.GetUtcNow();
                List<OpenLog> rotated = [];
                lock (_gate)
                {
                    if (nextRotation is DateTimeOffset due && now >= due)
                    {
                        // Close and reopen under the lock: the line after this instant goes to the new log, none is lost or doubled.
                        _rotations++;
                        foreach (string channel in _logs.Keys.ToList())
                        {
                            rotated.Add(Close(_logs[channel], now, "rotate"));
                            Open(channel, now, continuing: true);
                        }

                        nextRotation = due + options.Rotate!.Value;
                    }

                    foreach (OpenLog log in _logs.Values)
                    {
                        if (log.Writer.PendingSince is DateTimeOffset since && now - since >= options.FlushInterval)
                        {
                            log.Writer.Flush();
                        }
                    }
                }

                // stored even when the capture stops meanwhile: a rotated log is closed and in no list but this one
                foreach (OpenLog log in rotated)
                {
                    await KeepAsync(await PutAsync(log, storing).ConfigureAwait(false), storing).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The capture is ending.
        }
    }

    private void OnStateChanged(object? sender, ChatStateChange change)
    {
        if (change.State != ChatConnectionState.Disconnected)
        {
            return;
        }

        lock (_gate)
        {
            _lastDisconnect = change.Reason ?? "disconnected";
            foreach ((string channel, int connection) in _listening.ToList())
            {
                if (connection == change.ConnectionId)
                {
                    _listening.Remove(channel);
                }
            }

            var disconnected = new CaptureEvent(CaptureEvent.Disconnected, Connection: change.ConnectionId, Reason: change.Reason ?? "disconnected");
            foreach (OpenLog log in _logs.Values)
            {
                log.Writer.WriteEvent(change.At, disconnected);
            }
        }
    }

    private void Write(ChatLine line)
    {
        _lines++;
        string? channel = line.Message?.Irc.Channel ?? ChannelOf(line.RawBytes);
        if (channel is null || !_logs.TryGetValue(channel, out OpenLog? log))
        {
            foreach (OpenLog each in _logs.Values)
            {
                each.Writer.WriteLine(line.ReceivedAt, line.RawBytes, line.IsIncomplete);
                each.Lines++; // counted as analyze counts them: every line in the log
            }

            return;
        }

        log.Writer.WriteLine(line.ReceivedAt, line.RawBytes, line.IsIncomplete);
        log.Lines++;
        switch (line.Message)
        {
            case RoomStateMessage { IsFull: true }:
                _listening[channel] = line.ConnectionId;
                _everListened.Add(channel);
                log.Writer.WriteEvent(line.ReceivedAt, new CaptureEvent(CaptureEvent.Listening, Channel: "#" + channel, Connection: line.ConnectionId));
                break;
            case PrivmsgMessage privmsg:
                Scored(log, line.ReceivedAt, privmsg.Login, privmsg.Text);
                break;
            case UserNoticeMessage { Text: string text } notice:
                Scored(log, line.ReceivedAt, notice.Login ?? string.Empty, text);
                break;
            default:
                break;
        }
    }

    private void Scored(OpenLog log, DateTimeOffset at, string login, string text)
    {
        log.Messages++;
        _messages++;
        if (!options.LiveSentiment)
        {
            return;
        }

        double compound = VaderAnalyzer.Default.Score(text).Compound;
        _recent.Enqueue((at, compound));
        _recentSum += compound;
        DropOldScores(at);
        _lastMessage = $"{login}: {text}";
    }

    private void DropOldScores(DateTimeOffset now)
    {
        while (_recent.TryPeek(out var oldest) && now - oldest.At > TimeSpan.FromMinutes(1))
        {
            _recentSum -= _recent.Dequeue().Compound;
        }
    }

    /// <summary>The channel a line that could not be parsed names, if it names exactly one we capture.</summary>
    private string? ChannelOf(byte[] raw)
    {
        string? found = null;
        foreach (string channel in _logs.Keys)
        {
            if (raw.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(" #" + channel + " ")) >= 0)
            {
                if (found is not null)
                {
                    return null;
                }

                found = channel;
            }
        }

        return found;
    }

    private void Open(string channel, DateTimeOffset at, bool continuing)
    {
        string folder = options.WorkFolder ?? Path.GetTempPath();
        Directory.CreateDirectory(folder);
        // Rotated logs of one capture are told apart by their number (two may start in the same second).
        string logId = continuing ? $"{_captureId}-{_rotations:D4}" : _captureId;
        string key = LogKeys.Raw(channel, at, logId);
        string path = Path.Combine(folder, $"twitch-sentiment-{Path.GetFileName(key)}-{channel}");
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        var log = new OpenLog(channel, key, path, file, new RawLogWriter(file));
        log.Writer.WriteEvent(at, new CaptureEvent(
            CaptureEvent.Start, CaptureId: _captureId, Channels: ["#" + channel], Endpoint: options.Chat.Endpoint.ToString()));
        if (continuing && _listening.TryGetValue(channel, out int connection))
        {
            // Rotated: the channel is still being listened to, so this log covers it from its first instant.
            log.Writer.WriteEvent(at, new CaptureEvent(CaptureEvent.Listening, Channel: "#" + channel, Connection: connection));
        }

        _logs[channel] = log;
    }

    private static OpenLog Close(OpenLog log, DateTimeOffset at, string reason)
    {
        log.Writer.WriteEvent(at, new CaptureEvent(CaptureEvent.End, Reason: reason));
        log.Writer.Dispose();
        log.File.Dispose();
        return log;
    }

    /// <summary>Raw logs stored at once at the end of a capture (one per channel; a group may have 90).</summary>
    private const int ParallelStores = 8;

    /// <summary>Stores a closed log; a log the store refuses or does not take in time stays on disk, and the result says where.</summary>
    private async Task<CapturedLog> PutAsync(OpenLog log, CancellationToken cancellationToken)
    {
        try
        {
            bool stored;
            await using (var file = new FileStream(log.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            {
                stored = await store.PutAsync(log.Key, file, cancellationToken).ConfigureAwait(false);
            }

            File.Delete(log.Path);
            return new CapturedLog(log.Channel, log.Key, store.Describe(log.Key), log.Lines, log.Messages, stored, null);
        }
        catch (BlobStoreException failure)
        {
            // Never lose a capture: the file stays where it is and the result says so.
            return new CapturedLog(log.Channel, log.Key, failure.Message, log.Lines, log.Messages, false, log.Path);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            string why = $"storing it in {store.Describe(log.Key)} did not finish {StoreReserve.TotalSeconds:0.###} s before the deadline ({options.Deadline:O}); the store is too slow or cannot be reached";
            return new CapturedLog(log.Channel, log.Key, why, log.Lines, log.Messages, false, log.Path);
        }
    }

    /// <summary>Lists a log in the result and hands a stored one to <see cref="LogStored"/>, which a deadline may cut short.</summary>
    private async Task KeepAsync(CapturedLog captured, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _closed.Add(captured);
        }

        if (captured.Stored && LogStored is { } handler)
        {
            try
            {
                await handler(captured, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the log is stored; what the handler did with it (an analysis) can be done again
            }
        }
    }

    private sealed class OpenLog(string channel, string key, string path, FileStream file, RawLogWriter writer)
    {
        public string Channel { get; } = channel;

        public string Key { get; } = key;

        public string Path { get; } = path;

        public FileStream File { get; } = file;

        public RawLogWriter Writer { get; } = writer;

        public long Lines { get; set; }

        public long Messages { get; set; }
    }
}

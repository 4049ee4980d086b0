using System.Net;
using System.Net.Sockets;
using System.Text;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline.RawLogs;

namespace TwitchSentiment.Pipeline.Replay;

/// <summary>A recorded chat line to replay: when it was received and its exact text.</summary>
/// <param name="At">When it was originally received (only differences between lines matter).</param>
/// <param name="Line">The IRC line without CR LF.</param>
public readonly record struct ReplayLine(DateTimeOffset At, string Line)
{
    /// <summary>
    /// The line's bytes as received when they are not UTF-8 (then <see cref="Line"/> has U+FFFD in their place): these
    /// are sent instead, so a capture of the replay keeps what the original capture kept. Empty for UTF-8 lines.
    /// </summary>
    public ReadOnlyMemory<byte> Bytes { get; init; }
}

/// <summary>
/// A local Twitch-compatible chat server (plain TCP, <c>irc://127.0.0.1:PORT</c>) that plays recorded chat: it
/// answers CAP REQ, the login and JOIN as Twitch does (JOIN echo, NAMES, USERSTATE and the full ROOMSTATE), then sends
/// each joined channel's recorded lines with their original spacing divided by <see cref="Speed"/>, and answers PING.
/// Session lines of the recording (welcome, CAP, JOIN, USERSTATE, full ROOMSTATE, PING/PONG, RECONNECT) are not
/// replayed; the server makes its own. After the last line the connection stays open and idle.
/// <para>By default every connection gets the whole recording from its start. With <see cref="Live"/> the recording
/// plays once, like a live channel, from the first JOIN on: a client joining later hears only what is said from then,
/// so overlapping captures of one chat can be tested.</para>
/// </summary>
public sealed class ReplayServer : IAsyncDisposable
{
    private static readonly HashSet<string> SessionCommands = new(StringComparer.OrdinalIgnoreCase)
    {
        "CAP", "001", "002", "003", "004", "353", "366", "372", "375", "376", "JOIN", "PART", "USERSTATE", "GLOBALUSERSTATE",
        "PING", "PONG", "RECONNECT",
    };

    private readonly Func<IEnumerable<ReplayLine>> _lines;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _accepting;
    private long _liveStart;

    /// <summary>Starts serving on 127.0.0.1 and <paramref name="port"/> (0: any free port). Each connection gets its own replay.</summary>
    public ReplayServer(Func<IEnumerable<ReplayLine>> lines, int port = 0, double speed = 1, bool live = false)
    {
        Live = live;
        _lines = lines ?? throw new ArgumentNullException(nameof(lines));
        Speed = speed;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>How much faster than recorded to play (2 = twice as fast; 0 or infinity = as fast as possible).</summary>
    public double Speed { get; }

    /// <summary>Whether the recording plays once for everybody (from the first JOIN) rather than from the start for each connection.</summary>
    public bool Live { get; }

    /// <summary>The URL to give a capture: <c>irc://127.0.0.1:PORT</c>.</summary>
    public string Url => $"irc://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Completes when a connection has been sent every recorded line of the channels it joined.</summary>
#pragma warning disable VSTHRD003 // the server's own completion signal, set by its replay task
    public Task Finished => _finished.Task;
#pragma warning restore VSTHRD003

    /// <summary>The chat lines (<c>&lt;</c> records) of a raw log file, read lazily; damaged parts are skipped.</summary>
    public static IEnumerable<ReplayLine> FromRawLog(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new RawLogReader(file);
        RawReadResult result;
        while ((result = reader.Next(out RawRecord record, out _)) != RawReadResult.End)
        {
            if (result == RawReadResult.Record && record.Kind == RawLogFormat.LineKind)
            {
                ReadOnlySpan<byte> payload = record.Payload.Span;
                yield return new ReplayLine(new DateTimeOffset(record.ReceivedAt, TimeSpan.Zero), Encoding.UTF8.GetString(payload))
                {
                    Bytes = System.Text.Unicode.Utf8.IsValid(payload) ? default : payload.ToArray(),
                };
            }
        }
    }

    /// <summary>Stops serving and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
#pragma warning disable VSTHRD003 // the accept loop this instance started
            await _accepting.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                connections.Add(ServeAsync(client, _stop.Token));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The listener stopped.
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var connection = client;
        using var write = new SemaphoreSlim(1, 1);
        NetworkStream stream = client.GetStream();
        var joined = new HashSet<string>(StringComparer.Ordinal);
        Task? replaying = null;
        string nick = "justinfan0";
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        Task SendAsync(string line) => SendBytesAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

        Task SendLineAsync(ReplayLine line) => line.Bytes.IsEmpty ? SendAsync(line.Line) : SendBytesAsync([.. line.Bytes.Span, (byte)'\r', (byte)'\n']);

        async Task SendBytesAsync(byte[] bytes)
        {
            await write.WaitAsync(streaming.Token).ConfigureAwait(false);
            try
            {
                await stream.WriteAsync(bytes, streaming.Token).ConfigureAwait(false);
            }
            finally
            {
                write.Release();
            }
        }

        try
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is string line)
            {
                if (!IrcMessage.TryParse(line, out IrcMessage? message, out _))
                {
                    continue;
                }

                switch (message!.Command.ToUpperInvariant())
                {
                    case "CAP" when message.Params.Count >= 2 && message.Params[0] == "REQ":
                        await SendAsync($":tmi.twitch.tv CAP * ACK :{message.Params[^1]}").ConfigureAwait(false);
                        break;
                    case "NICK" when message.Params.Count >= 1:
                        nick = message.Params[0];
                        foreach (string welcome in new[] { "001 {0} :Welcome, GLHF!", "002 {0} :Your host is tmi.twitch.tv", "003 {0} :This server is rather new", "004 {0} :-", "375 {0} :-", "372 {0} :You are in a maze of twisty passages, all alike.", "376 {0} :>" })
                        {
                            await SendAsync(":tmi.twitch.tv " + string.Format(System.Globalization.CultureInfo.InvariantCulture, welcome, nick)).ConfigureAwait(false);
                        }

                        break;
                    case "JOIN" when message.Params.Count >= 1:
                        foreach (string channel in message.Params[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
                        {
                            await SendAsync($":{nick}!{nick}@{nick}.tmi.twitch.tv JOIN {channel}").ConfigureAwait(false);
                            await SendAsync($":{nick}.tmi.twitch.tv 353 {nick} = {channel} :{nick}").ConfigureAwait(false);
                            await SendAsync($":{nick}.tmi.twitch.tv 366 {nick} {channel} :End of /NAMES list").ConfigureAwait(false);
                            await SendAsync($"@badge-info=;badges=;color=;display-name={nick};emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE {channel}").ConfigureAwait(false);
                            await SendAsync($"@emote-only=0;followers-only=-1;r9k=0;room-id=0;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE {channel}").ConfigureAwait(false);
                            lock (joined)
                            {
                                joined.Add(channel.TrimStart('#').ToLowerInvariant());
                            }
                        }

                        replaying ??= Task.Run(() => ReplayAsync(SendLineAsync, joined, streaming.Token), CancellationToken.None);
                        break;
                    case "PING":
                        await SendAsync($":tmi.twitch.tv PONG tmi.twitch.tv :{(message.Params.Count > 0 ? message.Params[^1] : "tmi.twitch.tv")}").ConfigureAwait(false);
                        break;
                    default:
                        break;
                }
            }
        }
        catch (Exception error) when (error is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            await streaming.CancelAsync().ConfigureAwait(false);
            if (replaying is not null)
            {
                await replaying.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static long InterlockedFirst(ref long field, long value)
    {
        long previous = Interlocked.CompareExchange(ref field, value, 0);
        return previous == 0 ? value : previous;
    }

    private async Task ReplayAsync(Func<ReplayLine, Task> send, HashSet<string> joined, CancellationToken cancellationToken)
    {
        DateTimeOffset? first = null;
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        long started = Live ? InterlockedFirst(ref _liveStart, now) : now;
        bool paced = Speed > 0 && !double.IsPositiveInfinity(Speed);
        foreach (ReplayLine line in _lines())
        {
            // A line that does not parse is replayed as it was received: the capture must keep it too.
            bool parsed = IrcMessage.TryParse(line.Line, out IrcMessage? message, out _);
            if (parsed && (SessionCommands.Contains(message!.Command) || TwitchMessage.From(message) is RoomStateMessage { IsFull: true }))
            {
                continue;
            }

            string? channel = parsed ? message!.Channel : null;
            lock (joined)
            {
                if (channel is not null && !joined.Contains(channel))
                {
                    continue;
                }
            }

            first ??= line.At;
            if (paced)
            {
                TimeSpan due = (line.At - first.Value) / Speed;
                TimeSpan wait = due - System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (Live && System.Diagnostics.Stopwatch.GetElapsedTime(started, now) > due)
                {
                    continue; // said before this client joined the live chat
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            await send(line).ConfigureAwait(false);
        }

        _finished.TrySetResult();
    }
}

using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TwitchSentiment.Irc.Internal;

namespace TwitchSentiment.Irc;

/// <summary>
/// Reads Twitch chat: joins channels (paced, at most <see cref="TwitchChatOptions.MaxChannelsPerConnection"/> per
/// connection), keeps every connection alive (PING/PONG), reconnects by itself (at once on RECONNECT, with jittered
/// backoff after failures, rejoining everything), drops messages delivered twice, and hands every received line to
/// <see cref="ReadAllAsync"/>. Dispose it to stop; nothing it starts outlives <see cref="DisposeAsync"/>.
/// </summary>
public sealed class TwitchChatClient : IAsyncDisposable
{
    private readonly List<ChatConnection> _connections = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _lines;
    private long _bytes;
    private long _quarantined;
    private long _duplicates;
    private long _dropped;
    private long _reconnects;
    private int _disposed;

    /// <summary>Builds a client; nothing connects until the first <see cref="Join"/>.</summary>
    public TwitchChatClient(TwitchChatOptions? options = null)
    {
        Options = options ?? TwitchChatOptions.Default;
        Options.Validate();
        Logger = Options.LoggerFactory.CreateLogger(LogMessages.Category);
        JoinLimiter = new JoinRateLimiter(Options.JoinsPerWindow, Options.JoinWindow, Options.TimeProvider);
        Deduplicator = new MessageDeduplicator(Options.DeduplicationWindow);
        Lines = Channel.CreateBounded<ChatLine>(
            new BoundedChannelOptions(Options.BufferCapacity) { FullMode = Options.FullMode, SingleReader = false },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Raised when a connection changes state. A handler that throws is logged and ignored.</summary>
    public event EventHandler<ChatStateChange>? StateChanged;

    /// <summary>The counters so far.</summary>
    public ChatCounters Counters => new(
        Interlocked.Read(ref _lines),
        Interlocked.Read(ref _bytes),
        Interlocked.Read(ref _quarantined),
        Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _reconnects));

    /// <summary>The channels joined or being joined, as logins.</summary>
    public IReadOnlyCollection<string> Channels
    {
        get
        {
            lock (_lock)
            {
                return _connections.SelectMany(connection => connection.ChannelLogins).ToArray();
            }
        }
    }

    internal TwitchChatOptions Options { get; }

    internal ILogger Logger { get; }

    internal JoinRateLimiter JoinLimiter { get; }

    internal MessageDeduplicator Deduplicator { get; }

    internal Channel<ChatLine> Lines { get; }

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Joins <paramref name="channels"/> ("#name" or "name"): every name is checked first, and a bad one throws
    /// <see cref="ArgumentException"/> before anything is joined. Returns at once; JOINs go out paced in the background.
    /// </summary>
    public void Join(params IEnumerable<string> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ChannelName[] names = channels.Select(ChannelName.Parse).Distinct().ToArray();
        lock (_lock)
        {
            // Checked again under the lock: DisposeAsync sets the flag under it, so no connection starts after dispose.
            ObjectDisposedException.ThrowIf(_disposed != 0 || _stopping.IsCancellationRequested, this);
            foreach (ChannelName name in names)
            {
                if (_connections.Any(connection => connection.Has(name.Login)))
                {
                    continue;
                }

                ChatConnection? connection = _connections.FirstOrDefault(c => c.ChannelCount < Options.MaxChannelsPerConnection);
                if (connection is null)
                {
                    connection = new ChatConnection(this, _connections.Count + 1);
                    _connections.Add(connection);
                    connection.Start();
                }

                connection.Add(name.Login);
            }
        }
    }

    /// <summary>Leaves <paramref name="channel"/>; returns at once, the PART goes out in the background.</summary>
    public void Part(string channel)
    {
        string login = ChannelName.Parse(channel).Login;
        lock (_lock)
        {
            _connections.FirstOrDefault(connection => connection.Has(login))?.Remove(login);
        }
    }

    /// <summary>
    /// Every received line, in order per connection, until the client is disposed. Throws
    /// <see cref="TwitchAuthenticationException"/> when Twitch refused the login for good.
    /// </summary>
    public IAsyncEnumerable<ChatLine> ReadAllAsync(CancellationToken cancellationToken = default) => Lines.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Stops every connection and waits for them; then <see cref="ReadAllAsync"/> ends.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] loops;
        lock (_lock)
        {
            if (_disposed != 0)
            {
                return;
            }

            _disposed = 1;
            loops = _connections.Select(connection => connection.Loop).ToArray();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);

        await Task.WhenAll(loops).ConfigureAwait(false);
        Lines.Writer.TryComplete();
        _stopping.Dispose();
    }

    internal void Fail(Exception exception)
    {
        Lines.Writer.TryComplete(exception);
        _stopping.Cancel();
    }

    internal void CountLine(int bytes)
    {
        Interlocked.Increment(ref _lines);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void CountQuarantined() => Interlocked.Increment(ref _quarantined);

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountReconnect() => Interlocked.Increment(ref _reconnects);

    internal void Report(int connectionId, ChatConnectionState state, string? reason)
    {
        try
        {
            StateChanged?.Invoke(this, new ChatStateChange(connectionId, state, reason, Options.TimeProvider.GetUtcNow()));
        }
#pragma warning disable CA1031 // a consumer's handler must not break the connection loop; it is logged
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogMessages.StateHandlerFailed(Logger, exception);
        }
    }
}

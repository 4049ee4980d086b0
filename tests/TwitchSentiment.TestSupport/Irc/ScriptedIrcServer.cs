using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;

namespace TwitchSentiment.TestSupport.Irc;

/// <summary>
/// An in-process IRC server on 127.0.0.1 (port 0) for tests: plain TCP, TLS with a self-signed certificate made in
/// process, or WebSocket (plain or TLS) with the upgrade handshake done here. Each accepted client becomes a
/// <see cref="ServerConnection"/> the test drives, or that answers in the Twitch dialect. Dispose stops everything.
/// </summary>
public sealed class ScriptedIrcServer : IAsyncDisposable
{
    /// <summary>Accepted connections waiting for <see cref="AcceptConnectionAsync"/>; beyond this the server stops accepting.</summary>
    private const int AcceptedCapacity = 64;

    /// <summary>Room and user ids start here, one per distinct name, so lines look like Twitch's numeric ids.</summary>
    private const long FirstId = 100_001;

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<ServerConnection> _accepted = Channel.CreateBounded<ServerConnection>(AcceptedCapacity);
    private readonly Lock _gate = new();
    private readonly List<ServerConnection> _connections = [];
    private readonly List<JoinAttempt> _joinAttempts = [];
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private readonly byte[]? _certificateBytes;
    private Task _acceptLoop = Task.CompletedTask;
    private long _messageCount;
    private int _connectionsAccepted;
    private int _disposed;

    private ScriptedIrcServer(ScriptedIrcServerOptions options)
    {
        Options = options;
        if (options.Mode is ScriptedIrcServerMode.Tls or ScriptedIrcServerMode.SecureWebSocket)
        {
            Certificate = ServerHandshakes.CreateCertificate(options.CertificateHostName);
            _certificateBytes = Certificate.RawData;
        }

        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    /// <summary>The options the server runs with.</summary>
    public ScriptedIrcServerOptions Options { get; }

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The URL a client connects to, such as <c>ircs://127.0.0.1:40123</c> or <c>ws://127.0.0.1:40123/</c>.</summary>
    public string EndpointUrl
    {
        get
        {
            string scheme = Options.Mode switch
            {
                ScriptedIrcServerMode.Tcp => "irc",
                ScriptedIrcServerMode.Tls => "ircs",
                ScriptedIrcServerMode.WebSocket => "ws",
                _ => "wss",
            };
            string path = Options.Mode is ScriptedIrcServerMode.WebSocket or ScriptedIrcServerMode.SecureWebSocket ? Options.WebSocketPath : "";
            return string.Create(CultureInfo.InvariantCulture, $"{scheme}://127.0.0.1:{Port}{path}");
        }
    }

    /// <summary>The self-signed server certificate in TLS modes; null otherwise.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>
    /// A certificate check that trusts exactly this server's certificate: the chain may be untrusted (it is
    /// self-signed) but the certificate must be this one and its name must match.
    /// </summary>
    public RemoteCertificateValidationCallback TrustServerCertificate => (_, certificate, _, errors) =>
        _certificateBytes is not null
        && certificate is not null
        && certificate.GetRawCertData().AsSpan().SequenceEqual(_certificateBytes)
        && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;

    /// <summary>How many TCP connections the server has accepted.</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _connectionsAccepted);

    /// <summary>Every connection accepted so far, in order.</summary>
    public IReadOnlyList<ServerConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Every channel a client asked to JOIN under the Twitch dialect, with the server's time and the outcome.</summary>
    public IReadOnlyList<JoinAttempt> JoinAttempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _joinAttempts];
            }
        }
    }

    /// <summary>Starts listening on 127.0.0.1, port 0.</summary>
    public static Task<ScriptedIrcServer> StartAsync(ScriptedIrcServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var server = new ScriptedIrcServer(options ?? ScriptedIrcServerOptions.Default);
        server._listener.Start();
        server._acceptLoop = server.AcceptLoopAsync(server._stopping.Token);
        return Task.FromResult(server);
    }

    /// <summary>Waits for the next client to connect (TCP accepted; a TLS or WebSocket handshake may still be running).</summary>
    public async Task<ServerConnection> AcceptConnectionAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        limit.CancelAfter(timeout ?? Options.WaitTimeout);
        try
        {
            return await _accepted.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"No client connected to {EndpointUrl} within {timeout ?? Options.WaitTimeout} ({ConnectionsAccepted} accepted before).");
        }
    }

    /// <summary>Stops accepting, closes every connection and waits for all the server's tasks.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop.WaitAsync(Options.WaitTimeout);
        var failures = new List<Exception>();
        foreach (ServerConnection connection in Connections)
        {
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                failures.Add(exception);
            }
        }

        _stopping.Dispose();
        Certificate?.Dispose();
        if (failures.Count > 0)
        {
            throw new AggregateException("The scripted IRC server failed.", failures);
        }
    }

    /// <summary>Records a JOIN of <paramref name="channel"/>; false when the rate limit refuses it.</summary>
    internal bool TryRecordJoin(int connectionId, string channel, TwitchDialectOptions options)
    {
        DateTimeOffset now = Options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            bool accepted = !options.EnforceJoinRateLimit
                || _joinAttempts.Count(join => join.Accepted && now - join.At < options.JoinRateWindow) < options.JoinRateLimit;
            _joinAttempts.Add(new JoinAttempt(connectionId, channel, now, accepted));
            return accepted;
        }
    }

    /// <summary>A stable numeric id for a name (a <c>#channel</c> for room-id, a login for user-id).</summary>
    internal long IdFor(string name)
    {
        lock (_gate)
        {
            if (!_ids.TryGetValue(name, out long id))
            {
                id = FirstId + _ids.Count;
                _ids.Add(name, id);
            }

            return id;
        }
    }

    /// <summary>A unique message id in UUID form, numbered so tests can read them.</summary>
    internal string NextMessageId() =>
        string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{Interlocked.Increment(ref _messageCount):x12}");

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                Socket socket = await _listener.AcceptSocketAsync(cancellationToken);
                var connection = new ServerConnection(this, socket, Interlocked.Increment(ref _connectionsAccepted));
                lock (_gate)
                {
                    _connections.Add(connection);
                }

                connection.Start();
                if (Options.TwitchDialect is { } dialect)
                {
                    connection.StartTwitchDialect(dialect);
                }

                await _accepted.Writer.WriteAsync(connection, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException
            || (exception is InvalidOperationException && cancellationToken.IsCancellationRequested))
        {
            // Stopped by DisposeAsync (an accept started after the listener stopped says "Not listening").
        }
    }
}

using System.Globalization;
using TwitchSentiment.Irc.Transport;

namespace TwitchSentiment.Irc.Internal;

/// <summary>
/// One IRC connection of a <see cref="TwitchChatClient"/> and the loop that keeps it up: connect, CAP, login,
/// JOIN its channels (paced), read, answer PING, watch for silence, and on any break reconnect and rejoin.
/// A session ends through one path (<see cref="BreakAsync"/>), which records the first cause and closes the transport.
/// </summary>
internal sealed class ChatConnection(TwitchChatClient client, int id)
{
    private readonly HashSet<string> _channels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _joinedThisSession = new(StringComparer.Ordinal);
    private readonly Queue<string> _pendingParts = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _membershipChanged = new(0);
    private readonly ReconnectBackoff _backoff = new(client.Options.ReconnectBaseDelay, client.Options.ReconnectMaxDelay, new Random());
    private Session? _session;
    private int _failures;
    private bool _afterAuthenticationFailure; // the last login was refused: ask the token source for a fresh token

    internal Task Loop { get; private set; } = Task.CompletedTask;

    internal int ChannelCount
    {
        get
        {
            lock (_lock)
            {
                return _channels.Count;
            }
        }
    }

    internal IEnumerable<string> ChannelLogins
    {
        get
        {
            lock (_lock)
            {
                return _channels.ToArray();
            }
        }
    }

    private TwitchChatOptions Options => client.Options;

    private TimeProvider Clock => client.Options.TimeProvider;

    internal bool Has(string login)
    {
        lock (_lock)
        {
            return _channels.Contains(login);
        }
    }

    internal void Add(string login)
    {
        lock (_lock)
        {
            _channels.Add(login);
        }

        _membershipChanged.Release();
    }

    internal void Remove(string login)
    {
        lock (_lock)
        {
            if (_channels.Remove(login) && _joinedThisSession.Remove(login))
            {
                _pendingParts.Enqueue(login);
            }
        }

        _membershipChanged.Release();
    }

    internal void Start() => Loop = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        CancellationToken stopping = client.Stopping;
        bool first = true;
        while (!stopping.IsCancellationRequested)
        {
            string reason;
            try
            {
                if (!first)
                {
                    client.CountReconnect();
                }

                first = false;
                reason = await RunSessionAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (TwitchAuthenticationException refused)
            {
                LogMessages.LoginRefused(client.Logger, id, refused.Message);
                if (_afterAuthenticationFailure || Options.Login is null)
                {
                    client.Report(id, ChatConnectionState.Stopped, refused.Message);
                    client.Fail(refused);
                    return;
                }

                // Tokens expire while a connection is up and fail only at the next login: refresh once, then retry.
                _afterAuthenticationFailure = true;
                reason = refused.Message;
            }
#pragma warning disable CA1031 // any failure of one session ends in a reconnect; it is reported and logged
            catch (Exception failure)
#pragma warning restore CA1031
            {
                reason = Describe(failure);
            }

            // A session that logged in reset _failures to 0; RECONNECT then costs nothing, and any other end retries at
            // once (Delay(1) is zero). A server that sends RECONNECT before the welcome backs off like any failure.
            _failures = reason == ServerRequestedReconnect && _failures == 0 ? 0 : _failures + 1;
            TimeSpan delay = _backoff.Delay(_failures);
            client.Report(id, ChatConnectionState.Disconnected, reason);
            LogMessages.Disconnected(client.Logger, id, reason, delay);
            try
            {
                await Task.Delay(delay, Clock, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        client.Report(id, ChatConnectionState.Stopped, "stopped");
    }

    private const string ServerRequestedReconnect = "the server sent RECONNECT";

    /// <summary>One connection from connect to break. Returns why it ended; throws on a refused login.</summary>
    private async Task<string> RunSessionAsync(CancellationToken stopping)
    {
        client.Report(id, ChatConnectionState.Connecting, null);
        LogMessages.Connecting(client.Logger, id, Options.Endpoint.ToString());
        IIrcTransport transport = await IrcTransports.ConnectAsync(
            Options.Endpoint, Options.Transport with { TimeProvider = Clock }, stopping).ConfigureAwait(false);
        using var sessionStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var session = new Session(transport, Clock.GetTimestamp(), sessionStop);
        lock (_lock)
        {
            _joinedThisSession.Clear();
            _pendingParts.Clear();
            _session = session;
        }

        Task keepalive = Task.CompletedTask;
        Task joins = Task.CompletedTask;
        try
        {
            keepalive = KeepAliveAsync(session, sessionStop.Token);
            string nick;
            try
            {
                nick = await LogInAsync(transport, sessionStop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (session.BreakReason is not null && !stopping.IsCancellationRequested)
            {
                return session.BreakReason;
            }

            while (true)
            {
                ReceivedLine? received;
                try
                {
                    received = await transport.ReadLineAsync(sessionStop.Token).ConfigureAwait(false);
                }
                catch (Exception) when (session.BreakReason is not null && !stopping.IsCancellationRequested)
                {
                    return session.BreakReason; // the keepalive closed the transport
                }

                if (received is not ReceivedLine line)
                {
                    return session.BreakReason ?? "the server closed the connection";
                }

                session.Received(Clock.GetTimestamp());
                string? end = await HandleAsync(session, line, nick, sessionStop.Token).ConfigureAwait(false);
                if (session.LoggedIn && joins.IsCompleted)
                {
                    joins = MaintainMembershipAsync(session, sessionStop.Token);
                }

                if (end is not null)
                {
                    return end;
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _session = null;
            }

            await sessionStop.CancelAsync().ConfigureAwait(false);
            await transport.DisposeAsync().ConfigureAwait(false);
            await QuietlyAsync(keepalive).ConfigureAwait(false);
            await QuietlyAsync(joins).ConfigureAwait(false);
        }
    }

    private async Task<string> LogInAsync(IIrcTransport transport, CancellationToken cancellationToken)
    {
        string capabilities = Options.RequestMembership
            ? "twitch.tv/tags twitch.tv/commands twitch.tv/membership"
            : "twitch.tv/tags twitch.tv/commands";
        await transport.SendLineAsync("CAP REQ :" + capabilities, cancellationToken).ConfigureAwait(false);
        if (Options.Login is TwitchLogin login)
        {
            string token = await GetTokenAsync(login, cancellationToken).ConfigureAwait(false);
            await transport.SendLineAsync("PASS oauth:" + token, cancellationToken).ConfigureAwait(false);
            await transport.SendLineAsync("NICK " + login.Nick.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
            return login.Nick.ToLowerInvariant();
        }

        // Anonymous read-only login: justinfan plus digits, no PASS (TWITCH_IRC.md §2.2).
        string nick = "justinfan" + Random.Shared.Next(10_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        await transport.SendLineAsync("NICK " + nick, cancellationToken).ConfigureAwait(false);
        return nick;
    }

    /// <summary>
    /// Asks the token source for the login token. Its exception messages may carry secrets (a refresh URL, a token),
    /// so only the exception type is passed on. After a refused login a failing refresh is final: Twitch says to stop
    /// and report rather than retry (TWITCH_IRC.md §10).
    /// </summary>
    private async Task<string> GetTokenAsync(TwitchLogin login, CancellationToken cancellationToken)
    {
        try
        {
            return await login.Tokens.GetAccessTokenAsync(_afterAuthenticationFailure, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not (OperationCanceledException or TwitchAuthenticationException))
        {
            string what = $"the token source for '{login.Nick}' failed ({failure.GetType().Name})";
            if (_afterAuthenticationFailure)
            {
                throw new TwitchAuthenticationException(
                    $"Twitch refused the chat login of '{login.Nick}', and refreshing the token failed: {what}. Authorize again.", failure);
            }

            throw new TokenSourceException(what, failure);
        }
    }

    /// <summary>Handles one line; returns why the session must end, or null to go on.</summary>
    private async Task<string?> HandleAsync(Session session, ReceivedLine line, string nick, CancellationToken cancellationToken)
    {
        byte[] raw = line.Bytes.ToArray(); // copy out before the transport reuses its buffer
        DateTimeOffset receivedAt = line.ReceivedAt;
        client.CountLine(raw.Length);
        string? error = line.Kind switch
        {
            ReceivedLineKind.Oversized => $"longer than {Options.Transport.MaxLineBytes} bytes (the rest was skipped)",
            ReceivedLineKind.Incomplete => "cut off by the end of the connection",
            _ => null,
        };
        IrcMessage? irc = null;
        if (error is null && !IrcMessage.TryParse(raw, out irc, out IrcParseError parseError))
        {
            error = parseError.Describe();
        }

        if (error is not null)
        {
            client.CountQuarantined();
            LogMessages.Quarantined(client.Logger, id, raw.Length, error);
            var quarantined = new ChatLine(raw, receivedAt, id, null, error) { IsIncomplete = line.Kind != ReceivedLineKind.Complete };
            await DeliverAsync(session, quarantined, cancellationToken).ConfigureAwait(false);
            return null;
        }

        TwitchMessage message = TwitchMessage.From(irc!);
        string? end = null;
        switch (message)
        {
            case PingMessage ping:
                await session.Transport.SendLineAsync(ping.Argument is null ? "PONG" : "PONG :" + ping.Argument, cancellationToken).ConfigureAwait(false);
                break;
            case ReconnectMessage:
                end = ServerRequestedReconnect;
                break;
            case NoticeMessage { IsAuthenticationFailure: true } notice:
                await DeliverAsync(session, new ChatLine(raw, receivedAt, id, message, null), cancellationToken).ConfigureAwait(false);
                throw new TwitchAuthenticationException(
                    $"Twitch refused the chat login of '{nick}' at {Options.Endpoint}: \"{notice.Text}\". " +
                    (Options.Login is null
                        ? "Anonymous logins should never be refused; check the --irc endpoint."
                        : "Refresh the access token (scope chat:read) or authorize again."));
            case NumericMessage { Code: 1 }:
                session.LoggedIn = true;
                _failures = 0;
                _afterAuthenticationFailure = false;
                client.Report(id, ChatConnectionState.Connected, null);
                LogMessages.LoggedIn(client.Logger, id, nick);
                break;
            case CapMessage { Subcommand: "NAK" } nak:
                LogMessages.CapabilitiesRefused(client.Logger, id, string.Join(' ', nak.Capabilities));
                break;
            case PrivmsgMessage { MessageId: { } messageId } when !client.Deduplicator.IsFirstSighting(messageId):
            case UserNoticeMessage { MessageId: { } noticeId } when !client.Deduplicator.IsFirstSighting(noticeId):
                client.CountDuplicate();
                return null;
        }

        await DeliverAsync(session, new ChatLine(raw, receivedAt, id, message, null), cancellationToken).ConfigureAwait(false);
        return end;
    }

    /// <summary>
    /// Hands a line to the consumer. While a full buffer makes this wait (FullMode Wait), the socket is not read, so
    /// the keepalive must not take that silence for a dead connection: it pauses, and the wait counts as activity.
    /// </summary>
    private async Task DeliverAsync(Session session, ChatLine line, CancellationToken cancellationToken)
    {
        session.Delivering = true;
        try
        {
            await client.Lines.Writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            session.Received(Clock.GetTimestamp());
            session.Delivering = false;
        }
    }

    /// <summary>Sends the JOINs (paced by the client's limiter) and PARTs this connection owes, as channels come and go.</summary>
    private async Task MaintainMembershipAsync(Session session, CancellationToken cancellationToken)
    {
        while (true)
        {
            string[] joins;
            string[] parts;
            lock (_lock)
            {
                joins = _channels.Where(login => !_joinedThisSession.Contains(login)).ToArray();
                parts = [.. _pendingParts];
                _pendingParts.Clear();
            }

            foreach (string login in parts)
            {
                await session.Transport.SendLineAsync("PART #" + login, cancellationToken).ConfigureAwait(false);
            }

            foreach (string login in joins)
            {
                await client.JoinLimiter.WaitAsync(cancellationToken).ConfigureAwait(false);
                lock (_lock)
                {
                    if (!_channels.Contains(login) || !_joinedThisSession.Add(login))
                    {
                        continue;
                    }
                }

                await session.Transport.SendLineAsync("JOIN #" + login, cancellationToken).ConfigureAwait(false);
            }

            await _membershipChanged.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>PING after <see cref="TwitchChatOptions.IdlePingInterval"/> of silence; break when nothing answers.</summary>
    private async Task KeepAliveAsync(Session session, CancellationToken cancellationToken)
    {
        TimeSpan tick = new[] { Options.IdlePingInterval, Options.PongTimeout, Options.LoginTimeout }.Min() / 4;
        using var timer = new PeriodicTimer(tick, Clock);
        int pings = 0;
        long lastValidation = session.ConnectedAt; // the token was checked when it was handed out for this login
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            long now = Clock.GetTimestamp();
            if (session.Delivering)
            {
                continue;
            }

            if (!session.LoggedIn && Clock.GetElapsedTime(session.ConnectedAt, now) >= Options.LoginTimeout)
            {
                await BreakAsync(session, $"no welcome (001) within {Options.LoginTimeout.TotalSeconds:0.#} s of connecting").ConfigureAwait(false);
                return;
            }

            if (Options.Login is TwitchLogin login && session.LoggedIn
                && Clock.GetElapsedTime(lastValidation, now) >= Options.TokenValidationInterval)
            {
                lastValidation = now;
                if (!await StillValidAsync(login, cancellationToken).ConfigureAwait(false))
                {
                    _afterAuthenticationFailure = true; // the next login refreshes it
                    await BreakAsync(session, "Twitch says the access token is no longer valid (periodic check)").ConfigureAwait(false);
                    return;
                }
            }

            if (session.PingSentAt is long sentAt and > 0)
            {
                if (Clock.GetElapsedTime(sentAt, now) >= Options.PongTimeout)
                {
                    await BreakAsync(session, $"no reply to our PING within {Options.PongTimeout.TotalSeconds:0.#} s").ConfigureAwait(false);
                    return;
                }
            }
            else if (Clock.GetElapsedTime(session.LastReceived, now) >= Options.IdlePingInterval)
            {
                session.PingSent(now);
                try
                {
                    await session.Transport.SendLineAsync($"PING :keepalive-{++pings}", cancellationToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    await BreakAsync(session, "sending our PING failed: " + Describe(failure)).ConfigureAwait(false);
                    return;
                }
            }
        }
    }

    /// <summary>The token source's answer; when it cannot tell (its check failed), the session goes on.</summary>
    private static async Task<bool> StillValidAsync(TwitchLogin login, CancellationToken cancellationToken)
    {
        try
        {
            return await login.Tokens.IsStillValidAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>The one way a session is torn down from outside the reader: record the first cause, close the transport.</summary>
    private static async Task BreakAsync(Session session, string reason)
    {
        session.BreakReason ??= reason;
        await session.Stop.CancelAsync().ConfigureAwait(false);
        await session.Transport.DisposeAsync().ConfigureAwait(false);
    }

    private async Task QuietlyAsync(Task task)
    {
        try
        {
#pragma warning disable VSTHRD003 // the session's own helper tasks, started by this object
            await task.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }
#pragma warning disable CA1031 // helpers of a session that is over: their failures are the session's, already reported
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogMessages.SessionHelperFailed(client.Logger, id, failure.GetType().Name);
        }
    }

    private static string Describe(Exception failure) => failure switch
    {
        TimeoutException => "connect timed out: " + failure.Message,
        IrcTransportException or IOException => failure.Message,
        ObjectDisposedException => "the connection was closed",
        TokenSourceException => failure.Message, // already free of the source's own message
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };

    /// <summary>What the reader and the keepalive share about one session.</summary>
    private sealed class Session(IIrcTransport transport, long connectedAt, CancellationTokenSource stop)
    {
        internal IIrcTransport Transport { get; } = transport;

        internal long ConnectedAt { get; } = connectedAt;

        internal CancellationTokenSource Stop { get; } = stop;

        private long _lastReceived = connectedAt;
        private long _pingSentAt; // 0: no PING outstanding

        internal volatile bool LoggedIn;

        internal volatile bool Delivering;

        internal volatile string? BreakReason;

        internal long LastReceived => Interlocked.Read(ref _lastReceived);

        internal long PingSentAt => Interlocked.Read(ref _pingSentAt);

        /// <summary>Any line proves the connection alive and answers an outstanding PING.</summary>
        internal void Received(long timestamp)
        {
            Interlocked.Exchange(ref _lastReceived, timestamp);
            Interlocked.Exchange(ref _pingSentAt, 0);
        }

        internal void PingSent(long timestamp) => Interlocked.Exchange(ref _pingSentAt, timestamp);
    }
}

/// <summary>The token source threw; the message names the login and the exception type only.</summary>
internal sealed class TokenSourceException(string message, Exception innerException) : Exception(message, innerException);

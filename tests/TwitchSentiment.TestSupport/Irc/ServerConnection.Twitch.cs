namespace TwitchSentiment.TestSupport.Irc;

/// <summary>The Twitch dialect (TWITCH_IRC.md §2, §7) and helpers that send Twitch lines.</summary>
public sealed partial class ServerConnection
{
    private const string OauthPrefix = "oauth:";
    private const string AnonymousNickPrefix = "justinfan";

    /// <summary>What <c>CAP LS</c> lists: the three Twitch capabilities (§2.3).</summary>
    private const string TwitchCapabilities = "twitch.tv/tags twitch.tv/commands twitch.tv/membership";

    /// <summary>PRIVMSG lines per write (or frame) in <see cref="SendFloodAsync"/>.</summary>
    private const int FloodBatchLines = 100;

    private string? _pass;

    /// <summary>The nick the Twitch dialect logged in, or null before (or without) a successful login.</summary>
    public string? Nick { get; private set; }

    /// <summary>
    /// Answers the client as Twitch would, in the background until the connection ends: CAP REQ (ACK or NAK), PASS
    /// then NICK (the welcome burst, or a NOTICE and close), JOIN (echo and full ROOMSTATE, subject to the JOIN rate
    /// limit), PART, PING, QUIT; anything else gets 421. The script can still send and use
    /// <see cref="WaitForLineAsync"/>, but not <see cref="ReadLineAsync"/>.
    /// </summary>
    public void StartTwitchDialect(TwitchDialectOptions? options = null)
    {
        if (!_dialect.IsCompleted)
        {
            throw new InvalidOperationException($"Connection {Id} already runs the Twitch dialect.");
        }

        _dialect = RunTwitchDialectAsync(options ?? TwitchDialectOptions.Default, _stopping.Token);
    }

    /// <summary>Sends a PRIVMSG with a full realistic tag set (<see cref="TwitchLines.Privmsg"/>) and returns it.</summary>
    public async Task<string> SendPrivmsgAsync(string channel, string login, string text, CancellationToken cancellationToken = default)
    {
        string line = Privmsg(channel, login, text);
        await SendLineAsync(line, cancellationToken);
        return line;
    }

    /// <summary>Sends <paramref name="count"/> PRIVMSGs from a rotating set of users, 100 per write or frame; returns them.</summary>
    public async Task<IReadOnlyList<string>> SendFloodAsync(string channel, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        string[] lines = [.. Enumerable.Range(0, count).Select(i => Privmsg(channel, $"viewer{i % 50}", $"message {i} PogChamp"))];
        foreach (string[] batch in lines.Chunk(FloodBatchLines))
        {
            await SendLinesAsync(batch, cancellationToken);
        }

        return lines;
    }

    /// <summary>Sends <c>:tmi.twitch.tv RECONNECT</c>.</summary>
    public Task SendReconnectAsync(CancellationToken cancellationToken = default) => SendLineAsync(TwitchLines.Reconnect, cancellationToken);

    /// <summary>Sends the server's keepalive <c>PING :argument</c>.</summary>
    public Task SendPingAsync(string argument = "tmi.twitch.tv", CancellationToken cancellationToken = default) =>
        SendLineAsync(TwitchLines.Ping(argument), cancellationToken);

    private string Privmsg(string channel, string login, string text) => TwitchLines.Privmsg(
        channel.TrimStart('#'),
        login,
        text,
        _server.IdFor("#" + channel.TrimStart('#')),
        _server.IdFor(login),
        _server.NextMessageId(),
        _server.Options.TimeProvider.GetUtcNow());

    private async Task RunTwitchDialectAsync(TwitchDialectOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (string line in _incoming.Reader.ReadAllAsync(cancellationToken))
            {
                if (!await AnswerAsync(line, options, cancellationToken))
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (IsConnectionEnd(exception))
        {
            // The connection ended under the dialect.
        }
        catch (Exception exception)
        {
            _failure ??= exception;
        }
    }

    /// <summary>Answers one client line. False when the dialect closed the connection.</summary>
    private async Task<bool> AnswerAsync(string line, TwitchDialectOptions options, CancellationToken cancellationToken)
    {
        (string command, string[] parameters) = SplitCommand(line);
        switch (command)
        {
            case "CAP" when parameters is ["REQ", string requested, ..]:
                bool refused = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(options.RefusedCapabilities.Contains);
                await SendLineAsync(refused ? TwitchLines.CapNak(requested) : TwitchLines.CapAck(requested), cancellationToken);
                return true;
            case "CAP" when parameters is ["LS", ..]:
                await SendLineAsync($":tmi.twitch.tv CAP * LS :{TwitchCapabilities}", cancellationToken);
                return true;
            case "PASS" when parameters.Length > 0:
                _pass = parameters[0];
                return true;
            case "NICK" when parameters.Length > 0:
                return await LogInAsync(parameters[0], options, cancellationToken);
            case "JOIN" when Nick is not null && parameters.Length > 0:
                await JoinAsync(Nick, parameters[0], options, cancellationToken);
                return true;
            case "PART" when Nick is not null && parameters.Length > 0:
                await SendLinesAsync(Channels(parameters[0]).Select(channel => TwitchLines.Part(Nick, channel)), cancellationToken);
                return true;
            case "PING":
                await SendLineAsync(TwitchLines.Pong(parameters.Length > 0 ? parameters[^1] : null), cancellationToken);
                return true;
            case "QUIT":
                await CloseAsync(cancellationToken);
                return false;
            case "CAP" or "PASS" or "NICK" or "JOIN" or "PART" or "PONG" or "PRIVMSG":
                // Logged; Twitch answers nothing to these here (or before login).
                return true;
            default:
                await SendLineAsync(TwitchLines.UnknownCommand(Nick ?? "*", command), cancellationToken);
                return true;
        }
    }

    /// <summary>§2.1/§2.2: anonymous or token login, checked when NICK arrives (so NICK before PASS is malformed).</summary>
    private async Task<bool> LogInAsync(string nick, TwitchDialectOptions options, CancellationToken cancellationToken)
    {
        bool anonymous = options.AllowAnonymous
            && nick.StartsWith(AnonymousNickPrefix, StringComparison.Ordinal)
            && nick.Length > AnonymousNickPrefix.Length
            && !nick.AsSpan(AnonymousNickPrefix.Length).ContainsAnyExceptInRange('0', '9');
        string? refusal = anonymous ? null
            : _pass is null || !_pass.StartsWith(OauthPrefix, StringComparison.Ordinal) ? TwitchLines.ImproperlyFormattedAuth
            : !options.AcceptedTokens.Contains(_pass[OauthPrefix.Length..]) ? TwitchLines.LoginAuthenticationFailed
            : null;
        if (refusal is not null)
        {
            await SendLineAsync(refusal, cancellationToken);
            await CloseAsync(cancellationToken);
            return false;
        }

        Nick = nick;
        await SendLinesAsync(TwitchLines.Welcome(nick), cancellationToken);
        return true;
    }

    /// <summary>§2.4: for each channel the JOIN echo and a full ROOMSTATE, unless the rate limit refuses it.</summary>
    private async Task JoinAsync(string nick, string channelList, TwitchDialectOptions options, CancellationToken cancellationToken)
    {
        var replies = new List<string>();
        foreach (string channel in Channels(channelList))
        {
            if (_server.TryRecordJoin(Id, channel, options))
            {
                replies.Add(TwitchLines.Join(nick, channel));
                replies.Add(TwitchLines.RoomState(channel, _server.IdFor("#" + channel)));
            }
        }

        if (replies.Count > 0)
        {
            await SendLinesAsync(replies, cancellationToken);
        }
    }

    private static IEnumerable<string> Channels(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(channel => channel.TrimStart('#'));

    /// <summary>The command (upper case) and parameters of a client line; tags and prefix skipped.</summary>
    private static (string Command, string[] Parameters) SplitCommand(string line)
    {
        ReadOnlySpan<char> rest = line;
        foreach (char skipped in "@:")
        {
            if (rest.StartsWith(skipped))
            {
                rest = rest.IndexOf(' ') is int space and >= 0 ? rest[(space + 1)..] : [];
            }
        }

        var words = new List<string>();
        while (!rest.IsEmpty)
        {
            if (rest[0] == ':' && words.Count > 0)
            {
                words.Add(rest[1..].ToString());
                break;
            }

            int space = rest.IndexOf(' ');
            ReadOnlySpan<char> word = space < 0 ? rest : rest[..space];
            if (!word.IsEmpty)
            {
                words.Add(word.ToString());
            }

            rest = space < 0 ? [] : rest[(space + 1)..];
        }

        return words.Count == 0 ? ("", []) : (words[0].ToUpperInvariant(), [.. words.Skip(1)]);
    }
}

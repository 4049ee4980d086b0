using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.TestSupport.Irc;

namespace TwitchSentiment.IntegrationTests.ChatClient;

/// <summary>The chat client against the in-process Twitch-dialect server on 127.0.0.1: real sockets, real TLS.</summary>
public sealed partial class TwitchChatClientTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(ScriptedIrcServerMode.Tls)]
    [InlineData(ScriptedIrcServerMode.SecureWebSocket)]
    [InlineData(ScriptedIrcServerMode.Tcp)]
    public async Task Anonymous_login_joins_and_delivers_chat(ScriptedIrcServerMode mode)
    {
        await using ScriptedIrcServer server = await TwitchServerAsync(mode);
        await using var client = new TwitchChatClient(OptionsFor(server));

        client.Join("#Dallas");
        ServerConnection connection = await server.AcceptConnectionAsync(Limit);
        await connection.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN", Limit);
        string sent = await connection.SendPrivmsgAsync("dallas", "ronni", "what a play!");

        PrivmsgMessage message = await NextAsync<PrivmsgMessage>(client);
        Assert.Equal(("dallas", "ronni", "what a play!"), (message.Channel, message.Login, message.Text));
        Assert.Equal(sent, message.Irc.Raw);
        Assert.Contains(connection.ReceivedLines, line => line == "CAP REQ :twitch.tv/tags twitch.tv/commands");
        Assert.Contains(connection.ReceivedLines, line => AnonymousNick().IsMatch(line));
        Assert.DoesNotContain(connection.ReceivedLines, line => line.StartsWith("PASS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_ping_is_answered_with_the_same_argument()
    {
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server));
        client.Join("dallas");
        ServerConnection connection = await server.AcceptConnectionAsync(Limit);
        await connection.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN", Limit);

        await connection.SendPingAsync("tmi.twitch.tv");

        await connection.WaitForLineAsync(line => line == "PONG :tmi.twitch.tv", "the PONG", Limit);
    }

    [Fact]
    public async Task Reconnect_opens_a_new_connection_at_once_rejoins_and_delivers_a_repeated_message_once()
    {
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server));
        client.Join("dallas", "xqc");
        ServerConnection first = await server.AcceptConnectionAsync(Limit);
        await first.WaitForLineAsync(line => line == "JOIN #xqc", "the first JOINs", Limit);
        string line = await first.SendPrivmsgAsync("dallas", "ronni", "before the restart");

        await first.SendReconnectAsync();
        ServerConnection second = await server.AcceptConnectionAsync(Limit);
        await second.WaitForLineAsync(l => l == "JOIN #dallas", "the rejoin of #dallas", Limit);
        await second.WaitForLineAsync(l => l == "JOIN #xqc", "the rejoin of #xqc", Limit);
        await second.SendLineAsync(line); // the same message id again, as an overlapping connection would deliver it
        await second.SendPrivmsgAsync("dallas", "ronni", "after the restart");

        Assert.Equal("before the restart", (await NextAsync<PrivmsgMessage>(client)).Text);
        Assert.Equal("after the restart", (await NextAsync<PrivmsgMessage>(client)).Text);
        Assert.Equal(1, client.Counters.Reconnects);
        Assert.Equal(1, client.Counters.Duplicates);
    }

    [Fact]
    public async Task Part_leaves_the_channel_and_a_reconnect_rejoins_only_what_is_left()
    {
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server));
        client.Join("dallas", "xqc");
        ServerConnection first = await server.AcceptConnectionAsync(Limit);
        await first.WaitForLineAsync(line => line == "JOIN #xqc", "the JOINs", Limit);

        client.Part("#XQC");
        await first.WaitForLineAsync(line => line == "PART #xqc", "the PART", Limit);
        await first.SendReconnectAsync();
        ServerConnection second = await server.AcceptConnectionAsync(Limit);
        await second.WaitForLineAsync(line => line == "JOIN #dallas", "the rejoin", Limit);
        await second.SendPingAsync("barrier");
        await second.WaitForLineAsync(line => line == "PONG :barrier", "the PONG", Limit);

        Assert.DoesNotContain("JOIN #xqc", second.ReceivedLines);
        Assert.Equal(["dallas"], client.Channels);
    }

    [Fact]
    public async Task A_dropped_connection_is_reopened_and_a_line_cut_in_half_is_quarantined_not_lost()
    {
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        var changes = Channel.CreateUnbounded<ChatStateChange>();
        await using var client = new TwitchChatClient(OptionsFor(server));
        client.StateChanged += (_, change) => changes.Writer.TryWrite(change);
        client.Join("dallas");
        ServerConnection first = await server.AcceptConnectionAsync(Limit);
        await first.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN", Limit);

        await first.SendRawAsync("@id=half :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #dallas :cut of"u8.ToArray());
        await first.AbortAsync();
        ServerConnection second = await server.AcceptConnectionAsync(Limit);
        await second.WaitForLineAsync(line => line == "JOIN #dallas", "the rejoin", Limit);

        ChatLine quarantined = await NextAsync(client, line => line.Error is not null);
        Assert.Equal("@id=half :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #dallas :cut of", quarantined.Raw);
        Assert.Contains("cut off", quarantined.Error, StringComparison.Ordinal);
        Assert.Equal(1, client.Counters.Quarantined);
        Assert.Contains(await DrainAsync(changes), change => change.State == ChatConnectionState.Disconnected);
    }

    [Fact]
    public async Task A_malformed_line_is_quarantined_and_the_next_one_delivered()
    {
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server));
        client.Join("dallas");
        ServerConnection connection = await server.AcceptConnectionAsync(Limit);
        await connection.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN", Limit);

        await connection.SendLineAsync("@key=value");
        await connection.SendPrivmsgAsync("dallas", "ronni", "still here");

        ChatLine bad = await NextAsync(client, line => line.Error is not null);
        Assert.Equal("@key=value", bad.Raw);
        Assert.Equal("still here", (await NextAsync<PrivmsgMessage>(client)).Text);
    }

    [Fact]
    public async Task Silence_brings_our_ping_and_no_answer_a_new_connection()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(ScriptedIrcServerOptions.Default);
        await using var client = new TwitchChatClient(OptionsFor(server) with { TimeProvider = clock });
        client.Join("dallas");
        ServerConnection silent = await server.AcceptConnectionAsync(Limit);
        string nick = (await silent.WaitForLineAsync(line => line.StartsWith("NICK ", StringComparison.Ordinal), "the NICK", Limit))[5..];
        await silent.SendLinesAsync(TwitchLines.Welcome(nick));
        await silent.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN", Limit);

        await AdvanceUntilAsync(clock, () => silent.ReceivedLines.Any(line => line.StartsWith("PING :", StringComparison.Ordinal)), "our PING after 30 s of silence");
        Assert.Equal(0, server.ConnectionsAccepted - 1);
        await AdvanceUntilAsync(clock, () => server.ConnectionsAccepted == 2, "a new connection 10 s after the unanswered PING");

        await silent.WaitForClientToLeaveAsync(Limit);
    }

    [Fact]
    public async Task Refused_login_refreshes_the_token_once_and_connects()
    {
        var tokens = new ScriptedTokens("expired", "fresh");
        await using ScriptedIrcServer server = await TwitchServerAsync(
            ScriptedIrcServerMode.Tcp, TwitchDialectOptions.Default with { AcceptedTokens = new HashSet<string> { "fresh" } });
        await using var client = new TwitchChatClient(OptionsFor(server) with { Login = new TwitchLogin("ronni", tokens) });

        client.Join("dallas");
        await server.AcceptConnectionAsync(Limit);
        ServerConnection second = await server.AcceptConnectionAsync(Limit);
        await second.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN after the refresh", Limit);

        Assert.Equal([false, true], tokens.Calls);
        Assert.Contains("PASS oauth:fresh", second.ReceivedLines);
    }

    [Fact]
    public async Task Refused_login_twice_ends_the_stream_with_an_authentication_error_that_hides_the_token()
    {
        var tokens = new ScriptedTokens("bad-token-1", "bad-token-2");
        await using ScriptedIrcServer server = await TwitchServerAsync(
            ScriptedIrcServerMode.Tcp, TwitchDialectOptions.Default with { AcceptedTokens = new HashSet<string> { "good" } });
        await using var client = new TwitchChatClient(OptionsFor(server) with { Login = new TwitchLogin("ronni", tokens) });
        client.Join("dallas");

        var error = await Assert.ThrowsAsync<TwitchAuthenticationException>(async () =>
        {
            await foreach (ChatLine _ in client.ReadAllAsync().WithCancellation(new CancellationTokenSource(Limit).Token))
            {
            }
        });

        Assert.Contains("Login authentication failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ronni'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-token", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task Joins_are_paced_to_twenty_per_ten_seconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server) with { TimeProvider = clock });
        string[] channels = Enumerable.Range(1, 25).Select(i => $"channel{i}").ToArray();

        client.Join(channels);
        ServerConnection connection = await server.AcceptConnectionAsync(Limit);
        await connection.WaitForLineAsync(line => line == "JOIN #channel20", "the 20th JOIN", Limit);
        await connection.SendPingAsync("barrier"); // any later JOIN would have been sent before this PONG
        await connection.WaitForLineAsync(line => line == "PONG :barrier", "the PONG", Limit);
        Assert.Equal(20, connection.ReceivedLines.Count(line => line.StartsWith("JOIN ", StringComparison.Ordinal)));

        clock.Advance(TimeSpan.FromSeconds(10));
        await connection.WaitForLineAsync(line => line == "JOIN #channel25", "the 25th JOIN after the window", Limit);
    }

    [Fact]
    public async Task Channels_beyond_the_per_connection_limit_open_another_connection()
    {
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server) with { MaxChannelsPerConnection = 2 });

        client.Join("a1", "a2", "a3");
        ServerConnection first = await server.AcceptConnectionAsync(Limit);
        ServerConnection second = await server.AcceptConnectionAsync(Limit);
        ServerConnection[] both = [first, second];
        foreach (string channel in new[] { "a1", "a2", "a3" })
        {
            await WaitForAnyAsync(both, $"JOIN #{channel}");
        }

        Assert.Equal(3, both.Sum(c => c.ReceivedLines.Count(line => line.StartsWith("JOIN ", StringComparison.Ordinal))));
        Assert.Equal(3, client.Channels.Count);
    }

    [Fact]
    public async Task Bad_channel_names_are_rejected_before_anything_is_joined()
    {
        await using var client = new TwitchChatClient();

        var error = Assert.Throws<ArgumentException>(() => client.Join("good", "bad\r\nJOIN #evil"));

        Assert.Contains("carriage return", error.Message, StringComparison.Ordinal);
        Assert.Empty(client.Channels);
    }

    [Fact]
    public async Task Dispose_closes_the_connection_and_ends_the_stream()
    {
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        var client = new TwitchChatClient(OptionsFor(server));
        client.Join("dallas");
        ServerConnection connection = await server.AcceptConnectionAsync(Limit);
        await connection.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN", Limit);

        await client.DisposeAsync().AsTask().WaitAsync(Limit);

        await connection.WaitForClientToLeaveAsync(Limit);
        await foreach (ChatLine _ in client.ReadAllAsync().WithCancellation(new CancellationTokenSource(Limit).Token))
        {
            // drains what was buffered; the loop ends because the client completed the stream
        }
    }

    [Fact]
    public async Task A_full_buffer_in_drop_mode_counts_what_it_drops()
    {
        await using ScriptedIrcServer server = await TwitchServerAsync(ScriptedIrcServerMode.Tcp);
        await using var client = new TwitchChatClient(OptionsFor(server) with { BufferCapacity = 10, FullMode = BoundedChannelFullMode.DropNewest });
        client.Join("dallas");
        ServerConnection connection = await server.AcceptConnectionAsync(Limit);
        await connection.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN", Limit);

        await connection.SendFloodAsync("dallas", 500);
        await connection.SendPingAsync("after-flood");
        await connection.WaitForLineAsync(line => line == "PONG :after-flood", "the PONG after the flood", Limit);

        // The PONG goes out before its PING line is offered to the full buffer, so wait for that last drop too.
        await WaitUntilAsync(() => client.Counters.Lines == client.Counters.Dropped + 10, "every line past the 10 buffered counted as dropped");
        Assert.True(client.Counters.Dropped >= 490, "the consumer never read, so all but 10 lines must have been dropped");
    }

    private static async Task<ScriptedIrcServer> TwitchServerAsync(ScriptedIrcServerMode mode, TwitchDialectOptions? dialect = null) =>
        await ScriptedIrcServer.StartAsync(ScriptedIrcServerOptions.Default with { Mode = mode, TwitchDialect = dialect ?? TwitchDialectOptions.Default });

    private static TwitchChatOptions OptionsFor(ScriptedIrcServer server) => TwitchChatOptions.Default with
    {
        Endpoint = IrcEndpoint.Parse(server.EndpointUrl),
        Transport = IrcTransportOptions.Default with { CertificateValidation = server.TrustServerCertificate },
    };

    private static async Task<T> NextAsync<T>(TwitchChatClient client)
        where T : TwitchMessage => (T)(await NextAsync(client, line => line.Message is T)).Message!;

    private static async Task<ChatLine> NextAsync(TwitchChatClient client, Func<ChatLine, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(Limit);
        await foreach (ChatLine line in client.ReadAllAsync(timeout.Token))
        {
            if (predicate(line))
            {
                return line;
            }
        }

        throw new InvalidOperationException("the stream ended before the expected line");
    }

    private static async Task<IReadOnlyList<ChatStateChange>> DrainAsync(Channel<ChatStateChange> changes)
    {
        var all = new List<ChatStateChange>();
        while (changes.Reader.TryRead(out ChatStateChange? change))
        {
            all.Add(change);
        }

        await Task.CompletedTask;
        return all;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string reason)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"timed out waiting for: {reason}");
            await Task.Delay(10, CancellationToken.None); // polls a counter another thread updates
        }
    }

    /// <summary>Moves the fake clock a second at a time until <paramref name="condition"/> holds (real sockets answer in between).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> condition, string reason)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (!condition())
        {
            timeout.Token.ThrowIfCancellationRequested();
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, timeout.Token); // real time for the socket and timer callbacks to run, not a clock wait
        }

        Assert.True(condition(), reason);
    }

    private static async Task WaitForAnyAsync(ServerConnection[] connections, string line)
    {
        using var timeout = new CancellationTokenSource(Limit);
        Task[] waits = connections.Select(c => c.WaitForLineAsync(l => l == line, line, Limit, timeout.Token)).ToArray();
        await Task.WhenAny(waits);
        await timeout.CancelAsync();
        Assert.Contains(connections, c => c.ReceivedLines.Contains(line));
    }

    [GeneratedRegex("^NICK justinfan[0-9]+$")]
    private static partial Regex AnonymousNick();

    private sealed class ScriptedTokens(params string[] tokens) : ITwitchTokenSource
    {
        private int _next;

        public List<bool> Calls { get; } = [];

        public ValueTask<string> GetAccessTokenAsync(bool afterAuthenticationFailure, CancellationToken cancellationToken)
        {
            Calls.Add(afterAuthenticationFailure);
            return ValueTask.FromResult(tokens[Math.Min(_next++, tokens.Length - 1)]);
        }
    }
}

using System.Collections.Frozen;
using Microsoft.Extensions.Time.Testing;
using TwitchSentiment.IntegrationTests.Transport;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.TestSupport.Irc;

namespace TwitchSentiment.IntegrationTests.ScriptedServer;

/// <summary>The scripted server's Twitch dialect, driven through the real transports, so other tests can trust it.</summary>
public sealed class TwitchDialectTests : TransportTestBase
{
    private static readonly ScriptedIrcServerOptions Twitch = ScriptedIrcServerOptions.Default with { TwitchDialect = TwitchDialectOptions.Default };

    [Theory(Timeout = TimeoutMilliseconds)]
    [InlineData(ScriptedIrcServerMode.Tcp)]
    [InlineData(ScriptedIrcServerMode.SecureWebSocket)]
    public async Task Anonymous_login_gets_the_capability_ack_and_the_welcome_burst(ScriptedIrcServerMode mode)
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Twitch with { Mode = mode }, Limit);
        await using IIrcTransport client = await ConnectAsync(server);

        await client.SendLineAsync("CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership", Limit);
        await client.SendLineAsync("PASS SCHMOOPIIE", Limit);
        await client.SendLineAsync("NICK justinfan12345", Limit);

        Assert.Equal(TwitchLines.CapAck("twitch.tv/tags twitch.tv/commands twitch.tv/membership"), await ReadCompleteAsync(client));
        foreach (string expected in TwitchLines.Welcome("justinfan12345"))
        {
            Assert.Equal(expected, await ReadCompleteAsync(client));
        }

        Assert.Equal(":tmi.twitch.tv 376 justinfan12345 :>", TwitchLines.Welcome("justinfan12345")[^1]);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Refused_capability_is_answered_with_NAK_for_the_whole_request()
    {
        TwitchDialectOptions dialect = TwitchDialectOptions.Default with { RefusedCapabilities = FrozenSet.Create("twitch.tv/membership") };
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Twitch with { TwitchDialect = dialect }, Limit);
        await using IIrcTransport client = await ConnectAsync(server);

        await client.SendLineAsync("CAP REQ :twitch.tv/tags twitch.tv/membership", Limit);

        Assert.Equal(":tmi.twitch.tv CAP * NAK :twitch.tv/tags twitch.tv/membership", await ReadCompleteAsync(client));
    }

    [Theory(Timeout = TimeoutMilliseconds)]
    [InlineData("oauth:right", "bot", ":tmi.twitch.tv 001 bot :Welcome, GLHF!")]
    [InlineData("oauth:wrong", "bot", TwitchLines.LoginAuthenticationFailed)]
    [InlineData("right", "bot", TwitchLines.ImproperlyFormattedAuth)]
    [InlineData(null, "bot", TwitchLines.ImproperlyFormattedAuth)]
    public async Task Token_login_is_welcomed_or_refused_as_Twitch_does(string? pass, string nick, string firstReply)
    {
        TwitchDialectOptions dialect = TwitchDialectOptions.Default with { AcceptedTokens = FrozenSet.Create("right") };
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Twitch with { TwitchDialect = dialect }, Limit);
        await using IIrcTransport client = await ConnectAsync(server);

        if (pass is not null)
        {
            await client.SendLineAsync($"PASS {pass}", Limit);
        }

        await client.SendLineAsync($"NICK {nick}", Limit);

        Assert.Equal(firstReply, await ReadCompleteAsync(client));
        if (firstReply.Contains("NOTICE", StringComparison.Ordinal))
        {
            Assert.Null(await client.ReadLineAsync(Limit)); // the server closes after the NOTICE
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Join_of_several_channels_answers_each_with_its_echo_and_a_full_roomstate()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Twitch, Limit);
        await using IIrcTransport client = await LogInAnonymouslyAsync(server);

        await client.SendLineAsync("JOIN #forsen,#xqc", Limit);

        var roomIds = new List<string>();
        foreach (string channel in new[] { "forsen", "xqc" })
        {
            Assert.Equal($":justinfan1!justinfan1@justinfan1.tmi.twitch.tv JOIN #{channel}", await ReadCompleteAsync(client));
            string roomState = await ReadCompleteAsync(client);
            Assert.Matches($@"^@emote-only=0;followers-only=-1;r9k=0;room-id=\d+;slow=0;subs-only=0 :tmi\.twitch\.tv ROOMSTATE #{channel}$", roomState);
            roomIds.Add(roomState.Split(';')[3]);
        }

        Assert.NotEqual(roomIds[0], roomIds[1]);
        Assert.Equal(["forsen", "xqc"], server.JoinAttempts.Select(join => join.Channel));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Join_rate_limit_refuses_joins_beyond_20_per_10_seconds_on_the_server_clock()
    {
        var clock = new FakeTimeProvider();
        TwitchDialectOptions dialect = TwitchDialectOptions.Default with { EnforceJoinRateLimit = true };
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Twitch with { TwitchDialect = dialect, TimeProvider = clock }, Limit);
        await using IIrcTransport client = await LogInAnonymouslyAsync(server);

        await client.SendLineAsync("JOIN " + string.Join(',', Enumerable.Range(0, 25).Select(i => $"#c{i}")), Limit);
        await SyncAsync(client, "after-burst");
        clock.Advance(TimeSpan.FromSeconds(10));
        await client.SendLineAsync("JOIN #late", Limit);
        await SyncAsync(client, "after-late");

        Assert.Equal(20, server.JoinAttempts.Count(join => join.Accepted && join.Channel != "late"));
        Assert.Equal(["c20", "c21", "c22", "c23", "c24"], server.JoinAttempts.Where(join => !join.Accepted).Select(join => join.Channel));
        Assert.True(server.JoinAttempts.Single(join => join.Channel == "late").Accepted);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Ping_gets_pong_and_an_unknown_command_gets_421()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Twitch, Limit);
        await using IIrcTransport client = await LogInAnonymouslyAsync(server);

        await client.SendLineAsync("PING :x y", Limit);
        await client.SendLineAsync("PING", Limit);
        await client.SendLineAsync("WHO #forsen", Limit);

        Assert.Equal(":tmi.twitch.tv PONG tmi.twitch.tv :x y", await ReadCompleteAsync(client));
        Assert.Equal(":tmi.twitch.tv PONG tmi.twitch.tv", await ReadCompleteAsync(client));
        Assert.Equal(":tmi.twitch.tv 421 justinfan1 WHO :Unknown command", await ReadCompleteAsync(client));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Script_helpers_send_privmsg_with_the_room_id_of_the_join_reconnect_and_ping()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Twitch, Limit);
        await using IIrcTransport client = await LogInAnonymouslyAsync(server);
        ServerConnection connection = server.Connections[0];
        await client.SendLineAsync("JOIN #forsen", Limit);
        await ReadCompleteAsync(client);
        string roomState = await ReadCompleteAsync(client);

        string privmsg = await connection.SendPrivmsgAsync("forsen", "viewer", "hello chat", Limit);
        await connection.SendReconnectAsync(Limit);
        await connection.SendPingAsync(cancellationToken: Limit);

        Assert.Equal(privmsg, await ReadCompleteAsync(client));
        string roomId = roomState.Split(';').Single(tag => tag.StartsWith("room-id=", StringComparison.Ordinal));
        Assert.Contains($";{roomId};", privmsg, StringComparison.Ordinal);
        Assert.EndsWith(" :viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #forsen :hello chat", privmsg, StringComparison.Ordinal);
        Assert.Equal(TwitchLines.Reconnect, await ReadCompleteAsync(client));
        Assert.Equal("PING :tmi.twitch.tv", await ReadCompleteAsync(client));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Disposing_the_server_ends_its_clients_connections()
    {
        ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Twitch, Limit);
        await using IIrcTransport client = await LogInAnonymouslyAsync(server);

        await server.DisposeAsync();

        try
        {
            Assert.Null(await client.ReadLineAsync(Limit));
        }
        catch (IrcTransportException)
        {
            // A reset is as good an end as a FIN here.
        }
    }

    private async Task<IIrcTransport> LogInAnonymouslyAsync(ScriptedIrcServer server)
    {
        IIrcTransport client = await ConnectAsync(server);
        try
        {
            await client.SendLineAsync("NICK justinfan1", Limit);
            foreach (string expected in TwitchLines.Welcome("justinfan1"))
            {
                Assert.Equal(expected, await ReadCompleteAsync(client));
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the PONG to a unique PING: every line sent before it has been answered (or refused).</summary>
    private async Task SyncAsync(IIrcTransport client, string token)
    {
        await client.SendLineAsync($"PING :{token}", Limit);
        while (await ReadCompleteAsync(client) != TwitchLines.Pong(token))
        {
        }
    }
}

using System.Text;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.TestSupport.Irc;

namespace TwitchSentiment.IntegrationTests.Transport;

/// <summary>The WebSocket transport against the scripted server: frames to lines, lines to frames, ends of stream.</summary>
public sealed class WebSocketTransportTests : TransportTestBase
{
    private static readonly ScriptedIrcServerOptions Ws = ScriptedIrcServerOptions.Default with { Mode = ScriptedIrcServerMode.WebSocket };
    private static readonly ScriptedIrcServerOptions Wss = ScriptedIrcServerOptions.Default with { Mode = ScriptedIrcServerMode.SecureWebSocket };

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Several_lines_in_one_frame_are_split_with_or_without_a_final_CRLF()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Ws, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await connection.SendFrameAsync("PING :a\r\nPING :b\r\n", Limit);
            await connection.SendFrameAsync("PING :c\r\nPING :d", Limit);
            await connection.SendFrameAsync("PING :e\nPING :f\r\n\r\n", Limit);
            foreach (string expected in new[] { "PING :a", "PING :b", "PING :c", "PING :d", "PING :e", "PING :f" })
            {
                Assert.Equal(expected, await ReadCompleteAsync(client));
            }
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task One_line_per_frame_without_CRLF_is_a_complete_line()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Ws, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await connection.SendFrameAsync(TwitchLines.Reconnect, Limit);
            await connection.SendFrameAsync("PING :tmi.twitch.tv", Limit);
            Assert.Equal(TwitchLines.Reconnect, await ReadCompleteAsync(client));
            Assert.Equal("PING :tmi.twitch.tv", await ReadCompleteAsync(client));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Message_fragmented_across_frames_even_inside_a_code_point_is_joined()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Ws, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            byte[] message = Encoding.UTF8.GetBytes("PRIVMSG #c :naïve 😀\r\nPRIVMSG #c :two");
            int inI = message.AsSpan().IndexOf((byte)0xC3) + 1;
            int inEmoji = message.AsSpan().IndexOf((byte)0xF0) + 2;
            await connection.SendFragmentedMessageAsync(
                [message.AsMemory(0, inI), message.AsMemory(inI, inEmoji - inI), ReadOnlyMemory<byte>.Empty, message.AsMemory(inEmoji)],
                Limit);
            Assert.Equal("PRIVMSG #c :naïve 😀", await ReadCompleteAsync(client));
            Assert.Equal("PRIVMSG #c :two", await ReadCompleteAsync(client));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Each_sent_line_is_one_frame_without_CRLF()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Ws, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await client.SendLineAsync("CAP REQ :twitch.tv/tags twitch.tv/commands", Limit);
            await client.SendLineAsync("NICK justinfan7", Limit);
            await connection.WaitForLineAsync(line => line == "NICK justinfan7", "the NICK frame", cancellationToken: Limit);
            Assert.Equal(["CAP REQ :twitch.tv/tags twitch.tv/commands", "NICK justinfan7"], connection.ReceivedWebSocketMessages);
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Secure_websocket_round_trip_works_with_the_trusted_test_certificate()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Wss, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await client.SendLineAsync("PING :hello", Limit);
            Assert.Equal("PING :hello", await connection.ReadLineAsync(cancellationToken: Limit));
            await connection.SendLineAsync(TwitchLines.Pong("hello"), Limit);
            Assert.Equal(TwitchLines.Pong("hello"), await ReadCompleteAsync(client));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Oversized_line_in_a_frame_is_reported_and_the_next_line_arrives()
    {
        const int Max = IrcTransportOptions.MinLineBytes;
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Ws, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server, IrcTransportOptions.Default with { MaxLineBytes = Max });
        await using (client)
        {
            string longLine = "PRIVMSG #c :" + new string('z', 20 * Max);
            await connection.SendFrameAsync(longLine + "\r\nPING :next", Limit);
            await connection.SendFrameAsync(longLine, Limit);
            await connection.SendFrameAsync("PING :after", Limit);
            Assert.Equal((ReceivedLineKind.Oversized, longLine[..Max]), await ReadAsync(client));
            Assert.Equal("PING :next", await ReadCompleteAsync(client));
            Assert.Equal((ReceivedLineKind.Oversized, longLine[..Max]), await ReadAsync(client));
            Assert.Equal("PING :after", await ReadCompleteAsync(client));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public Task Close_frame_from_the_server_gives_null_after_the_last_line() => AssertOrderlyCloseGivesTheLastLineThenNullAsync(Ws);

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Connection_dropped_without_a_close_frame_is_an_IrcTransportException()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Ws, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await connection.SendLineAsync("PING :last", Limit);
            await connection.AbortAsync(Limit);
            Assert.Equal("PING :last", await ReadCompleteAsync(client));
            IrcTransportException exception = await Assert.ThrowsAsync<IrcTransportException>(async () => await client.ReadLineAsync(Limit));
            Assert.Contains(server.EndpointUrl.TrimEnd('/'), exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Dispose_sends_a_close_frame_and_ends_a_pending_read()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Ws, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        ValueTask<ReceivedLine?> pending = client.ReadLineAsync(Limit);

        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pending);
        await client.DisposeAsync();
        await connection.WaitForClientToLeaveAsync(cancellationToken: Limit);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Upgrade_refused_by_the_server_is_an_IrcTransportException_about_the_upgrade()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Ws with { WebSocketPath = "/irc" }, Limit);
        var wrongPath = IrcEndpoint.Parse(server.EndpointUrl.Replace("/irc", "/chat", StringComparison.Ordinal));

        IrcTransportException exception = await Assert.ThrowsAsync<IrcTransportException>(
            () => IrcTransports.ConnectAsync(wrongPath, IrcTransportOptions.Default, Limit));

        Assert.Contains("WebSocket upgrade", exception.Message, StringComparison.Ordinal);
        Assert.Equal(wrongPath, exception.Endpoint);
    }
}

using System.Text;
using Microsoft.Extensions.Time.Testing;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.TestSupport.Irc;

namespace TwitchSentiment.IntegrationTests.Transport;

/// <summary>The TCP and TLS transports against the scripted server: framing, sends, ends of stream, dispose.</summary>
public sealed class TcpTransportTests : TransportTestBase
{
    private static readonly ScriptedIrcServerOptions Tcp = ScriptedIrcServerOptions.Default;
    private static readonly ScriptedIrcServerOptions Tls = ScriptedIrcServerOptions.Default with { Mode = ScriptedIrcServerMode.Tls };

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Plain_tcp_round_trip_carries_lines_both_ways_and_stamps_them_with_the_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server, IrcTransportOptions.Default with { TimeProvider = clock });
        await using (client)
        {
            await client.SendLineAsync("CAP REQ :twitch.tv/tags twitch.tv/commands", Limit);
            await client.SendLineAsync("NICK justinfan12345", Limit);
            Assert.Equal("CAP REQ :twitch.tv/tags twitch.tv/commands", await connection.ReadLineAsync(cancellationToken: Limit));
            Assert.Equal("NICK justinfan12345", await connection.ReadLineAsync(cancellationToken: Limit));

            await connection.SendLineAsync(":tmi.twitch.tv 001 justinfan12345 :Welcome, GLHF!", Limit);
            ReceivedLine line = await client.ReadLineAsync(Limit) ?? throw new InvalidOperationException("no line");
            Assert.Equal(":tmi.twitch.tv 001 justinfan12345 :Welcome, GLHF!", Encoding.UTF8.GetString(line.Bytes.Span));
            Assert.Equal(ReceivedLineKind.Complete, line.Kind);
            Assert.Equal(clock.GetUtcNow(), line.ReceivedAt);
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Tls_round_trip_works_when_the_test_certificate_is_trusted_by_callback()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tls, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await client.SendLineAsync("PASS oauth:abc123", Limit);
            Assert.Equal("PASS oauth:abc123", await connection.ReadLineAsync(cancellationToken: Limit));
            string privmsg = await connection.SendPrivmsgAsync("forsen", "viewer", "hello über TLS ☕", Limit);
            Assert.Equal(privmsg, await ReadCompleteAsync(client));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Line_split_across_writes_even_inside_a_code_point_arrives_whole()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            // "é" is C3 A9 and "😀" is F0 9F 98 80; each write ends inside one. Each write also completes the line
            // before, and the test waits for that line, so the client has surely read the write before the next.
            byte[] bytes = Encoding.UTF8.GetBytes("first\r\nPRIVMSG #c :café 😀\r\nsecond\r\nthird\r\n");
            int inE = IndexAfter(bytes, "caf") + 1;
            int inEmoji = IndexAfter(bytes, "café ") + 2;
            await connection.SendRawAsync(bytes.AsMemory(0, inE), Limit);
            Assert.Equal("first", await ReadCompleteAsync(client));
            ValueTask<ReceivedLine?> pending = client.ReadLineAsync(Limit);
            await connection.SendRawAsync(bytes.AsMemory(inE, inEmoji - inE), Limit);
            await connection.SendRawAsync(bytes.AsMemory(inEmoji), Limit);
            ReceivedLine line = await pending ?? throw new InvalidOperationException("no line");
            Assert.Equal("PRIVMSG #c :café 😀", Encoding.UTF8.GetString(line.Bytes.Span));
            Assert.Equal("second", await ReadCompleteAsync(client));
            Assert.Equal("third", await ReadCompleteAsync(client));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Several_lines_in_one_write_arrive_one_by_one_with_lf_only_and_empty_lines_handled()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await connection.SendRawAsync("PING :a\r\nPING :b\nPING :c\r\n\r\n\nPING :d\r\n"u8.ToArray(), Limit);
            Assert.Equal("PING :a", await ReadCompleteAsync(client));
            Assert.Equal("PING :b", await ReadCompleteAsync(client));
            Assert.Equal("PING :c", await ReadCompleteAsync(client));
            Assert.Equal("PING :d", await ReadCompleteAsync(client));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Oversized_line_is_reported_once_with_its_first_bytes_and_the_next_line_still_arrives()
    {
        const int Max = IrcTransportOptions.MinLineBytes;
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server, IrcTransportOptions.Default with { MaxLineBytes = Max });
        await using (client)
        {
            string longLine = "@" + new string('x', 3 * Max) + " :tmi.twitch.tv PRIVMSG #c :hi";

            // Whole in one write: the '\n' is already there when the cap is hit.
            await connection.SendRawAsync(Encoding.UTF8.GetBytes(longLine + "\r\nnext\r\n"), Limit);
            Assert.Equal((ReceivedLineKind.Oversized, longLine[..Max]), await ReadAsync(client));
            Assert.Equal("next", await ReadCompleteAsync(client));

            // Its start alone: reported before the rest arrives; the rest is then skipped up to its '\n'.
            await connection.SendRawAsync(Encoding.UTF8.GetBytes(longLine[..(Max + 10)]), Limit);
            Assert.Equal((ReceivedLineKind.Oversized, longLine[..Max]), await ReadAsync(client));
            await connection.SendRawAsync(Encoding.UTF8.GetBytes(longLine[(Max + 10)..] + "\r\nafter\r\n"), Limit);
            Assert.Equal("after", await ReadCompleteAsync(client));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Line_of_exactly_the_cap_is_complete_even_when_its_CR_and_LF_arrive_apart()
    {
        const int Max = IrcTransportOptions.MinLineBytes;
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server, IrcTransportOptions.Default with { MaxLineBytes = Max });
        await using (client)
        {
            string line = new('y', Max);
            ValueTask<ReceivedLine?> pending = client.ReadLineAsync(Limit);
            await connection.SendRawAsync(Encoding.UTF8.GetBytes(line + "\r"), Limit);
            await connection.SendRawAsync("\n"u8.ToArray(), Limit);
            ReceivedLine received = await pending ?? throw new InvalidOperationException("no line");
            Assert.Equal(ReceivedLineKind.Complete, received.Kind);
            Assert.Equal(line, Encoding.UTF8.GetString(received.Bytes.Span));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Disconnect_mid_line_gives_the_partial_line_as_incomplete_then_null()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await connection.SendRawAsync("PING :whole\r\n@id=1 :a!a@a.tmi.twitch.tv PRIVMSG #c :cut he"u8.ToArray(), Limit);
            await connection.AbortAsync(Limit);
            Assert.Equal("PING :whole", await ReadCompleteAsync(client));
            Assert.Equal((ReceivedLineKind.Incomplete, "@id=1 :a!a@a.tmi.twitch.tv PRIVMSG #c :cut he"), await ReadAsync(client));
            Assert.Null(await client.ReadLineAsync(Limit));
            Assert.Null(await client.ReadLineAsync(Limit));
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public Task Orderly_tls_close_after_the_last_line_gives_null() => AssertOrderlyCloseGivesTheLastLineThenNullAsync(Tls);

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Connection_reset_is_an_IrcTransportException_naming_the_endpoint()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await connection.ResetAsync(Limit);
            IrcTransportException exception = await Assert.ThrowsAsync<IrcTransportException>(async () => await client.ReadLineAsync(Limit));
            Assert.Contains(server.EndpointUrl, exception.Message, StringComparison.Ordinal);
            Assert.Contains("broke while reading", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Concurrent_sends_arrive_as_whole_lines()
    {
        const int Senders = 64;
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            string[] lines = [.. Enumerable.Range(0, Senders).Select(i => $"PRIVMSG #c :{i} " + new string((char)('a' + (i % 26)), 400))];
            await Task.WhenAll(lines.Select(line => client.SendLineAsync(line, Limit).AsTask()));
            foreach (string line in lines)
            {
                await connection.WaitForLineAsync(received => received == line, $"line '{line[..16]}…' intact", cancellationToken: Limit);
            }

            Assert.Equal(Senders, connection.ReceivedLines.Count);
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Send_rejects_CR_or_LF_without_quoting_the_line()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, _) = await ConnectPairAsync(server);
        await using (client)
        {
            ArgumentException exception = await Assert.ThrowsAsync<ArgumentException>(
                async () => await client.SendLineAsync("PASS oauth:supersecret\r\nNICK x", Limit));
            Assert.DoesNotContain("supersecret", exception.Message, StringComparison.Ordinal);
            Assert.Equal("line", exception.ParamName);
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_flood_of_realistic_privmsgs_arrives_complete_and_in_order()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            Task<IReadOnlyList<string>> flood = connection.SendFloodAsync("xqc", 5_000, Limit);
            var received = new List<string>();
            while (received.Count < 5_000)
            {
                received.Add(await ReadCompleteAsync(client));
            }

            Assert.Equal(await flood, received);
        }
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Dispose_ends_a_pending_read_closes_the_connection_and_can_be_repeated()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tls, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        ValueTask<ReceivedLine?> pending = client.ReadLineAsync(Limit);

        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pending);
        await client.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await client.ReadLineAsync(Limit));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await client.SendLineAsync("PING", Limit));
        await connection.WaitForClientToLeaveAsync(cancellationToken: Limit);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Cancelled_read_throws_OperationCanceledException_and_a_later_read_still_gets_the_line()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(Tcp, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Limit);
            ValueTask<ReceivedLine?> pending = client.ReadLineAsync(cancel.Token);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);

            await connection.SendLineAsync("PING :after", Limit);
            Assert.Equal("PING :after", await ReadCompleteAsync(client));
        }
    }

    private static int IndexAfter(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) + Encoding.UTF8.GetByteCount(text);
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.TestSupport.Irc;

namespace TwitchSentiment.IntegrationTests.Transport;

/// <summary>
/// How connecting fails: refused, TLS rejected, handshake never answered (timeout), caller cancellation. Each
/// failure has its own exception type and a message naming the endpoint and the fix.
/// </summary>
public sealed class ConnectFailureTests : TransportTestBase
{
    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Refused_connection_is_an_IrcTransportException_naming_the_endpoint_and_the_fix()
    {
        var endpoint = IrcEndpoint.Parse($"irc://127.0.0.1:{ClosedPort()}");

        IrcTransportException exception = await Assert.ThrowsAsync<IrcTransportException>(
            () => IrcTransports.ConnectAsync(endpoint, IrcTransportOptions.Default, Limit));

        Assert.Contains(endpoint.ToString(), exception.Message, StringComparison.Ordinal);
        Assert.Contains("refused", exception.Message, StringComparison.Ordinal);
        Assert.Contains("check the port", exception.Message, StringComparison.Ordinal);
        Assert.Equal(endpoint, exception.Endpoint);
    }

    [Theory(Timeout = TimeoutMilliseconds)]
    [InlineData(ScriptedIrcServerMode.Tls)]
    [InlineData(ScriptedIrcServerMode.SecureWebSocket)]
    public async Task Default_validation_rejects_the_self_signed_certificate_with_a_clear_message(ScriptedIrcServerMode mode)
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(ScriptedIrcServerOptions.Default with { Mode = mode }, Limit);

        IrcTransportException exception = await Assert.ThrowsAsync<IrcTransportException>(
            () => ConnectAsync(server, IrcTransportOptions.Default));

        Assert.Contains(IrcEndpoint.Parse(server.EndpointUrl).ToString(), exception.Message, StringComparison.Ordinal);
        Assert.Contains("certificate is not trusted", exception.Message, StringComparison.Ordinal);
        Assert.Contains("UntrustedRoot", exception.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IrcTransportOptions.CertificateValidation), exception.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Certificate_for_another_host_name_is_rejected_as_a_name_mismatch()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(
            ScriptedIrcServerOptions.Default with { Mode = ScriptedIrcServerMode.Tls, CertificateHostName = "irc.example.test" },
            Limit);

        IrcTransportException exception = await Assert.ThrowsAsync<IrcTransportException>(() => ConnectAsync(server));

        Assert.Contains("name mismatch", exception.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Tls_to_a_plain_irc_port_says_the_port_may_not_speak_tls()
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(ScriptedIrcServerOptions.Default, Limit);
        var endpoint = IrcEndpoint.Parse($"ircs://127.0.0.1:{server.Port}");

        IrcTransportException exception = await Assert.ThrowsAsync<IrcTransportException>(async () =>
        {
            Task<IIrcTransport> connecting = IrcTransports.ConnectAsync(endpoint, IrcTransportOptions.Default, Limit);
            ServerConnection connection = await server.AcceptConnectionAsync(cancellationToken: Limit);

            // A plain IRC server talks first, which is no TLS record.
            await connection.SendLineAsync(":tmi.twitch.tv NOTICE * :plain text here", Limit);
            await connecting;
        });

        Assert.Contains("may not speak TLS", exception.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = TimeoutMilliseconds)]
    [InlineData(ScriptedIrcServerMode.Tls)]
    [InlineData(ScriptedIrcServerMode.WebSocket)]
    [InlineData(ScriptedIrcServerMode.SecureWebSocket)]
    public async Task Handshake_never_answered_times_out_on_the_options_clock_and_closes_the_socket(ScriptedIrcServerMode mode)
    {
        var clock = new FakeTimeProvider();
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(
            ScriptedIrcServerOptions.Default with { Mode = mode, StallHandshake = true },
            Limit);
        IrcTransportOptions options = OptionsFor(server) with { TimeProvider = clock, ConnectTimeout = TimeSpan.FromSeconds(7) };

        TimeoutException exception = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            Task<IIrcTransport> connecting = ConnectAsync(server, options);

            // Once TCP is accepted the client sits in the handshake; then its connect timeout passes.
            await server.AcceptConnectionAsync(cancellationToken: Limit);
            Assert.False(connecting.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(7));
            await connecting;
        });

        Assert.Contains(IrcEndpoint.Parse(server.EndpointUrl).ToString(), exception.Message, StringComparison.Ordinal);
        Assert.Contains("7 s", exception.Message, StringComparison.Ordinal);
        await server.Connections[0].WaitForClientToLeaveAsync(cancellationToken: Limit);
    }

    [Theory(Timeout = TimeoutMilliseconds)]
    [InlineData(ScriptedIrcServerMode.Tls)]
    [InlineData(ScriptedIrcServerMode.WebSocket)]
    public async Task Caller_cancellation_during_connect_is_OperationCanceledException_not_a_timeout(ScriptedIrcServerMode mode)
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(
            ScriptedIrcServerOptions.Default with { Mode = mode, StallHandshake = true },
            Limit);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Limit);

        OperationCanceledException exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            Task<IIrcTransport> connecting = IrcTransports.ConnectAsync(IrcEndpoint.Parse(server.EndpointUrl), OptionsFor(server), cancel.Token);
            await server.AcceptConnectionAsync(cancellationToken: Limit);
            await cancel.CancelAsync();
            await connecting;
        });

        Assert.Equal(cancel.Token, exception.CancellationToken);
        await server.Connections[0].WaitForClientToLeaveAsync(cancellationToken: Limit);
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Already_cancelled_token_is_OperationCanceledException()
    {
        var endpoint = IrcEndpoint.Parse($"irc://127.0.0.1:{ClosedPort()}");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => IrcTransports.ConnectAsync(endpoint, IrcTransportOptions.Default, new CancellationToken(canceled: true)));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Invalid_options_are_rejected_before_connecting()
    {
        var endpoint = IrcEndpoint.Parse($"irc://127.0.0.1:{ClosedPort()}");

        ArgumentOutOfRangeException exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => IrcTransports.ConnectAsync(endpoint, IrcTransportOptions.Default with { MaxLineBytes = 100 }, Limit));

        Assert.Equal(nameof(IrcTransportOptions.MaxLineBytes), exception.ParamName);
    }

    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

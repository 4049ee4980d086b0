using System.Text;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.TestSupport.Irc;

namespace TwitchSentiment.IntegrationTests.Transport;

/// <summary>
/// Shared by the transport tests: a per-test time limit that every call receives, and helpers to connect to a
/// <see cref="ScriptedIrcServer"/> and read lines as text.
/// </summary>
public abstract class TransportTestBase : IDisposable
{
    /// <summary>The xunit time limit, in milliseconds, slightly above <see cref="TestTimeLimit"/>.</summary>
    public const int TimeoutMilliseconds = 30_000;

    /// <summary>No test needs more than a fraction of this; it only stops a hung test.</summary>
    protected static readonly TimeSpan TestTimeLimit = TimeSpan.FromSeconds(25);

    private readonly CancellationTokenSource _limit = new(TestTimeLimit);

    /// <summary>Cancelled when the test's time is up.</summary>
    protected CancellationToken Limit => _limit.Token;

    public void Dispose()
    {
        _limit.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Options that trust exactly the server's certificate in TLS modes.</summary>
    private protected static IrcTransportOptions OptionsFor(ScriptedIrcServer server) =>
        server.Certificate is null ? IrcTransportOptions.Default : IrcTransportOptions.Default with { CertificateValidation = server.TrustServerCertificate };

    private protected Task<IIrcTransport> ConnectAsync(ScriptedIrcServer server, IrcTransportOptions? options = null) =>
        IrcTransports.ConnectAsync(IrcEndpoint.Parse(server.EndpointUrl), options ?? OptionsFor(server), Limit);

    /// <summary>Connects and waits until the server has the connection ready to drive.</summary>
    private protected async Task<(IIrcTransport Client, ServerConnection Server)> ConnectPairAsync(
        ScriptedIrcServer server,
        IrcTransportOptions? options = null)
    {
        IIrcTransport client = await ConnectAsync(server, options);
        ServerConnection connection = await server.AcceptConnectionAsync(cancellationToken: Limit);
        return (client, connection);
    }

    /// <summary>
    /// The server sends one line and closes in an orderly way (TLS close_notify, WebSocket close frame): the client
    /// gets the line, then null.
    /// </summary>
    private protected async Task AssertOrderlyCloseGivesTheLastLineThenNullAsync(ScriptedIrcServerOptions options)
    {
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(options, Limit);
        (IIrcTransport client, ServerConnection connection) = await ConnectPairAsync(server);
        await using (client)
        {
            await connection.SendLineAsync(TwitchLines.Reconnect, Limit);
            await connection.CloseAsync(Limit);
            Assert.Equal(TwitchLines.Reconnect, await ReadCompleteAsync(client));
            Assert.Null(await client.ReadLineAsync(Limit));
        }
    }

    /// <summary>The next line, decoded; null at the end of the stream.</summary>
    private protected async Task<(ReceivedLineKind Kind, string Text)?> ReadAsync(IIrcTransport transport) =>
        await transport.ReadLineAsync(Limit) is { } line ? (line.Kind, Encoding.UTF8.GetString(line.Bytes.Span)) : null;

    /// <summary>The next line, which must be complete.</summary>
    private protected async Task<string> ReadCompleteAsync(IIrcTransport transport)
    {
        (ReceivedLineKind kind, string text) = await ReadAsync(transport) ?? throw new InvalidOperationException("The stream ended instead of a line.");
        Assert.Equal(ReceivedLineKind.Complete, kind);
        return text;
    }
}

using System.Net;
using System.Net.Sockets;
using TwitchSentiment.Credentials;

namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>An OAuth service that takes the connection and never answers: a clear error, not a cancellation from nowhere.</summary>
public sealed class OAuthTimeoutTests
{
    [Fact]
    public async Task A_service_that_never_answers_is_a_credentials_error_naming_the_wait()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections into its backlog and never reads or answers
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var client = new TwitchOAuthClient(http, new Uri($"http://127.0.0.1:{port}/oauth2/"));

        var error = await Assert.ThrowsAsync<CredentialsException>(() => client.ValidateAsync("some-access-token"));

        Assert.Contains($"Twitch's OAuth service at http://127.0.0.1:{port}/oauth2/ did not answer within 1 s while validating the access token", error.Message, StringComparison.Ordinal);
    }
}

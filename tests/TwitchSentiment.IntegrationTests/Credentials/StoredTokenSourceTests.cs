using TwitchSentiment.Credentials;
using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.TestSupport.Irc;

namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>Token validation, refresh and persistence against the local fake OAuth server and a real file store.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoredTokenSourceTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-tokens-").FullName;
    private readonly FakeTwitchOAuthServer _oauth = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _oauth.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<CredentialsFileStore> StoreAsync(string accessToken, string refreshToken = "refresh-0001")
    {
        var store = new CredentialsFileStore(Path.Combine(_folder, "twitch.json"));
        await store.WriteAsync(new TwitchCredentials
        {
            Nickname = "ronni", ClientId = "cid", ClientSecret = "client-secret-value", RefreshToken = refreshToken, AccessToken = accessToken,
        });
        _oauth.ValidRefreshTokens[refreshToken] = true;
        return store;
    }

    private TwitchOAuthClient OAuth() => new(_http, _oauth.BaseUrl) { RetryBaseDelay = TimeSpan.FromMilliseconds(1) };

    private StoredTokenSource Source(ICredentialsStore store) => new(store, OAuth());

    [Fact]
    public async Task A_valid_token_is_used_without_a_refresh()
    {
        CredentialsFileStore store = await StoreAsync("still-good-token");
        _oauth.ValidTokens["still-good-token"] = true;

        Assert.Equal("still-good-token", await Source(store).GetAccessTokenAsync(false, CancellationToken.None));
        Assert.Equal(0, _oauth.RefreshRequests);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_and_persisted_before_it_is_used()
    {
        CredentialsFileStore store = await StoreAsync("expired-token");

        string token = await Source(store).GetAccessTokenAsync(false, CancellationToken.None);

        TwitchCredentials saved = await store.ReadAsync();
        Assert.Equal("fresh-access-0001", token);
        Assert.Equal(("fresh-access-0001", "rotated-refresh-0001"), (saved.AccessToken, saved.RefreshToken));
    }

    [Fact]
    public async Task After_a_refused_login_a_token_refreshed_by_another_run_is_taken_without_refreshing()
    {
        CredentialsFileStore store = await StoreAsync("token-a");
        _oauth.ValidTokens["token-a"] = true;
        StoredTokenSource run = Source(store);
        Assert.Equal("token-a", await run.GetAccessTokenAsync(false, CancellationToken.None));
        await store.WriteAsync((await store.ReadAsync()) with { AccessToken = "other-runs-token" }); // another run refreshed

        string token = await run.GetAccessTokenAsync(true, CancellationToken.None); // Twitch refused token-a

        Assert.Equal("other-runs-token", token);
        Assert.Equal(0, _oauth.RefreshRequests);
    }

    [Fact]
    public async Task After_a_refused_login_with_nobody_else_refreshing_the_token_is_refreshed()
    {
        CredentialsFileStore store = await StoreAsync("token-a");
        _oauth.ValidTokens["token-a"] = true;
        StoredTokenSource run = Source(store);
        await run.GetAccessTokenAsync(false, CancellationToken.None);

        Assert.Equal("fresh-access-0001", await run.GetAccessTokenAsync(true, CancellationToken.None));
        Assert.Equal(1, _oauth.RefreshRequests);
    }

    [Fact]
    public async Task An_invalid_refresh_token_is_a_final_error_naming_the_store_and_no_secret()
    {
        CredentialsFileStore store = await StoreAsync("expired-token", refreshToken: "revoked-refresh-token");
        _oauth.ValidRefreshTokens.Clear();

        // To the chat client a refused refresh is a final authentication failure; the cause keeps the details.
        var error = await Assert.ThrowsAsync<TwitchAuthenticationException>(async () => await Source(store).GetAccessTokenAsync(false, CancellationToken.None));
        Assert.IsType<CredentialsException>(error.InnerException);

        Assert.Contains(store.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid refresh token", error.Message, StringComparison.Ordinal);
        Assert.Contains("Authorize the application again", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-refresh", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_a_bounded_number_of_times()
    {
        CredentialsFileStore store = await StoreAsync("expired-token");
        _oauth.TokenFailures.Enqueue((429, "0"));
        _oauth.TokenFailures.Enqueue((503, null));

        Assert.Equal("fresh-access-0001", await Source(store).GetAccessTokenAsync(false, CancellationToken.None));

        for (int i = 0; i < 4; i++)
        {
            _oauth.TokenFailures.Enqueue((500, null));
        }

        var error = await Assert.ThrowsAsync<CredentialsException>(async () =>
            await OAuth().RefreshAsync(await store.ReadAsync(), store.Name));
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 4 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chat_client_logs_in_with_a_token_refreshed_from_the_store()
    {
        CredentialsFileStore store = await StoreAsync("expired-token");
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(ScriptedIrcServerOptions.Default with
        {
            TwitchDialect = TwitchDialectOptions.Default with { AcceptedTokens = new HashSet<string> { "fresh-access-0001" } },
        });
        await using var client = new TwitchChatClient(TwitchChatOptions.Default with
        {
            Endpoint = IrcEndpoint.Parse(server.EndpointUrl),
            Login = new TwitchLogin("ronni", Source(store)),
        });

        client.Join("dallas");
        ServerConnection connection = await server.AcceptConnectionAsync(TimeSpan.FromSeconds(20));
        await connection.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN after a login with the refreshed token", TimeSpan.FromSeconds(20));

        Assert.Contains("PASS oauth:fresh-access-0001", connection.ReceivedLines);
        Assert.Equal("fresh-access-0001", (await store.ReadAsync()).AccessToken);
        Assert.Equal(1, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task A_token_revoked_while_connected_is_found_by_the_periodic_check_refreshed_and_chat_goes_on()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        CredentialsFileStore store = await StoreAsync("token-a");
        _oauth.ValidTokens["token-a"] = true;
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(ScriptedIrcServerOptions.Default with
        {
            TwitchDialect = TwitchDialectOptions.Default with { AcceptedTokens = new HashSet<string> { "token-a", "fresh-access-0001" } },
        });
        await using var client = new TwitchChatClient(TwitchChatOptions.Default with
        {
            Endpoint = IrcEndpoint.Parse(server.EndpointUrl),
            Login = new TwitchLogin("ronni", Source(store)),
            TimeProvider = clock,
            TokenValidationInterval = TimeSpan.FromMinutes(5),
            IdlePingInterval = TimeSpan.FromHours(2), // keep our own PINGs out of this test
        });
        client.Join("dallas");
        ServerConnection first = await server.AcceptConnectionAsync(TimeSpan.FromSeconds(20));
        await first.WaitForLineAsync(line => line == "JOIN #dallas", "the first JOIN", TimeSpan.FromSeconds(20));

        _oauth.ValidTokens.TryRemove("token-a", out _); // the user revoked the token
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (server.ConnectionsAccepted < 2)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(20, timeout.Token); // real time for the validation request and the reconnect to run
        }

        ServerConnection second = await server.AcceptConnectionAsync(TimeSpan.FromSeconds(20));
        await second.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN with the refreshed token", TimeSpan.FromSeconds(20));
        await second.SendPrivmsgAsync("dallas", "viewer", "still flowing");
        await foreach (ChatLine line in client.ReadAllAsync(timeout.Token))
        {
            if (line.Message is PrivmsgMessage { Text: "still flowing" })
            {
                break;
            }
        }

        Assert.Contains("PASS oauth:fresh-access-0001", second.ReceivedLines);
        Assert.Equal("fresh-access-0001", (await store.ReadAsync()).AccessToken);
    }

    [Fact]
    public async Task A_login_refused_after_reconnect_refreshes_once_and_chat_goes_on()
    {
        CredentialsFileStore store = await StoreAsync("token-a");
        _oauth.ValidTokens["token-a"] = true; // Twitch's validate still accepts it, but chat login will not
        var acceptedByChat = new HashSet<string> { "token-a" };
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(ScriptedIrcServerOptions.Default with
        {
            TwitchDialect = TwitchDialectOptions.Default with { AcceptedTokens = acceptedByChat },
        });
        await using var client = new TwitchChatClient(TwitchChatOptions.Default with
        {
            Endpoint = IrcEndpoint.Parse(server.EndpointUrl),
            Login = new TwitchLogin("ronni", Source(store)),
        });
        client.Join("dallas");
        ServerConnection first = await server.AcceptConnectionAsync(TimeSpan.FromSeconds(20));
        await first.WaitForLineAsync(line => line == "JOIN #dallas", "the first JOIN", TimeSpan.FromSeconds(20));

        acceptedByChat.Clear(); // the old token expires while connected; only a refreshed one logs in from now on
        acceptedByChat.Add("fresh-access-0001");
        await first.SendReconnectAsync();
        ServerConnection refused = await server.AcceptConnectionAsync(TimeSpan.FromSeconds(20));
        await refused.WaitForClientToLeaveAsync(TimeSpan.FromSeconds(20));
        ServerConnection third = await server.AcceptConnectionAsync(TimeSpan.FromSeconds(20));
        await third.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN after the refresh", TimeSpan.FromSeconds(20));
        await third.SendPrivmsgAsync("dallas", "viewer", "after the refresh");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (ChatLine line in client.ReadAllAsync(timeout.Token))
        {
            if (line.Message is PrivmsgMessage { Text: "after the refresh" })
            {
                break;
            }
        }

        Assert.Contains("PASS oauth:token-a", refused.ReceivedLines);
        Assert.Contains("PASS oauth:fresh-access-0001", third.ReceivedLines);
        Assert.Equal(1, _oauth.RefreshRequests);
    }
}

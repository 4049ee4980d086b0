using TwitchSentiment.Credentials;
using TwitchSentiment.IntegrationTests.Cli;
using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.TestSupport.Irc;
using TwitchSentiment.TestSupport.Logging;

namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>
/// End to end with every log message (the chat client's and the token source's, all levels), every exception text and
/// the CLI's standard output and error captured: no access token, refresh token or client secret appears, not even five
/// characters of one (a redacted token shows its last four).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretLeakTests : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-leaks-").FullName;
    private readonly FakeTwitchOAuthServer _oauth = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly string _clientSecret = SecretLeaks.NewSecret("cs");
    private readonly string _firstAccess = SecretLeaks.NewSecret("at");
    private readonly string _firstRefresh = SecretLeaks.NewSecret("rt");
    private readonly (string AccessToken, string RefreshToken)[] _issued = [.. Enumerable.Range(0, 4).Select(_ => (SecretLeaks.NewSecret("at"), SecretLeaks.NewSecret("rt")))];

    public SecretLeakTests()
    {
        _oauth.ClientSecret = _clientSecret;
        _oauth.Issue = n => _issued[n - 1];
    }

    private string FilePath => Path.Combine(_folder, "twitch.json");

    private IEnumerable<string> AllSecrets =>
        [_clientSecret, _firstAccess, _firstRefresh, .. _issued.Select(t => t.AccessToken), .. _issued.Select(t => t.RefreshToken)];

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _oauth.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<CredentialsFileStore> StoreAsync()
    {
        var store = new CredentialsFileStore(FilePath);
        await store.WriteAsync(new TwitchCredentials
        {
            Nickname = "ronni", ClientId = "cid", ClientSecret = _clientSecret, RefreshToken = _firstRefresh, AccessToken = _firstAccess,
        });
        _oauth.ValidRefreshTokens[_firstRefresh] = true;
        return store;
    }

    [Fact]
    public async Task A_login_refused_then_refreshed_logs_the_refresh_without_any_secret()
    {
        CredentialsFileStore store = await StoreAsync();
        _oauth.ValidTokens[_firstAccess] = true; // validate accepts it, chat login will not after the reconnect
        var logs = new RecordingLoggerFactory();
        var acceptedByChat = new HashSet<string> { _firstAccess };
        await using ScriptedIrcServer server = await ScriptedIrcServer.StartAsync(ScriptedIrcServerOptions.Default with
        {
            TwitchDialect = TwitchDialectOptions.Default with { AcceptedTokens = acceptedByChat },
        });
        var source = new StoredTokenSource(store, new TwitchOAuthClient(_http, _oauth.BaseUrl)) { LoggerFactory = logs };
        await using (var client = new TwitchChatClient(TwitchChatOptions.Default with
        {
            Endpoint = IrcEndpoint.Parse(server.EndpointUrl),
            Login = new TwitchLogin("ronni", source),
            LoggerFactory = logs,
        }))
        {
            client.Join("dallas");
            ServerConnection first = await server.AcceptConnectionAsync(Limit);
            await first.WaitForLineAsync(line => line == "JOIN #dallas", "the first JOIN", Limit);
            acceptedByChat.Clear();
            acceptedByChat.Add(_issued[0].AccessToken);
            await first.SendReconnectAsync();
            ServerConnection refused = await server.AcceptConnectionAsync(Limit);
            await refused.WaitForClientToLeaveAsync(Limit);
            ServerConnection third = await server.AcceptConnectionAsync(Limit);
            await third.WaitForLineAsync(line => line == "JOIN #dallas", "the JOIN after the refresh", Limit);
            Assert.Contains($"PASS oauth:{_issued[0].AccessToken}", third.ReceivedLines); // the secrets really went over the wire
        }

        string captured = logs.AllText;
        Assert.Contains("login refused", captured, StringComparison.Ordinal);
        Assert.Contains($"this run refreshed the access token of 'ronni': now {TwitchCredentials.Redact(_issued[0].AccessToken)}", captured, StringComparison.Ordinal);
        Assert.Contains("[2002]", captured, StringComparison.Ordinal); // why it needed a refresh
        SecretLeaks.AssertAbsent(captured, AllSecrets);
    }

    [Fact]
    public async Task A_refused_refresh_token_leaks_nothing_into_the_exception_or_the_logs()
    {
        CredentialsFileStore store = await StoreAsync();
        _oauth.ValidRefreshTokens.Clear(); // revoked
        var logs = new RecordingLoggerFactory();
        var source = new StoredTokenSource(store, new TwitchOAuthClient(_http, _oauth.BaseUrl)) { LoggerFactory = logs };

        var error = await Assert.ThrowsAsync<TwitchAuthenticationException>(async () => await source.GetAccessTokenAsync(false, CancellationToken.None));

        string captured = logs.AllText + "\n" + error;
        Assert.Contains($"the refresh token {TwitchCredentials.Redact(_firstRefresh)} is no longer valid", captured, StringComparison.Ordinal);
        Assert.Contains("[2005]", captured, StringComparison.Ordinal);
        SecretLeaks.AssertAbsent(captured, AllSecrets);
    }

    [Fact]
    public async Task The_auth_commands_print_no_secret()
    {
        var outputs = new List<string>();
        async Task<int> RunAsync(string input, params string[] args)
        {
            (int exitCode, string output, string error) = await InProcessCli.RunWithInputAsync(input, null, args);
            outputs.Add(output + "\n" + error);
            return exitCode;
        }

        string oauthUrl = _oauth.BaseUrl.AbsoluteUri;
        int init = await RunAsync($"{_clientSecret}\n{_firstRefresh}\n", "auth", "init", "--file", FilePath, "--nickname", "ronni", "--client-id", "cid");
        _oauth.ValidRefreshTokens[_firstRefresh] = true;
        int refresh = await RunAsync(string.Empty, "auth", "refresh", "--file", FilePath, "--oauth-url", oauthUrl);
        int ifInvalid = await RunAsync(string.Empty, "auth", "refresh", "--if-invalid", "--file", FilePath, "--oauth-url", oauthUrl);
        int check = await RunAsync(string.Empty, "auth", "check", "--file", FilePath, "--oauth-url", oauthUrl);
        _oauth.ValidTokens.Clear();
        _oauth.ValidRefreshTokens.Clear(); // revoked: the refresh is refused with the store to fix
        int refused = await RunAsync(string.Empty, "auth", "refresh", "--if-invalid", "--file", FilePath, "--oauth-url", oauthUrl);
        int invalidCheck = await RunAsync(string.Empty, "auth", "check", "--file", FilePath, "--oauth-url", oauthUrl);

        Assert.Equal((0, 0, 0, 0, 1, 1), (init, refresh, ifInvalid, check, refused, invalidCheck));
        string captured = string.Join("\n", outputs);
        Assert.Contains($"({TwitchCredentials.Redact(_issued[0].AccessToken)}, expires in", captured, StringComparison.Ordinal);
        Assert.Contains("Invalid refresh token", captured, StringComparison.Ordinal);
        SecretLeaks.AssertAbsent(captured, AllSecrets);
    }

    [Fact]
    public async Task A_proxy_that_echoes_the_request_gets_no_secret_into_a_message()
    {
        await StoreAsync();
        _oauth.EchoWithStatus = 400;
        string oauthUrl = _oauth.BaseUrl.AbsoluteUri;

        (int refresh, string refreshOutput, string refreshError) = await InProcessCli.RunWithInputAsync(string.Empty, null, "auth", "refresh", "--file", FilePath, "--oauth-url", oauthUrl);
        (int check, string checkOutput, string checkError) = await InProcessCli.RunWithInputAsync(string.Empty, null, "auth", "check", "--file", FilePath, "--oauth-url", oauthUrl);

        Assert.Equal((1, 1), (refresh, check));
        string captured = string.Join("\n", refreshOutput, refreshError, checkOutput, checkError);
        Assert.Contains("refresh_token=[secret]", refreshError, StringComparison.Ordinal); // the echo came, without the secret
        Assert.Contains("Authorization: OAuth [secret]", checkError, StringComparison.Ordinal);
        SecretLeaks.AssertAbsent(captured, AllSecrets);
    }

    [Fact]
    public async Task A_web_page_instead_of_the_oauth_service_is_named_as_the_wrong_url()
    {
        await StoreAsync();
        _oauth.HtmlPage = "<html><body>Please log in to the hotel wifi</body></html>";

        (int check, _, string error) = await InProcessCli.RunWithInputAsync(string.Empty, null, "auth", "check", "--file", FilePath, "--oauth-url", _oauth.BaseUrl.AbsoluteUri);

        Assert.Equal(1, check);
        Assert.Contains("answered with a body that is not JSON while validating the access token (HTTP 200, text/html)", error, StringComparison.Ordinal);
        Assert.Contains("--oauth-url", error, StringComparison.Ordinal);
        SecretLeaks.AssertAbsent(error, AllSecrets);
    }
}

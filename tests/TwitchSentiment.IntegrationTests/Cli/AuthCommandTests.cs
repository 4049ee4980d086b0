using TwitchSentiment.Credentials;
using TwitchSentiment.IntegrationTests.Credentials;

namespace TwitchSentiment.IntegrationTests.Cli;

/// <summary><c>twitch-sentiment auth</c> with a real file store and the local fake OAuth server.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AuthCommandTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-auth-").FullName;
    private readonly FakeTwitchOAuthServer _oauth = new();

    private string File => Path.Combine(_folder, "twitch.json");

    public async ValueTask DisposeAsync()
    {
        await _oauth.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Init_refresh_check_keep_the_document_and_never_print_a_token()
    {
        (int init, _, string initError) = await InProcessCli.RunAsync(
            "auth", "init", "--file", File, "--nickname", "Ronni", "--client-id", "cid", "--client-secret", "client-secret-value", "--refresh-token", "refresh-0001");
        _oauth.ValidRefreshTokens["refresh-0001"] = true;

        (int refresh, _, string refreshError) = await InProcessCli.RunAsync("auth", "refresh", "--file", File, "--oauth-url", _oauth.BaseUrl.AbsoluteUri);
        (int check, _, string checkError) = await InProcessCli.RunAsync("auth", "check", "--file", File, "--oauth-url", _oauth.BaseUrl.AbsoluteUri);

        Assert.Equal((0, 0, 0), (init, refresh, check));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File));
        TwitchCredentials stored = await new CredentialsFileStore(File).ReadAsync();
        Assert.Equal(("ronni", "fresh-access-0001", "rotated-refresh-0001"), (stored.Nickname, stored.AccessToken, stored.RefreshToken));
        Assert.Contains("valid token for 'ronni', scopes chat:read", checkError, StringComparison.Ordinal);
        foreach (string output in new[] { initError, refreshError, checkError })
        {
            Assert.DoesNotContain("fresh-access-0001", output, StringComparison.Ordinal);
            Assert.DoesNotContain("refresh-0001", output, StringComparison.Ordinal);
            Assert.DoesNotContain("client-secret-value", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Check_of_an_invalid_token_says_to_refresh()
    {
        await InProcessCli.RunAsync("auth", "init", "--file", File, "--nickname", "ronni", "--client-id", "cid", "--client-secret", "s", "--refresh-token", "r");

        (int exitCode, _, string error) = await InProcessCli.RunAsync("auth", "check", "--file", File, "--oauth-url", _oauth.BaseUrl.AbsoluteUri);

        Assert.Equal(1, exitCode);
        Assert.Contains("auth refresh", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_without_a_store_or_a_field_names_what_is_missing()
    {
        (int noStore, _, string noStoreError) = await InProcessCli.RunAsync("auth", "init", "--nickname", "ronni");
        (int noField, _, string noFieldError) = await InProcessCli.RunAsync("auth", "init", "--file", File, "--nickname", "ronni", "--client-id", "cid");

        Assert.Equal((2, 2), (noStore, noField)); // usage errors: no store named; standard input (redirected, empty) ended before the answers
        Assert.Contains("--file PATH or --ssm NAME", noStoreError, StringComparison.Ordinal);
        Assert.Contains("auth init: missing --client-secret, --refresh-token.", noFieldError, StringComparison.Ordinal);
        Assert.Contains("in this order: client id, client secret, refresh token, nickname", noFieldError, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(File));
    }

    [Fact]
    public async Task Watch_with_a_revoked_refresh_token_stops_with_the_store_to_fix()
    {
        await InProcessCli.RunAsync("auth", "init", "--file", File, "--nickname", "ronni", "--client-id", "cid", "--client-secret", "client-secret-value", "--refresh-token", "revoked-refresh");
        await using var server = await TestSupport.Irc.ScriptedIrcServer.StartAsync(TestSupport.Irc.ScriptedIrcServerOptions.Default with
        {
            TwitchDialect = TestSupport.Irc.TwitchDialectOptions.Default,
        });

        (int exitCode, _, string error) = await InProcessCli.RunAsync(
            "watch", "dallas", "--irc", server.EndpointUrl, "--file", File, "--oauth-url", _oauth.BaseUrl.AbsoluteUri, "--max-messages", "1");

        Assert.Equal(1, exitCode);
        Assert.Contains("Invalid refresh token", error, StringComparison.Ordinal);
        Assert.Contains(File, error, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-refresh", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_reads_options_left_out_from_redirected_input_in_the_documented_order()
    {
        (int exitCode, _, string error) = await InProcessCli.RunWithInputAsync(
            "cid\nclient-secret-value\nrefresh-0001\nRonni\n", null, "auth", "init", "--file", File);

        Assert.True(exitCode == 0, error);
        TwitchCredentials stored = await new CredentialsFileStore(File).ReadAsync();
        Assert.Equal(("cid", "client-secret-value", "refresh-0001", "ronni"), (stored.ClientId, stored.ClientSecret, stored.RefreshToken, stored.Nickname));
        Assert.DoesNotContain("Client id:", error, StringComparison.Ordinal); // no questions without a terminal
    }

    [Fact]
    public async Task Init_reads_only_the_answers_not_given_as_options()
    {
        (int exitCode, _, string error) = await InProcessCli.RunWithInputAsync(
            "client-secret-value\r\nrefresh-0001\r\n", null, "auth", "init", "--file", File, "--nickname", "ronni", "--client-id", "cid");

        Assert.True(exitCode == 0, error);
        TwitchCredentials stored = await new CredentialsFileStore(File).ReadAsync();
        Assert.Equal(("cid", "client-secret-value", "refresh-0001", "ronni"), (stored.ClientId, stored.ClientSecret, stored.RefreshToken, stored.Nickname));
    }

    [Fact]
    public async Task Init_at_a_terminal_asks_for_each_missing_field_and_hides_the_secrets()
    {
        var terminal = new ScriptedTerminal("cid", "client-secret-value", "refresh-0001");

        (int exitCode, _, string error) = await InProcessCli.RunWithInputAsync(string.Empty, terminal, "auth", "init", "--file", File, "--nickname", "ronni");

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Client id: Client secret (not shown): Refresh token (not shown): twitch-sentiment auth: wrote", error, StringComparison.Ordinal);
        Assert.Equal([false, true, true], terminal.HiddenFlags);
        Assert.Equal("client-secret-value", (await new CredentialsFileStore(File).ReadAsync()).ClientSecret);
    }

    [Fact]
    public async Task Init_with_input_ending_early_is_a_usage_error_naming_the_missing_options_and_writes_nothing()
    {
        (int exitCode, _, string error) = await InProcessCli.RunWithInputAsync("cid\n", null, "auth", "init", "--file", File);

        Assert.Equal(2, exitCode);
        Assert.Contains("auth init: missing --client-secret, --refresh-token, --nickname.", error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(File));
    }
}

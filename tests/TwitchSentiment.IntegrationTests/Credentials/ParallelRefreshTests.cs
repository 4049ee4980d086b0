using Amazon.SimpleSystemsManagement;
using TwitchSentiment.Credentials;
using TwitchSentiment.Credentials.Ssm;

namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>
/// Runs sharing one store, started at the same moment, each with its own store object (and in the CLI tests its own
/// process): the fake OAuth server holds both validations until both arrived, so both find the token expired before
/// either can refresh; the refresh lock must then let exactly one of them refresh. The server rotates refresh tokens
/// like Twitch, so a second refresh with the same refresh token would be refused.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ParallelRefreshTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("twitch-sentiment-parallel-").FullName;
    private readonly FakeTwitchOAuthServer _oauth = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private string FilePath => Path.Combine(_folder, "twitch.json");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _oauth.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static TwitchCredentials Expired() => new()
    {
        Nickname = "ronni", ClientId = "cid", ClientSecret = "client-secret-value", RefreshToken = "refresh-0001", AccessToken = "expired-token",
    };

    private StoredTokenSource Source(ICredentialsStore store) =>
        new(store, new TwitchOAuthClient(_http, _oauth.BaseUrl) { RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

    private async Task AssertRefreshedOnceAsync(string[] tokens, ICredentialsStore store)
    {
        Assert.Equal(["fresh-access-0001", "fresh-access-0001"], tokens);
        Assert.Equal((1, 1), (_oauth.RefreshRequests, _oauth.SuccessfulRefreshes));
        TwitchCredentials stored = await store.ReadAsync();
        Assert.Equal(("fresh-access-0001", "rotated-refresh-0001"), (stored.AccessToken, stored.RefreshToken));
        Assert.True(_oauth.ValidRefreshTokens.ContainsKey(stored.RefreshToken), "the stored refresh token is the one Twitch will accept next");
    }

    [Fact]
    public async Task Two_runs_started_together_over_one_file_refresh_once_and_share_the_fresh_token()
    {
        await new CredentialsFileStore(FilePath).WriteAsync(Expired());
        _oauth.ValidRefreshTokens["refresh-0001"] = true;
        _oauth.HoldValidationsUntil = 2;
        StoredTokenSource first = Source(new CredentialsFileStore(FilePath));
        StoredTokenSource second = Source(new CredentialsFileStore(FilePath));

        string[] tokens = await ConcurrentRuns.StartTogetherAsync(
            () => first.GetAccessTokenAsync(false, CancellationToken.None).AsTask(),
            () => second.GetAccessTokenAsync(false, CancellationToken.None).AsTask());

        await AssertRefreshedOnceAsync(tokens, new CredentialsFileStore(FilePath));
    }

    [Fact]
    public async Task Two_runs_started_together_over_one_ssm_parameter_refresh_once_and_share_the_fresh_token()
    {
        const string Parameter = "/twitch-sentiment/parallel";
        using AmazonSimpleSystemsManagementClient ssmA = moto.Ssm();
        using AmazonSimpleSystemsManagementClient ssmB = moto.Ssm();
        var storeA = new SsmCredentialsStore(ssmA, Parameter) { LockRetryDelay = TimeSpan.FromMilliseconds(50) };
        var storeB = new SsmCredentialsStore(ssmB, Parameter) { LockRetryDelay = TimeSpan.FromMilliseconds(50) };
        await storeA.WriteAsync(Expired());
        _oauth.ValidRefreshTokens["refresh-0001"] = true;
        _oauth.HoldValidationsUntil = 2;
        StoredTokenSource first = Source(storeA);
        StoredTokenSource second = Source(storeB);

        string[] tokens = await ConcurrentRuns.StartTogetherAsync(
            () => first.GetAccessTokenAsync(false, CancellationToken.None).AsTask(),
            () => second.GetAccessTokenAsync(false, CancellationToken.None).AsTask());

        await AssertRefreshedOnceAsync(tokens, storeA);
        await Assert.ThrowsAsync<Amazon.SimpleSystemsManagement.Model.ParameterNotFoundException>( // the lease was deleted on release
            () => ssmA.GetParameterAsync(new() { Name = storeA.LockParameterName }));
    }

    [Fact]
    public async Task Two_cli_processes_started_together_over_one_file_refresh_once()
    {
        await new CredentialsFileStore(FilePath).WriteAsync(Expired());
        _oauth.ValidRefreshTokens["refresh-0001"] = true;
        _oauth.HoldValidationsUntil = 2;
        string[] args = ["auth", "refresh", "--if-invalid", "--file", FilePath, "--oauth-url", _oauth.BaseUrl.AbsoluteUri];

        (int ExitCode, string Error)[] runs = await ConcurrentRuns.StartTogetherAsync(() => RunCliProcessAsync(args), () => RunCliProcessAsync(args));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Error));
        Assert.All(runs, run => Assert.Contains("is now …0001", run.Error, StringComparison.Ordinal));
        Assert.Equal((1, 1), (_oauth.RefreshRequests, _oauth.SuccessfulRefreshes));
        TwitchCredentials stored = await new CredentialsFileStore(FilePath).ReadAsync();
        Assert.Equal(("fresh-access-0001", "rotated-refresh-0001"), (stored.AccessToken, stored.RefreshToken));
    }

    [Fact]
    public async Task Two_cli_processes_refreshing_at_once_take_turns_and_neither_uses_a_spent_refresh_token()
    {
        await new CredentialsFileStore(FilePath).WriteAsync(Expired());
        _oauth.ValidRefreshTokens["refresh-0001"] = true;
        string[] args = ["auth", "refresh", "--file", FilePath, "--oauth-url", _oauth.BaseUrl.AbsoluteUri];

        (int ExitCode, string Error)[] runs = await ConcurrentRuns.StartTogetherAsync(() => RunCliProcessAsync(args), () => RunCliProcessAsync(args));

        // Without the lock both would read refresh-0001 and the second refresh would be refused (a spent refresh token).
        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Error));
        Assert.Equal((2, 2), (_oauth.RefreshRequests, _oauth.SuccessfulRefreshes));
        TwitchCredentials stored = await new CredentialsFileStore(FilePath).ReadAsync();
        Assert.Equal(("fresh-access-0002", "rotated-refresh-0002"), (stored.AccessToken, stored.RefreshToken));
    }

    private static Task<(int ExitCode, string Error)> RunCliProcessAsync(string[] args) => Cli.CliProcess.RunAsync(Limit, args);
}

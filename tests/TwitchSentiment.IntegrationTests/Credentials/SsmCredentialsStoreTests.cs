using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using TwitchSentiment.Credentials;
using TwitchSentiment.Credentials.Ssm;
using TwitchSentiment.TestSupport.Aws;

namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>Starts one moto_server for the class.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public MotoServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MotoServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public AmazonSimpleSystemsManagementClient Ssm() => new(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonSimpleSystemsManagementConfig { ServiceURL = Server.Endpoint.AbsoluteUri, AuthenticationRegion = "us-east-1" });
}

/// <summary>The SSM store against a real moto_server on 127.0.0.1.</summary>
public sealed class SsmCredentialsStoreTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static TwitchCredentials Sample(string accessToken) => new()
    {
        Server = "irc.chat.twitch.tv",
        Port = 6667,
        Nickname = "ronni",
        ClientId = "cid",
        ClientSecret = "client-secret-value",
        RefreshToken = "refresh-value",
        AccessToken = accessToken,
    };

    [Fact]
    public async Task Write_then_read_round_trips_as_a_secure_string_and_overwrites()
    {
        using AmazonSimpleSystemsManagementClient ssm = moto.Ssm();
        var store = new SsmCredentialsStore(ssm, "/twitch-sentiment/round-trip");

        await store.WriteAsync(Sample("first-token"));
        await store.WriteAsync(Sample("second-token"));

        Assert.Equal(Sample("second-token"), await store.ReadAsync());
        ParameterMetadata metadata = Assert.Single((await ssm.DescribeParametersAsync(new DescribeParametersRequest())).Parameters, p => p.Name == "/twitch-sentiment/round-trip");
        Assert.Equal(ParameterType.SecureString, metadata.Type);
    }

    [Fact]
    public async Task A_document_written_by_hand_is_read_with_its_port_as_a_string()
    {
        using AmazonSimpleSystemsManagementClient ssm = moto.Ssm();
        await ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = "/twitch-sentiment/by-hand",
            Type = ParameterType.SecureString,
            Value = """{"server":"irc.chat.twitch.tv","port":"6667","nickname":"ronni","client_id":"cid","client_secret":"s","refresh_token":"r","access_token":"a","extra":1}""",
        });

        TwitchCredentials read = await new SsmCredentialsStore(ssm, "/twitch-sentiment/by-hand").ReadAsync();

        Assert.Equal((6667, "extra"), (read.Port!.Value, read.OtherFields.Single().Key));
    }

    [Fact]
    public async Task A_missing_parameter_says_how_to_create_it()
    {
        using AmazonSimpleSystemsManagementClient ssm = moto.Ssm();

        var error = await Assert.ThrowsAsync<CredentialsException>(() => new SsmCredentialsStore(ssm, "/nope").ReadAsync());

        Assert.Contains("auth init --ssm /nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_from_ssm_is_a_credentials_error_saying_what_to_check()
    {
        // SSM refuses names under its reserved "ssm" prefix (ValidationException): a refusal like AccessDenied, which
        // moto does not enforce
        using AmazonSimpleSystemsManagementClient ssm = moto.Ssm();
        var store = new SsmCredentialsStore(ssm, "ssm-reserved-name");

        var write = await Assert.ThrowsAsync<CredentialsException>(() => store.WriteAsync(Sample("token-value")));

        Assert.StartsWith("SSM did not let this run write the parameter ssm-reserved-name (ValidationException: ", write.Message, StringComparison.Ordinal);
        Assert.Contains("Check the parameter name, AWS_REGION and the permissions", write.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-value", write.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_refresh_lease_is_held_by_one_run_at_a_time_and_deleted_on_release()
    {
        using AmazonSimpleSystemsManagementClient ssm = moto.Ssm();
        var first = new SsmCredentialsStore(ssm, "/twitch-sentiment/lease");
        var second = new SsmCredentialsStore(ssm, "/twitch-sentiment/lease") { LockRetryDelay = TimeSpan.FromMilliseconds(20) };
        IAsyncDisposable held = await first.LockForRefreshAsync();
        string holder = (await ssm.GetParameterAsync(new GetParameterRequest { Name = "/twitch-sentiment/lease.lock" })).Parameter.Value;

        Task<IAsyncDisposable> waiting = second.LockForRefreshAsync();
        await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(500))); // a bounded look: it must still be waiting
        bool waitedWhileHeld = !waiting.IsCompleted;
        await held.DisposeAsync();
        IAsyncDisposable taken = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        string nextHolder = (await ssm.GetParameterAsync(new GetParameterRequest { Name = "/twitch-sentiment/lease.lock" })).Parameter.Value;
        await taken.DisposeAsync();

        Assert.True(waitedWhileHeld, "the second run took the lease while the first held it");
        Assert.NotEqual(holder, nextHolder);
        Assert.Contains($"pid {Environment.ProcessId}", holder, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ParameterNotFoundException>(() => ssm.GetParameterAsync(new GetParameterRequest { Name = "/twitch-sentiment/lease.lock" }));
    }

    [Fact]
    public async Task An_abandoned_lease_is_taken_over()
    {
        using AmazonSimpleSystemsManagementClient ssm = moto.Ssm();
        await ssm.PutParameterAsync(new PutParameterRequest { Name = "/twitch-sentiment/abandoned.lock", Type = ParameterType.String, Value = "a run that died" });
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2)); // the lease is 2 minutes old
        var store = new SsmCredentialsStore(ssm, "/twitch-sentiment/abandoned", timeProvider: later);

        await using IAsyncDisposable taken = await store.LockForRefreshAsync().WaitAsync(TimeSpan.FromSeconds(20));

        string holder = (await ssm.GetParameterAsync(new GetParameterRequest { Name = "/twitch-sentiment/abandoned.lock" })).Parameter.Value;
        Assert.StartsWith($"pid {Environment.ProcessId} lease", holder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_lease_held_too_long_is_a_timeout_saying_how_to_delete_it()
    {
        using AmazonSimpleSystemsManagementClient ssm = moto.Ssm();
        await ssm.PutParameterAsync(new PutParameterRequest { Name = "/twitch-sentiment/stuck.lock", Type = ParameterType.String, Value = "another run" });
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new SsmCredentialsStore(ssm, "/twitch-sentiment/stuck", timeProvider: clock)
        {
            LockTimeout = TimeSpan.FromSeconds(30), LockRetryDelay = TimeSpan.FromSeconds(1),
        };

        Task<IAsyncDisposable> waiting = store.LockForRefreshAsync();
        for (int i = 0; i < 200 && !waiting.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1) / 4);
            await Task.Delay(20); // real time for the store's requests to moto
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("(another run)", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws ssm delete-parameter --name /twitch-sentiment/stuck.lock", error.Message, StringComparison.Ordinal);
    }
}

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
}

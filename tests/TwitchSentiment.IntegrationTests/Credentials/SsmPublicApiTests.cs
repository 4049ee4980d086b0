using TwitchSentiment.Credentials.Ssm;
using TwitchSentiment.TestSupport;

namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>The public surface of the SSM credentials store (tested here, against moto), against its approved file (see <see cref="PublicApiGolden"/>).</summary>
public sealed class SsmPublicApiTests
{
    [Fact]
    public Task Public_api_matches_the_approved_file() => PublicApiGolden.AssertApprovedAsync(typeof(SsmCredentialsStore).Assembly, "TwitchSentiment.IntegrationTests");
}

using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>The deployment model's public surface, against its approved file (see <see cref="PublicApiGolden"/>).</summary>
public sealed class PublicApiTests
{
    [Fact]
    public Task Public_api_matches_the_approved_file() => PublicApiGolden.AssertApprovedAsync(typeof(Model.Deployment).Assembly, "TwitchSentiment.Deploy.Tests");
}

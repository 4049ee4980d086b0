using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Pipeline.Tests;

/// <summary>The public surface of the library this project tests, against its approved file (see <see cref="PublicApiGolden"/>).</summary>
public sealed class PublicApiTests
{
    [Fact]
    public Task Public_api_matches_the_approved_file() => PublicApiGolden.AssertApprovedAsync(typeof(CaptureJob).Assembly, "TwitchSentiment.Pipeline.Tests");
}

using TwitchSentiment.Functions.Runtime;
using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Functions.Tests;

/// <summary>The public surface of the library this project tests, against its approved file (see <see cref="PublicApiGolden"/>).</summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData(typeof(LambdaRuntime))]
    [InlineData(typeof(FunctionHost))]
    public Task Public_api_matches_the_approved_file(Type anyType) => PublicApiGolden.AssertApprovedAsync(anyType.Assembly, "TwitchSentiment.Functions.Tests");
}

using TwitchSentiment.TestSupport;

namespace TwitchSentiment.Irc.Tests;

/// <summary>The public surface of the library this project tests, against its approved file (see <see cref="PublicApiGolden"/>).</summary>
public sealed class PublicApiTests
{
    [Fact]
    public Task Public_api_matches_the_approved_file() => PublicApiGolden.AssertApprovedAsync(typeof(TwitchChatClient).Assembly, "TwitchSentiment.Irc.Tests");
}

using TwitchSentiment.TestSupport.Logging;

namespace TwitchSentiment.Credentials.Tests;

public sealed class LogMessagesTests
{
    [Fact]
    public void Event_ids_are_unique_and_apart_from_the_chat_clients()
    {
        int[] ids = LogEventIds.Of(typeof(TwitchCredentials).Assembly, "TwitchSentiment.Credentials.LogMessages");

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 2000, 2999)); // the Irc assembly uses 1000-1999
    }
}

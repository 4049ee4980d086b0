using TwitchSentiment.TestSupport.Logging;

namespace TwitchSentiment.Irc.Tests;

public sealed class LogMessagesTests
{
    [Fact]
    public void Event_ids_are_unique()
    {
        int[] ids = LogEventIds.Of(typeof(TwitchChatClient).Assembly, "TwitchSentiment.Irc.LogMessages");

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}

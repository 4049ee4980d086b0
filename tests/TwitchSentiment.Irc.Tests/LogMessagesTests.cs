using System.Reflection;
using Microsoft.Extensions.Logging;

namespace TwitchSentiment.Irc.Tests;

public sealed class LogMessagesTests
{
    [Fact]
    public void Event_ids_are_unique()
    {
        int[] ids = typeof(TwitchChatClient).Assembly.GetType("TwitchSentiment.Irc.LogMessages")!
            .GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
            .Select(method => method.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(attribute => attribute.EventId)
            .ToArray();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}

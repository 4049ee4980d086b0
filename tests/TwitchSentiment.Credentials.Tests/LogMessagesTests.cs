using System.Reflection;
using Microsoft.Extensions.Logging;

namespace TwitchSentiment.Credentials.Tests;

public sealed class LogMessagesTests
{
    [Fact]
    public void Event_ids_are_unique_and_apart_from_the_chat_clients()
    {
        int[] ids = typeof(TwitchCredentials).Assembly.GetType("TwitchSentiment.Credentials.LogMessages")!
            .GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
            .Select(method => method.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(attribute => attribute.EventId)
            .ToArray();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 2000, 2999)); // the Irc assembly uses 1000-1999
    }
}

using System.Reflection;
using Microsoft.Extensions.Logging;

namespace TwitchSentiment.TestSupport.Logging;

/// <summary>The event ids a library's source-generated <c>LogMessages</c> class declares, for uniqueness and range checks.</summary>
public static class LogEventIds
{
    /// <summary>The ids of every <see cref="LoggerMessageAttribute"/> method of <paramref name="logMessagesType"/> (a full type name in <paramref name="library"/>).</summary>
    public static int[] Of(Assembly library, string logMessagesType)
    {
        ArgumentNullException.ThrowIfNull(library);
        return library.GetType(logMessagesType, throwOnError: true)!
            .GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
            .Select(method => method.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(attribute => attribute.EventId)
            .ToArray();
    }
}

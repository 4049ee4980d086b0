using Microsoft.Extensions.Logging;

namespace TwitchSentiment.Irc;

/// <summary>
/// Every log message of this assembly, source-generated. Event ids come from this one table (a test checks they are
/// unique). Chat text and tokens never appear: lines are described by length and reason only.
/// </summary>
internal static partial class LogMessages
{
    internal const string Category = "TwitchSentiment.Irc";

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Connection {ConnectionId}: connecting to {Endpoint}")]
    internal static partial void Connecting(ILogger logger, int connectionId, string endpoint);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Connection {ConnectionId}: logged in as {Nick}")]
    internal static partial void LoggedIn(ILogger logger, int connectionId, string nick);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: disconnected: {Reason}; reconnecting in {Delay}")]
    internal static partial void Disconnected(ILogger logger, int connectionId, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: quarantined a line of {Length} bytes: {Reason}")]
    internal static partial void Quarantined(ILogger logger, int connectionId, int length, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Connection {ConnectionId}: login refused: {Reason}")]
    internal static partial void LoginRefused(ILogger logger, int connectionId, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: the server refused capabilities {Capabilities}")]
    internal static partial void CapabilitiesRefused(ILogger logger, int connectionId, string capabilities);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: a helper of the ended session failed with {ExceptionType}")]
    internal static partial void SessionHelperFailed(ILogger logger, int connectionId, string exceptionType);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "A StateChanged handler threw; the client goes on")]
    internal static partial void StateHandlerFailed(ILogger logger, Exception exception);
}

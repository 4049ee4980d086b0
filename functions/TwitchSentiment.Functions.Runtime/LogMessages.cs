using Microsoft.Extensions.Logging;

namespace TwitchSentiment.Functions.Runtime;

/// <summary>Every log message of the runtime loop, source-generated; event ids 6001–6099, unique (a test checks).</summary>
internal static partial class LogMessages
{
    internal const string Category = "TwitchSentiment.Functions.Runtime";

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Invocation {RequestId} started; {Remaining} left before the deadline")]
    internal static partial void InvocationStarted(ILogger logger, string requestId, TimeSpan remaining);

    // Information, with the answer: an asynchronous invocation's answer (skipped records, counts of unreadable lines,
    // report problems) reaches no caller, so the log is where it can be read.
    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Invocation {RequestId} answered in {Elapsed}: {Answer}")]
    internal static partial void InvocationAnswered(ILogger logger, string requestId, TimeSpan elapsed, string answer);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Invocation {RequestId} failed: {ErrorType}: {ErrorMessage}")]
    internal static partial void InvocationFailed(ILogger logger, string requestId, string errorType, string errorMessage);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Critical, Message = "The function could not start: {ErrorType}: {ErrorMessage}")]
    internal static partial void InitFailed(ILogger logger, string errorType, string errorMessage);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "The runtime API refused {What} with {StatusCode}")]
    internal static partial void Refused(ILogger logger, string what, int statusCode);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Critical, Message = "The runtime API at {RuntimeApi} failed; stopping: {Reason}")]
    internal static partial void RuntimeApiFailed(ILogger logger, string runtimeApi, string reason);
}

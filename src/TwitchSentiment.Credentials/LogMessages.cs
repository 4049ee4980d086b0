using Microsoft.Extensions.Logging;

namespace TwitchSentiment.Credentials;

/// <summary>
/// Every log message of this assembly, source-generated. Event ids come from this one table (a test checks they are
/// unique). Tokens appear only redacted (<see cref="TwitchCredentials.Redact"/>: at most their last four characters);
/// the client secret never appears.
/// </summary>
internal static partial class LogMessages
{
    internal const string Category = "TwitchSentiment.Credentials";

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "{Store}: the access token {AccessToken} is valid for '{Login}', expires in {ExpiresIn}")]
    internal static partial void TokenValid(ILogger logger, string store, string accessToken, string login, TimeSpan? expiresIn);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "{Store}: the access token {AccessToken} of '{Nickname}' needs a refresh: {Reason}")]
    internal static partial void RefreshNeeded(ILogger logger, string store, string accessToken, string nickname, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "{Store}: this run refreshed the access token of '{Nickname}': now {AccessToken}, expires in {ExpiresIn}; stored before use")]
    internal static partial void Refreshed(ILogger logger, string store, string nickname, string accessToken, TimeSpan? expiresIn);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "{Store}: another run already refreshed the access token of '{Nickname}'; using its token {AccessToken}")]
    internal static partial void RefreshedByAnotherRun(ILogger logger, string store, string nickname, string accessToken);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "{Store}: the refresh failed: {Reason}")]
    internal static partial void RefreshFailed(ILogger logger, string store, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "{Store}: holding the refresh lock (waited {Waited})")]
    internal static partial void LockTaken(ILogger logger, string store, TimeSpan waited);
}

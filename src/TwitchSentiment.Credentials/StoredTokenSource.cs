using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TwitchSentiment.Irc;

namespace TwitchSentiment.Credentials;

/// <summary>
/// The chat client's token source over a credentials store: validates the stored access token before a login and
/// refreshes it when it is invalid or Twitch refused it, persisting the new tokens before using them. Runs sharing one
/// store refresh once: a refresh happens under the store's refresh lock (<see cref="ICredentialsStore.LockForRefreshAsync"/>)
/// after re-reading the store, and a token other than the one found invalid is somebody else's fresh refresh, used
/// as it is.
/// </summary>
public sealed class StoredTokenSource(ICredentialsStore store, TwitchOAuthClient oauth) : ITwitchTokenSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private readonly ILogger _logger = NullLogger.Instance;
    private string? _lastToken;

    /// <summary>Where logs go (category <c>TwitchSentiment.Credentials</c>). Default: nowhere. Tokens appear only redacted.</summary>
    public ILoggerFactory LoggerFactory
    {
        get => _loggerFactory;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _loggerFactory = value;
            _logger = value.CreateLogger(LogMessages.Category);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<string> GetAccessTokenAsync(bool afterAuthenticationFailure, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await GetCoreAsync(afterAuthenticationFailure, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialsException refused)
        {
            // Final for the chat client: the user must fix the credentials (the message names the store, no secret).
            LogMessages.RefreshFailed(_logger, store.Name, refused.Message);
            throw new TwitchAuthenticationException(refused.Message, refused);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> IsStillValidAsync(CancellationToken cancellationToken)
    {
        string? token = _lastToken;
        return token is null || await oauth.ValidateAsync(token, cancellationToken).ConfigureAwait(false) is not null;
    }

    private async Task<string> GetCoreAsync(bool afterAuthenticationFailure, CancellationToken cancellationToken)
    {
        TwitchCredentials stored = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        string? failed = afterAuthenticationFailure ? _lastToken : null;
        string reason = "none is stored yet";
        if (stored.AccessToken.Length > 0 && stored.AccessToken != failed)
        {
            if (failed is not null)
            {
                // Twitch refused ours, and the store holds another: a refresh by another run.
                LogMessages.RefreshedByAnotherRun(_logger, store.Name, stored.Nickname, TwitchCredentials.Redact(stored.AccessToken));
                return _lastToken = stored.AccessToken;
            }

            TokenValidation? validation = await oauth.ValidateAsync(stored.AccessToken, cancellationToken).ConfigureAwait(false);
            if (validation is not null)
            {
                LogMessages.TokenValid(_logger, store.Name, TwitchCredentials.Redact(stored.AccessToken), validation.Login, validation.ExpiresIn);
                return _lastToken = stored.AccessToken;
            }

            reason = "Twitch's validate endpoint says it is invalid or expired";
        }
        else if (failed is not null)
        {
            reason = "the chat server refused it";
        }

        LogMessages.RefreshNeeded(_logger, store.Name, TwitchCredentials.Redact(stored.AccessToken), stored.Nickname, reason);
        long waitStarted = TimeProvider.System.GetTimestamp();
        await using IAsyncDisposable refreshLock = await store.LockForRefreshAsync(cancellationToken).ConfigureAwait(false);
        LogMessages.LockTaken(_logger, store.Name, TimeProvider.System.GetElapsedTime(waitStarted));

        // Another run may have refreshed while we validated or waited for the lock: read again, under the lock.
        TwitchCredentials latest = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (latest.AccessToken.Length > 0 && latest.AccessToken != stored.AccessToken)
        {
            LogMessages.RefreshedByAnotherRun(_logger, store.Name, latest.Nickname, TwitchCredentials.Redact(latest.AccessToken));
            return _lastToken = latest.AccessToken;
        }

        RefreshedTokens tokens;
        try
        {
            tokens = await oauth.RefreshAsync(latest, store.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialsException)
        {
            // A refresh token a run without the lock (an older version) already used and replaced is refused: take its tokens.
            TwitchCredentials after = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (after.RefreshToken != latest.RefreshToken && after.AccessToken.Length > 0)
            {
                LogMessages.RefreshedByAnotherRun(_logger, store.Name, after.Nickname, TwitchCredentials.Redact(after.AccessToken));
                return _lastToken = after.AccessToken;
            }

            throw;
        }

        await store.WriteAsync(latest with { AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken }, cancellationToken)
            .ConfigureAwait(false);
        LogMessages.Refreshed(_logger, store.Name, latest.Nickname, TwitchCredentials.Redact(tokens.AccessToken), tokens.ExpiresIn);
        return _lastToken = tokens.AccessToken;
    }
}

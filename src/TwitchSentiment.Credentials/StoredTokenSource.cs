using TwitchSentiment.Irc;

namespace TwitchSentiment.Credentials;

/// <summary>
/// The chat client's token source over a credentials store: validates the stored access token before a login and
/// refreshes it when it is invalid or Twitch refused it, persisting the new tokens before using them. Runs sharing one
/// store refresh once: before refreshing it re-reads the store, and a token other than the one that failed is
/// somebody else's fresh refresh, used as it is.
/// </summary>
public sealed class StoredTokenSource(ICredentialsStore store, TwitchOAuthClient oauth) : ITwitchTokenSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _lastToken;

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
        if (stored.AccessToken.Length > 0 && stored.AccessToken != failed)
        {
            if (failed is not null || await oauth.ValidateAsync(stored.AccessToken, cancellationToken).ConfigureAwait(false) is not null)
            {
                return _lastToken = stored.AccessToken; // valid, or already replaced by another run's refresh
            }
        }

        // Another run may have refreshed meanwhile: read again just before refreshing.
        TwitchCredentials latest = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (latest.AccessToken.Length > 0 && latest.AccessToken != stored.AccessToken)
        {
            return _lastToken = latest.AccessToken;
        }

        RefreshedTokens tokens;
        try
        {
            tokens = await oauth.RefreshAsync(latest, store.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialsException)
        {
            // A refresh token another run already used (and replaced) is refused: take that run's tokens.
            TwitchCredentials after = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (after.RefreshToken != latest.RefreshToken && after.AccessToken.Length > 0)
            {
                return _lastToken = after.AccessToken;
            }

            throw;
        }

        stored = latest;
        await store.WriteAsync(stored with { AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken }, cancellationToken)
            .ConfigureAwait(false);
        return _lastToken = tokens.AccessToken;
    }
}
using System.Net;
using System.Text.Json;

namespace TwitchSentiment.Credentials;

/// <summary>What Twitch's validate endpoint says of an access token.</summary>
/// <param name="Login">The token owner's login.</param>
/// <param name="Scopes">The granted scopes.</param>
/// <param name="ExpiresIn">Time left, or null for a token that does not expire.</param>
public sealed record TokenValidation(string Login, IReadOnlyList<string> Scopes, TimeSpan? ExpiresIn);

/// <summary>New tokens from a refresh; Twitch may change the refresh token too.</summary>
public sealed record RefreshedTokens(string AccessToken, string RefreshToken, TimeSpan? ExpiresIn)
{
    /// <summary>Never shows the tokens.</summary>
    public override string ToString() => $"RefreshedTokens {{ AccessToken = {TwitchCredentials.Redact(AccessToken)} }}";
}

/// <summary>
/// Twitch's OAuth endpoints (TWITCH_IRC.md §10): <c>GET {base}/validate</c> and
/// <c>POST {base}/token</c> with <c>grant_type=refresh_token</c>. The base URL is configurable so tests use a local
/// server. 429 (after Retry-After) and 5xx are retried a bounded number of times; 400/401 on refresh are final.
/// </summary>
public sealed class TwitchOAuthClient(HttpClient http, Uri baseUrl, TimeProvider? timeProvider = null)
{
    /// <summary>Twitch's OAuth base URL.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://id.twitch.tv/oauth2/");

    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    // How much of a server's own error text a message repeats.
    private const int MaxServerTextLength = 200;

    private readonly Uri _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>First wait before retrying a 5xx or a network failure (then doubled). Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Validates <paramref name="accessToken"/>; null when Twitch says it is invalid (401).</summary>
    public async Task<TokenValidation?> ValidateAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, "validate"));
                request.Headers.TryAddWithoutValidation("Authorization", "OAuth " + accessToken);
                return request;
            },
            "validating the access token",
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "validating the access token", [accessToken], cancellationToken).ConfigureAwait(false);
        using JsonDocument body = await ReadJsonAsync(response, "validating the access token", cancellationToken).ConfigureAwait(false);
        JsonElement root = body.RootElement;
        return new TokenValidation(
            root.TryGetProperty("login", out JsonElement login) ? login.GetString() ?? string.Empty : string.Empty,
            root.TryGetProperty("scopes", out JsonElement scopes) && scopes.ValueKind == JsonValueKind.Array
                ? scopes.EnumerateArray().Select(scope => scope.GetString() ?? string.Empty).ToArray()
                : [],
            ExpiresIn(root));
    }

    /// <summary>
    /// Refreshes with the document's refresh token, client id and secret. A refusal (400 "Invalid refresh token", 401)
    /// throws <see cref="CredentialsException"/> telling the user to authorize again and fix <paramref name="storeName"/>.
    /// </summary>
    public async Task<RefreshedTokens> RefreshAsync(TwitchCredentials credentials, string storeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        using HttpResponseMessage response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, "token"))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "refresh_token"),
                    new("refresh_token", credentials.RefreshToken),
                    new("client_id", credentials.ClientId),
                    new("client_secret", credentials.ClientSecret),
                ]),
            },
            "refreshing the access token",
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            throw new CredentialsException(
                $"Twitch refused to refresh the access token of '{credentials.Nickname}' (HTTP {(int)response.StatusCode}: " +
                $"{await TwitchMessageAsync(response, Secrets(credentials), cancellationToken).ConfigureAwait(false)}); the refresh token " +
                $"{TwitchCredentials.Redact(credentials.RefreshToken)} is no longer valid. Authorize the application again and " +
                $"put the new refresh token into {storeName} (twitch-sentiment auth init).");
        }

        await EnsureSuccessAsync(response, "refreshing the access token", Secrets(credentials), cancellationToken).ConfigureAwait(false);
        using JsonDocument body = await ReadJsonAsync(response, "refreshing the access token", cancellationToken).ConfigureAwait(false);
        JsonElement root = body.RootElement;
        string? access = root.TryGetProperty("access_token", out JsonElement a) ? a.GetString() : null;
        if (string.IsNullOrEmpty(access))
        {
            throw new CredentialsException("Twitch's token endpoint answered without an access_token; try again later.");
        }

        string refresh = root.TryGetProperty("refresh_token", out JsonElement r) && r.GetString() is { Length: > 0 } newRefresh
            ? newRefresh
            : credentials.RefreshToken;
        return new RefreshedTokens(access, refresh, ExpiresIn(root));
    }

    /// <summary>Sends with bounded retries: after 429 it waits Retry-After (at most a minute), after 5xx <see cref="RetryBaseDelay"/> doubled each time.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> makeRequest, string what, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            using HttpRequestMessage request = makeRequest();
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                // a transient network failure: wait, then try again
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException error)
            {
                throw new CredentialsException($"Could not reach Twitch's OAuth service at {_baseUrl} while {what} ({error.Message}).", error);
            }
            catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                // the HTTP client's own timeout, not the caller's cancellation
                throw new CredentialsException(
                    $"Twitch's OAuth service at {_baseUrl} did not answer within {http.Timeout.TotalSeconds:0} s while {what}; check the network and try again.", error);
            }

            bool transient = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            if (!transient || attempt == MaxAttempts)
            {
                return response;
            }

            TimeSpan delay = response.StatusCode == HttpStatusCode.TooManyRequests ? RetryAfter(response) : Backoff(attempt);
            response.Dispose();
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int attempt) => RetryBaseDelay * Math.Pow(2, attempt - 1);

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        TimeSpan? delay = response.Headers.RetryAfter?.Delta;
        return delay is TimeSpan value && value > TimeSpan.Zero ? (value < MaxRetryAfter ? value : MaxRetryAfter) : TimeSpan.FromSeconds(1);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, string?[] secrets, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new CredentialsException(
                $"Twitch's OAuth service failed while {what}: HTTP {(int)response.StatusCode} " +
                $"({await TwitchMessageAsync(response, secrets, cancellationToken).ConfigureAwait(false)}), after {MaxAttempts} attempts for " +
                "transient errors. Try again later.");
        }
    }

    /// <summary>The secrets a request about <paramref name="credentials"/> sends, which no message may repeat.</summary>
    private static string?[] Secrets(TwitchCredentials credentials) => [credentials.RefreshToken, credentials.ClientSecret, credentials.AccessToken];

    /// <summary>
    /// The "message" field of an error body, or the status text. The text comes from the server, which may be a proxy
    /// that echoes the request: <paramref name="secrets"/> are cut out of it, and it is cut to a readable length.
    /// </summary>
    private static async Task<string> TwitchMessageAsync(HttpResponseMessage response, string?[] secrets, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using JsonDocument body = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            text = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("message", out JsonElement message)
                ? message.ToString()
                : response.ReasonPhrase ?? string.Empty;
        }
        catch (JsonException)
        {
            text = response.ReasonPhrase ?? string.Empty;
        }

        foreach (string secret in secrets.OfType<string>().Where(secret => secret.Length > 0).OrderByDescending(secret => secret.Length))
        {
            text = text.Replace(secret, "[secret]", StringComparison.Ordinal).Replace(Uri.EscapeDataString(secret), "[secret]", StringComparison.Ordinal);
        }

        return text.Length <= MaxServerTextLength ? text : text[..MaxServerTextLength] + "…";
    }

    /// <summary>Reads a success body; one that is not JSON (a proxy's page, a wrong --oauth-url) is a <see cref="CredentialsException"/>.</summary>
    private async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            throw new CredentialsException(
                $"The OAuth service at {_baseUrl} answered with a body that is not JSON while {what} (HTTP {(int)response.StatusCode}, " +
                $"{response.Content.Headers.ContentType?.MediaType ?? "no content type"}). Check the OAuth base URL (--oauth-url, $TWITCH_OAUTH_URL): it must be " +
                "Twitch's OAuth base URL (https://id.twitch.tv/oauth2), not a web page.");
        }
    }

    private static TimeSpan? ExpiresIn(JsonElement root) =>
        root.TryGetProperty("expires_in", out JsonElement seconds) && seconds.TryGetInt64(out long value)
            ? TimeSpan.FromSeconds(value)
            : null;
}

using System.CommandLine;
using System.Globalization;
using Amazon.SimpleSystemsManagement;
using TwitchSentiment.Credentials;
using TwitchSentiment.Credentials.Ssm;

namespace TwitchSentiment.Cli;

/// <summary>
/// <c>twitch-sentiment auth init | refresh | check</c>: write the credentials document once, refresh the tokens now,
/// or validate them. Tokens are never printed; at most their last four characters.
/// </summary>
internal static class AuthCommand
{
    private const string OAuthUrlVariable = "TWITCH_OAUTH_URL";

    internal static Command Create(CliConsole console)
    {
        var file = new Option<string?>("--file") { Description = "The credentials file (created owner-only)." };
        var ssm = new Option<string?>("--ssm") { Description = "The SSM parameter name (SecureString) instead of a file." };
        var kmsKey = new Option<string?>("--kms-key-id") { Description = "KMS key for the SSM SecureString (default: the account's SSM key)." };
        var oauthUrl = new Option<string?>("--oauth-url")
        {
            Description = $"Twitch OAuth base URL (default: ${OAuthUrlVariable}, else {TwitchOAuthClient.DefaultBaseUrl}).",
        };
        var nickname = new Option<string?>("--nickname") { Description = "The account's login." };
        var clientId = new Option<string?>("--client-id") { Description = "The application's client id." };
        var clientSecret = new Option<string?>("--client-secret") { Description = "The application's client secret." };
        var refreshToken = new Option<string?>("--refresh-token") { Description = "A refresh token from the authorization code flow." };

        var init = new Command("init", "Write the credentials document {\"nickname\",\"client_id\",\"client_secret\",\"refresh_token\",\"access_token\"} to the store.")
        {
            file, ssm, kmsKey, nickname, clientId, clientSecret, refreshToken,
        };
        init.SetAction((result, cancellationToken) => GuardAsync(console, async () =>
        {
            ICredentialsStore store = Store(result.GetValue(file), result.GetValue(ssm), result.GetValue(kmsKey));
            TwitchCredentials credentials = TwitchCredentials.Parse(
                new System.Text.Json.Nodes.JsonObject
                {
                    ["server"] = "irc.chat.twitch.tv",
                    ["port"] = 6697,
                    ["nickname"] = result.GetValue(nickname),
                    ["client_id"] = result.GetValue(clientId),
                    ["client_secret"] = result.GetValue(clientSecret),
                    ["refresh_token"] = result.GetValue(refreshToken),
                    ["access_token"] = string.Empty,
                }.ToJsonString(),
                "the options (--nickname, --client-id, --client-secret, --refresh-token)");
            await store.WriteAsync(credentials, cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"{CliApp.Name} auth: wrote {credentials} to {store.Name}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }));

        var refresh = new Command("refresh", "Refresh the access token now and store the new tokens; prints the login and expiry.") { file, ssm, kmsKey, oauthUrl };
        refresh.SetAction((result, cancellationToken) => GuardAsync(console, async () =>
        {
            ICredentialsStore store = Store(result.GetValue(file), result.GetValue(ssm), result.GetValue(kmsKey));
            using var http = new HttpClient();
            TwitchOAuthClient oauth = OAuth(http, result.GetValue(oauthUrl));
            TwitchCredentials credentials = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            RefreshedTokens tokens = await oauth.RefreshAsync(credentials, store.Name, cancellationToken).ConfigureAwait(false);
            await store.WriteAsync(credentials with { AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken }, cancellationToken)
                .ConfigureAwait(false);
            await console.Error.WriteLineAsync(
                $"{CliApp.Name} auth: refreshed the access token of '{credentials.Nickname}' ({TwitchCredentials.Redact(tokens.AccessToken)}, " +
                $"expires in {Describe(tokens.ExpiresIn)}); stored in {store.Name}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }));

        var check = new Command("check", "Validate the stored access token; prints the login, scopes and expiry (never the token).") { file, ssm, oauthUrl };
        check.SetAction((result, cancellationToken) => GuardAsync(console, async () =>
        {
            ICredentialsStore store = Store(result.GetValue(file), result.GetValue(ssm), kmsKeyId: null);
            using var http = new HttpClient();
            TwitchCredentials credentials = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            TokenValidation? validation = credentials.AccessToken.Length == 0
                ? null
                : await OAuth(http, result.GetValue(oauthUrl)).ValidateAsync(credentials.AccessToken, cancellationToken).ConfigureAwait(false);
            if (validation is null)
            {
                await console.Error.WriteLineAsync(
                    $"{CliApp.Name} auth: the access token in {store.Name} is not valid; run '{CliApp.Name} auth refresh'.").ConfigureAwait(false);
                return ExitCodes.SomeInputFailed;
            }

            await console.Error.WriteLineAsync(
                $"{CliApp.Name} auth: valid token for '{validation.Login}', scopes {string.Join(' ', validation.Scopes)}, " +
                $"expires in {Describe(validation.ExpiresIn)}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }));

        return new Command("auth", "Set up and maintain the Twitch credentials (a local file or an SSM parameter).") { init, refresh, check };
    }

    internal static ICredentialsStore Store(string? file, string? ssm, string? kmsKeyId) => (file, ssm) switch
    {
        (not null, null) => new CredentialsFileStore(file),
        (null, not null) => new SsmCredentialsStore(new AmazonSimpleSystemsManagementClient(), ssm, kmsKeyId),
        _ => throw new CredentialsException("Say where the credentials are: --file PATH or --ssm NAME (one of them)."),
    };

    internal static TwitchOAuthClient OAuth(HttpClient http, string? url)
    {
        string? configured = url ?? Environment.GetEnvironmentVariable(OAuthUrlVariable);
        if (configured is null)
        {
            return new TwitchOAuthClient(http, TwitchOAuthClient.DefaultBaseUrl);
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out Uri? baseUrl) && baseUrl.Scheme is "https" or "http"
            ? new TwitchOAuthClient(http, baseUrl)
            : throw new CredentialsException($"The OAuth URL '{configured}' is not an http(s) URL; e.g. {TwitchOAuthClient.DefaultBaseUrl}.");
    }

    private static string Describe(TimeSpan? expiresIn) =>
        expiresIn is TimeSpan left ? left.ToString(@"h\h\ mm\m", CultureInfo.InvariantCulture) : "never";

    /// <summary>Credentials problems are the user's to fix: their message, exit code 1, no stack trace.</summary>
    private static async Task<int> GuardAsync(CliConsole console, Func<Task<int>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (CredentialsException error)
        {
            await console.Error.WriteLineAsync($"{CliApp.Name} auth: {error.Message}").ConfigureAwait(false);
            return ExitCodes.SomeInputFailed;
        }
        catch (Exception error) when (error is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException)
        {
            await console.Error.WriteLineAsync(
                $"{CliApp.Name} auth: AWS refused or could not be reached ({error.GetType().Name}: {error.Message}). " +
                "Check AWS_REGION, your AWS credentials and the parameter name; AWS_ENDPOINT_URL points at another endpoint.")
                .ConfigureAwait(false);
            return ExitCodes.SomeInputFailed;
        }
    }
}

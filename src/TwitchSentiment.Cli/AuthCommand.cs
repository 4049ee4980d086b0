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

    /// <summary>The order in which <c>auth init</c> reads missing answers from redirected standard input.</summary>
    private const string InitOrder = "client id, client secret, refresh token, nickname";

    internal static Command Create(CliConsole console)
    {
        var file = new Option<string?>("--file") { Description = "The credentials file (created owner-only)." }.NotEmpty("a credentials file");
        var ssm = new Option<string?>("--ssm") { Description = "The SSM parameter name (SecureString) instead of a file." }.NotEmpty("an SSM parameter name");
        var kmsKey = new Option<string?>("--kms-key-id") { Description = "KMS key for the SSM SecureString (default: the account's SSM key)." };
        var oauthUrl = new Option<string?>("--oauth-url")
        {
            Description = $"Twitch OAuth base URL (default: ${OAuthUrlVariable}, else {TwitchOAuthClient.DefaultBaseUrl}).",
        };
        var nickname = new Option<string?>("--nickname") { Description = "The account's login." };
        var clientId = new Option<string?>("--client-id") { Description = "The application's client id." };
        var clientSecret = new Option<string?>("--client-secret") { Description = "The application's client secret (leave out to be asked: keeps it out of shell history)." };
        var refreshToken = new Option<string?>("--refresh-token") { Description = "A refresh token from the authorization code flow (leave out to be asked)." };

        var init = new Command(
            "init",
            "Write the credentials document {\"nickname\",\"client_id\",\"client_secret\",\"refresh_token\",\"access_token\"} to the store. " +
            "Options left out are asked for at a terminal (secrets without echo); with standard input redirected, they are read from it, " +
            $"one line each, in this order: {InitOrder} (input ending first is a usage error, exit code 2).")
        {
            file, ssm, kmsKey, nickname, clientId, clientSecret, refreshToken,
        };
        init.SetAction((result, cancellationToken) => GuardAsync(console, async () =>
        {
            ICredentialsStore store = Store(result.GetValue(file), result.GetValue(ssm), result.GetValue(kmsKey));
            InitField[] fields =
            [
                new(clientId.Name, "Client id", Hidden: false, result.GetValue(clientId)),
                new(clientSecret.Name, "Client secret (not shown)", Hidden: true, result.GetValue(clientSecret)),
                new(refreshToken.Name, "Refresh token (not shown)", Hidden: true, result.GetValue(refreshToken)),
                new(nickname.Name, "Nickname (the account's Twitch login)", Hidden: false, result.GetValue(nickname)),
            ];
            string[]? missing = await AskForMissingAsync(console, fields, cancellationToken).ConfigureAwait(false);
            if (missing is not null)
            {
                await console.Error.WriteLineAsync(
                    $"{CliApp.Name} auth init: missing {string.Join(", ", missing)}. Give them as options, answer at a terminal, or pipe them " +
                    $"into standard input, one line each, in this order: {InitOrder} (only those not given as options).").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            TwitchCredentials credentials = TwitchCredentials.Parse(
                new System.Text.Json.Nodes.JsonObject
                {
                    ["server"] = "irc.chat.twitch.tv",
                    ["port"] = 6697,
                    ["nickname"] = fields[3].Value,
                    ["client_id"] = fields[0].Value,
                    ["client_secret"] = fields[1].Value,
                    ["refresh_token"] = fields[2].Value,
                    ["access_token"] = string.Empty,
                }.ToJsonString(),
                "the options and answers (--nickname, --client-id, --client-secret, --refresh-token)");
            await store.WriteAsync(credentials, cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"{CliApp.Name} auth: wrote {credentials} to {store.Name}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }));

        var ifInvalid = new Option<bool>("--if-invalid")
        {
            Description = "Refresh only if the stored access token is missing or invalid, as a run does; a token another run just refreshed is kept.",
        };
        var refresh = new Command(
            "refresh",
            "Refresh the access token now and store the new tokens; prints the login and expiry. Runs sharing the store take turns (a refresh lock).")
        {
            file, ssm, kmsKey, oauthUrl, ifInvalid,
        };
        refresh.SetAction((result, cancellationToken) => GuardAsync(console, async () =>
        {
            ICredentialsStore store = Store(result.GetValue(file), result.GetValue(ssm), result.GetValue(kmsKey));
            using var http = new HttpClient();
            TwitchOAuthClient oauth = OAuth(http, result.GetValue(oauthUrl));
            if (result.GetValue(ifInvalid))
            {
                TwitchCredentials before = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
                string token = await new StoredTokenSource(store, oauth).GetAccessTokenAsync(false, cancellationToken).ConfigureAwait(false);
                await console.Error.WriteLineAsync(token == before.AccessToken
                    ? $"{CliApp.Name} auth: the access token of '{before.Nickname}' ({TwitchCredentials.Redact(token)}) is valid; nothing to do."
                    : $"{CliApp.Name} auth: the access token of '{before.Nickname}' is now {TwitchCredentials.Redact(token)}; stored in {store.Name}.")
                    .ConfigureAwait(false);
                return ExitCodes.Success;
            }

            RefreshedTokens tokens;
            TwitchCredentials credentials;
            await using (await store.LockForRefreshAsync(cancellationToken).ConfigureAwait(false))
            {
                credentials = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
                tokens = await oauth.RefreshAsync(credentials, store.Name, cancellationToken).ConfigureAwait(false);
                await store.WriteAsync(credentials with { AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken }, cancellationToken)
                    .ConfigureAwait(false);
            }

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

        foreach (Command command in new[] { init, refresh, check })
        {
            command.Validators.Add(result =>
            {
                if ((result.GetValue(file) is null) == (result.GetValue(ssm) is null))
                {
                    result.AddError("Say where the credentials are: --file PATH or --ssm NAME (one of them).");
                }
            });
        }

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

    /// <summary>
    /// Fills in the fields not given as options: asked at the terminal, or else read from standard input one line each
    /// (in <see cref="InitOrder"/>). Returns the options still missing when input ended first, or null.
    /// </summary>
    private static async Task<string[]?> AskForMissingAsync(CliConsole console, InitField[] fields, CancellationToken cancellationToken)
    {
        if (fields.All(field => field.Value is not null))
        {
            return null;
        }

        using var lines = new StreamReader(console.Input, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        for (int i = 0; i < fields.Length; i++)
        {
            if (fields[i].Value is not null)
            {
                continue;
            }

            string? answer;
            if (console.Terminal is ICliTerminal terminal)
            {
                await console.Error.WriteAsync($"{fields[i].Prompt}: ").ConfigureAwait(false);
                await console.Error.FlushAsync(cancellationToken).ConfigureAwait(false);
                answer = await terminal.ReadLineAsync(fields[i].Hidden, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                answer = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }

            if (answer is null)
            {
                return fields[i..].Where(field => field.Value is null).Select(field => field.Option).ToArray();
            }

            fields[i] = fields[i] with { Value = answer.Trim() };
        }

        return null;
    }

    private static string Describe(TimeSpan? expiresIn) =>
        expiresIn is TimeSpan left ? left.ToString(@"h\h\ mm\m", CultureInfo.InvariantCulture) : "never";

    /// <summary>Credentials problems are the user's to fix: their message, exit code 1, no stack trace (AWS's own errors: see CliApp).</summary>
    private static async Task<int> GuardAsync(CliConsole console, Func<Task<int>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception error) when (error is CredentialsException or Irc.TwitchAuthenticationException or TimeoutException)
        {
            await console.Error.WriteLineAsync($"{CliApp.Name} auth: {error.Message}").ConfigureAwait(false);
            return ExitCodes.SomeInputFailed;
        }
    }

    /// <summary>One answer of <c>auth init</c>: its option, its question, whether it is a secret, and its value if known.</summary>
    private sealed record InitField(string Option, string Prompt, bool Hidden, string? Value);
}

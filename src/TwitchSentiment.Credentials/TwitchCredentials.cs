using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TwitchSentiment.Credentials;

/// <summary>
/// The credentials document users already keep (in an SSM parameter or a file):
/// <c>{"server","port","nickname","client_id","client_secret","refresh_token","access_token"}</c>. Read leniently
/// (unknown fields are kept and written back; the port may be a number or a string), validated strictly (every
/// missing or malformed field is named). Secrets never leave it whole: <see cref="ToString"/> and every message show at
/// most their last four characters (<see cref="Redact"/>).
/// </summary>
public sealed record TwitchCredentials
{
    private static readonly string[] KnownFields = ["server", "port", "nickname", "client_id", "client_secret", "refresh_token", "access_token"];

    /// <summary>IRC server named in the document (kept for compatibility; connections use the client's endpoint).</summary>
    public string? Server { get; init; }

    /// <summary>IRC port named in the document (kept for compatibility).</summary>
    public int? Port { get; init; }

    /// <summary>The account's login, lower case.</summary>
    public required string Nickname { get; init; }

    /// <summary>The application's client id.</summary>
    public required string ClientId { get; init; }

    /// <summary>The application's client secret.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The refresh token (Twitch may replace it on every refresh).</summary>
    public required string RefreshToken { get; init; }

    /// <summary>The access token; empty when none was issued yet (a refresh makes one).</summary>
    public string AccessToken { get; init; } = string.Empty;

    /// <summary>Fields this version does not know, in document order, written back unchanged.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OtherFields { get; init; } = [];

    /// <summary>
    /// Parses and validates a document read from <paramref name="source"/> (a file path or parameter name, for
    /// messages). Throws <see cref="CredentialsException"/> naming every problem.
    /// </summary>
    public static TwitchCredentials Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonObject document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
                ?? throw new CredentialsException($"The credentials in {source} are not a JSON object. {Shape}");
        }
        catch (JsonException error)
        {
            throw new CredentialsException(
                $"The credentials in {source} are not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}). {Shape}", error);
        }

        var problems = new List<string>();
        string? Text(string field, bool required)
        {
            JsonNode? node = document[field];
            if (node is null)
            {
                if (required)
                {
                    problems.Add($"\"{field}\" is missing");
                }

                return null;
            }

            if (node.GetValueKind() != JsonValueKind.String)
            {
                problems.Add($"\"{field}\" must be a string, not {node.GetValueKind().ToString().ToLowerInvariant()}");
                return null;
            }

            string value = node.GetValue<string>();
            if (required && value.Trim().Length == 0)
            {
                problems.Add($"\"{field}\" is empty");
            }

            return value;
        }

        int? port = null;
        if (document["port"] is JsonNode portNode)
        {
            port = portNode.GetValueKind() switch
            {
                JsonValueKind.Number when portNode.GetValue<JsonElement>().TryGetInt32(out int number) => number,
                JsonValueKind.String when int.TryParse(portNode.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out int number) => number,
                _ => null,
            };
            if (port is not (>= 1 and <= 65535))
            {
                problems.Add("\"port\" must be a port number from 1 to 65535 (a number or a string of digits)");
            }
        }

        string? nickname = Text("nickname", required: true);
        if (nickname is { Length: > 0 } && !IsLogin(nickname))
        {
            problems.Add("\"nickname\" must be the account's Twitch login (letters, digits and '_', at most 25)");
        }

        var credentials = new TwitchCredentials
        {
            Server = Text("server", required: false),
            Port = port,
            Nickname = nickname?.ToLowerInvariant() ?? string.Empty,
            ClientId = Text("client_id", required: true) ?? string.Empty,
            ClientSecret = Text("client_secret", required: true) ?? string.Empty,
            RefreshToken = Text("refresh_token", required: true) ?? string.Empty,
            AccessToken = Text("access_token", required: false) ?? string.Empty,
            OtherFields = document.Where(field => !KnownFields.Contains(field.Key))
                .Select(field => new KeyValuePair<string, string>(field.Key, field.Value?.ToJsonString() ?? "null"))
                .ToArray(),
        };
        if (problems.Count > 0)
        {
            throw new CredentialsException($"The credentials in {source} are not usable: {string.Join("; ", problems)}. {Shape}");
        }

        return credentials;
    }

    /// <summary>The document as JSON: the known fields in the usual order, then the other fields as they came.</summary>
    public string ToJson()
    {
        var document = new JsonObject();
        if (Server is not null)
        {
            document["server"] = Server;
        }

        if (Port is int port)
        {
            document["port"] = port;
        }

        document["nickname"] = Nickname;
        document["client_id"] = ClientId;
        document["client_secret"] = ClientSecret;
        document["refresh_token"] = RefreshToken;
        document["access_token"] = AccessToken;
        foreach ((string name, string json) in OtherFields)
        {
            document[name] = JsonNode.Parse(json);
        }

        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>At most the last four characters of a secret, so a user can tell tokens apart: "…wxyz", or "****".</summary>
    public static string Redact(string? secret) => secret is { Length: > 8 } ? "…" + secret[^4..] : string.IsNullOrEmpty(secret) ? "(none)" : "****";

    /// <summary>Every field, secrets redacted (the client secret wholly: unlike tokens it is never replaced, so no part of it is shown).</summary>
    public override string ToString() => new StringBuilder("TwitchCredentials { ")
        .Append(CultureInfo.InvariantCulture, $"Nickname = {Nickname}, ClientId = {ClientId}, ClientSecret = {(string.IsNullOrEmpty(ClientSecret) ? "(none)" : "(hidden)")}, ")
        .Append(CultureInfo.InvariantCulture, $"RefreshToken = {Redact(RefreshToken)}, AccessToken = {Redact(AccessToken)} }}")
        .ToString();

    /// <summary>Equal when the documents are equal (the generated equality would compare <see cref="OtherFields"/> by reference).</summary>
    public bool Equals(TwitchCredentials? other) => other is not null && ToJson() == other.ToJson();

    /// <inheritdoc/>
    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);

    private const string Shape =
        "Expected {\"server\":\"irc.chat.twitch.tv\",\"port\":6667,\"nickname\":\"<login>\",\"client_id\":\"…\",\"client_secret\":\"…\"," +
        "\"refresh_token\":\"…\",\"access_token\":\"…\"}.";

    private static bool IsLogin(string text) =>
        text.Length is >= 1 and <= 25 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}

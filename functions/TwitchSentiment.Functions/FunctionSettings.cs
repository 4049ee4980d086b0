using TwitchSentiment.Functions.Runtime;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Functions;

/// <summary>
/// A function's configuration, read only from environment variables and checked once at start:
/// <list type="bullet">
/// <item><c>RAW_BUCKET</c> (scraper, analyzer) and <c>RESULTS_BUCKET</c> (analyzer, reporter): required bucket names;</item>
/// <item><c>RAW_PREFIX</c>, <c>RESULTS_PREFIX</c>: optional folders inside them;</item>
/// <item><c>TWITCH_CREDENTIALS_PARAMETER</c>: optional SSM parameter the scraper logs in with (anonymous without);</item>
/// <item><c>TWITCH_OAUTH_URL</c>: optional Twitch OAuth base URL for token refreshes;</item>
/// <item><c>TWITCH_IRC_URL</c>: optional chat server (default <c>ircs://irc.chat.twitch.tv:6697</c>);</item>
/// <item><c>AWS_ENDPOINT_URL</c> (or <c>AWS_ENDPOINT_URL_S3</c>) and <c>AWS_REGION</c>: as the AWS SDK reads them.</item>
/// </list>
/// </summary>
public sealed record FunctionSettings
{
    /// <summary>The raw bucket (<c>RAW_BUCKET</c>); null for the reporter.</summary>
    public string? RawBucket { get; init; }

    /// <summary>The raw bucket's prefix (<c>RAW_PREFIX</c>, default empty).</summary>
    public string RawPrefix { get; init; } = "";

    /// <summary>The results bucket (<c>RESULTS_BUCKET</c>); null for the scraper.</summary>
    public string? ResultsBucket { get; init; }

    /// <summary>The results bucket's prefix (<c>RESULTS_PREFIX</c>, default empty).</summary>
    public string ResultsPrefix { get; init; } = "";

    /// <summary>The SSM parameter holding the Twitch credentials (<c>TWITCH_CREDENTIALS_PARAMETER</c>); null: anonymous.</summary>
    public string? CredentialsParameter { get; init; }

    /// <summary>The Twitch OAuth base URL (<c>TWITCH_OAUTH_URL</c>); null: Twitch's.</summary>
    public Uri? OAuthUrl { get; init; }

    /// <summary>The chat server (<c>TWITCH_IRC_URL</c>).</summary>
    public IrcEndpoint IrcEndpoint { get; init; } = IrcEndpoint.Default;

    /// <summary>An S3 endpoint override (<c>AWS_ENDPOINT_URL_S3</c>, else <c>AWS_ENDPOINT_URL</c>); null: AWS.</summary>
    public string? S3ServiceUrl { get; init; }

    /// <summary>The region (<c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>).</summary>
    public string? Region { get; init; }

    /// <summary>
    /// Reads and checks the variables <paramref name="kind"/> needs from <paramref name="variable"/> (the process
    /// environment in a host). Every problem is named at once.
    /// </summary>
    /// <exception cref="LambdaFunctionException"><see cref="ErrorTypes.Configuration"/>: what is missing or malformed, and what to set.</exception>
    public static FunctionSettings FromEnvironment(FunctionKind kind, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var problems = new List<string>();
        string? Get(string name) => variable(name) is { Length: > 0 } value ? value.Trim() : null;
        string? Bucket(string name, bool required)
        {
            string? value = Get(name);
            if (value is null && required)
            {
                problems.Add($"{name} is not set: give the name of the {(name == "RAW_BUCKET" ? "raw log" : "results")} bucket");
            }
            else if (value is not null && BlobStores.BucketProblem(value) is { } problem)
            {
                problems.Add($"{name} is not valid: '{value}' is not an S3 bucket name: {problem}");
            }

            return value;
        }

        string Prefix(string name)
        {
            string prefix = Get(name)?.Trim('/') ?? string.Empty;
            if (BlobStores.PrefixProblem(prefix) is { } problem)
            {
                problems.Add($"{name} is not valid: '{prefix}' is not a key prefix: {problem}");
            }

            return prefix;
        }

        var settings = new FunctionSettings
        {
            RawBucket = kind is FunctionKind.Scraper or FunctionKind.Analyzer ? Bucket("RAW_BUCKET", required: true) : null,
            RawPrefix = Prefix("RAW_PREFIX"),
            ResultsBucket = kind is FunctionKind.Analyzer or FunctionKind.Reporter ? Bucket("RESULTS_BUCKET", required: true) : null,
            ResultsPrefix = Prefix("RESULTS_PREFIX"),
            CredentialsParameter = Get("TWITCH_CREDENTIALS_PARAMETER"),
            S3ServiceUrl = Get("AWS_ENDPOINT_URL_S3") ?? Get("AWS_ENDPOINT_URL"),
            Region = Get("AWS_REGION") ?? Get("AWS_DEFAULT_REGION"),
        };

        if (Get("TWITCH_OAUTH_URL") is string oauth)
        {
            if (Uri.TryCreate(oauth, UriKind.Absolute, out Uri? url) && url.Scheme is "https" or "http")
            {
                settings = settings with { OAuthUrl = url };
            }
            else
            {
                problems.Add($"TWITCH_OAUTH_URL '{oauth}' is not an http(s) URL such as https://id.twitch.tv/oauth2");
            }
        }

        if (Get("TWITCH_IRC_URL") is string irc)
        {
            try
            {
                settings = settings with { IrcEndpoint = IrcEndpoint.Parse(irc) };
            }
            catch (IrcEndpointException error)
            {
                problems.Add($"TWITCH_IRC_URL: {error.Message}");
            }
        }

        if (settings.S3ServiceUrl is string endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? s3) || s3.Scheme is not ("http" or "https")))
        {
            problems.Add($"AWS_ENDPOINT_URL '{endpoint}' is not an http(s) URL such as http://127.0.0.1:5000");
        }

        if (settings.S3ServiceUrl is null && settings.Region is null)
        {
            problems.Add("AWS_REGION is not set (Lambda sets it; elsewhere set it, or AWS_ENDPOINT_URL for a local S3)");
        }

        if (problems.Count > 0)
        {
            throw new LambdaFunctionException(
                ErrorTypes.Configuration,
                $"{FunctionNames.Of(kind)} cannot start: {string.Join("; ", problems)}.");
        }

        return settings;
    }

    /// <summary>
    /// Opens the S3 store of <paramref name="bucket"/> and <paramref name="prefix"/>, already checked by
    /// <see cref="FromEnvironment"/>; what the store still refuses (e.g. the region's form) is a configuration error.
    /// </summary>
    /// <exception cref="LambdaFunctionException"><see cref="ErrorTypes.Configuration"/>: the store's options are not valid.</exception>
    internal S3BlobStore OpenStore(FunctionKind kind, string bucket, string prefix)
    {
        try
        {
            return new S3BlobStore(new S3BlobStoreOptions { Bucket = bucket, Prefix = prefix, ServiceUrl = S3ServiceUrl, Region = Region });
        }
        catch (Exception error) when (error is ArgumentException or BlobStoreException)
        {
            throw new LambdaFunctionException(ErrorTypes.Configuration, $"{FunctionNames.Of(kind)} cannot start: {error.Message}", error);
        }
    }
}

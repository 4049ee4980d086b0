using System.Runtime.InteropServices;
using Amazon;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Logging;
using TwitchSentiment.Credentials;
using TwitchSentiment.Credentials.Ssm;
using TwitchSentiment.Functions.Internal;
using TwitchSentiment.Functions.Runtime;
using TwitchSentiment.Irc;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Functions;

/// <summary>How <see cref="FunctionHost"/> runs a function; the defaults are Lambda's (the process environment).</summary>
public sealed record FunctionHostOptions
{
    /// <summary>Where configuration comes from. Default: the process environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The clock of captures and deadlines. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where logs go. Default null: standard error, Information and above (<c>TWITCH_SENTIMENT_LOG_LEVEL=Debug</c> for more).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Stop after this many invocations (null: as Lambda runs, until the environment ends).</summary>
    public int? MaxInvocations { get; init; }
}

/// <summary>
/// The composition of each function: reads and checks the environment (a problem is an init error naming the
/// variable), builds the stores and the function, and runs the <see cref="LambdaRuntime"/> loop against
/// <c>AWS_LAMBDA_RUNTIME_API</c>. A <c>bootstrap</c>'s whole <c>Main</c> is
/// <c>return await FunctionHost.RunAsync(FunctionKind.Analyzer, FunctionHost.CreateAnalyzer);</c>: naming only its own
/// factory lets native AOT leave the other functions' code (and the scraper's chat client) out of the binary.
/// </summary>
public static class FunctionHost
{
    private static readonly HttpClient OAuthHttp = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Runs the function <paramref name="create"/> builds (<paramref name="kind"/> names it in messages) until the runtime
    /// API goes away, SIGTERM, or <paramref name="cancellationToken"/>.
    /// </summary>
    /// <returns>The process's exit code: see <see cref="LambdaRuntimeExit"/>; 3 when <c>AWS_LAMBDA_RUNTIME_API</c> is not set.</returns>
    public static async Task<int> RunAsync(
        FunctionKind kind,
        Func<FunctionHostOptions, ILoggerFactory, ILambdaFunction> create,
        FunctionHostOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        options ??= new FunctionHostOptions();
        ILoggerFactory loggerFactory = options.LoggerFactory ?? new StandardErrorLoggerProvider(
            Enum.TryParse(options.Environment("TWITCH_SENTIMENT_LOG_LEVEL"), ignoreCase: true, out LogLevel level) ? level : LogLevel.Information,
            Console.Error);
        if (options.Environment("AWS_LAMBDA_RUNTIME_API") is not { Length: > 0 } runtimeApi)
        {
            await Console.Error.WriteLineAsync(
                $"{FunctionNames.Of(kind)}: AWS_LAMBDA_RUNTIME_API is not set. This is a Lambda function (provided.al2023); " +
                "run it on Lambda, or set AWS_LAMBDA_RUNTIME_API to a runtime API emulator's host:port.").ConfigureAwait(false);
            return 3;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        LambdaRuntimeExit exit = await LambdaRuntime.RunAsync(
            new LambdaRuntimeOptions
            {
                RuntimeApi = runtimeApi,
                TimeProvider = options.TimeProvider,
                LoggerFactory = loggerFactory,
                MaxInvocations = options.MaxInvocations,
            },
            _ => Task.FromResult(create(options, loggerFactory)),
            stop.Token).ConfigureAwait(false);
        return (int)exit;
    }

    /// <summary>Builds <paramref name="kind"/> from the configuration <paramref name="options"/> give.</summary>
    /// <exception cref="LambdaFunctionException"><see cref="ErrorTypes.Configuration"/>: a variable is missing or malformed.</exception>
    public static ILambdaFunction Create(FunctionKind kind, FunctionHostOptions options, ILoggerFactory loggerFactory) => kind switch
    {
        FunctionKind.Scraper => CreateScraper(options, loggerFactory),
        FunctionKind.Analyzer => CreateAnalyzer(options, loggerFactory),
        FunctionKind.Reporter => CreateReporter(options, loggerFactory),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a function"),
    };

    /// <summary>Builds the scraper (<c>RAW_BUCKET</c>, optional <c>TWITCH_CREDENTIALS_PARAMETER</c>, <c>TWITCH_IRC_URL</c> …).</summary>
    /// <exception cref="LambdaFunctionException"><see cref="ErrorTypes.Configuration"/>: a variable is missing or malformed.</exception>
    public static ILambdaFunction CreateScraper(FunctionHostOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        FunctionSettings settings = FunctionSettings.FromEnvironment(FunctionKind.Scraper, options.Environment);
        S3BlobStore raw = settings.OpenStore(FunctionKind.Scraper, settings.RawBucket!, settings.RawPrefix);
        return new ScraperFunction(settings, raw, Login(settings, options, loggerFactory), options.TimeProvider, loggerFactory);
    }

    /// <summary>Builds the analyzer (<c>RAW_BUCKET</c>, <c>RESULTS_BUCKET</c>, optional prefixes).</summary>
    /// <exception cref="LambdaFunctionException"><see cref="ErrorTypes.Configuration"/>: a variable is missing or malformed.</exception>
    public static ILambdaFunction CreateAnalyzer(FunctionHostOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        FunctionSettings settings = FunctionSettings.FromEnvironment(FunctionKind.Analyzer, options.Environment);
        return new AnalyzerFunction(
            settings,
            settings.OpenStore(FunctionKind.Analyzer, settings.RawBucket!, settings.RawPrefix),
            settings.OpenStore(FunctionKind.Analyzer, settings.ResultsBucket!, settings.ResultsPrefix));
    }

    /// <summary>Builds the reporter (<c>RESULTS_BUCKET</c>, optional <c>RESULTS_PREFIX</c>).</summary>
    /// <exception cref="LambdaFunctionException"><see cref="ErrorTypes.Configuration"/>: a variable is missing or malformed.</exception>
    public static ILambdaFunction CreateReporter(FunctionHostOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        FunctionSettings settings = FunctionSettings.FromEnvironment(FunctionKind.Reporter, options.Environment);
        return new ReporterFunction(settings, settings.OpenStore(FunctionKind.Reporter, settings.ResultsBucket!, settings.ResultsPrefix));
    }

    /// <summary>How the scraper logs in: anonymously, or with the SSM parameter's credentials, read at each invocation.</summary>
    private static Func<CancellationToken, Task<TwitchLogin?>> Login(FunctionSettings settings, FunctionHostOptions options, ILoggerFactory loggerFactory)
    {
        if (settings.CredentialsParameter is not string parameter)
        {
            return _ => Task.FromResult<TwitchLogin?>(null);
        }

        var ssm = new Lazy<IAmazonSimpleSystemsManagement>(() => CreateSsmClient(settings, options.Environment));
        var oauth = new TwitchOAuthClient(OAuthHttp, settings.OAuthUrl ?? TwitchOAuthClient.DefaultBaseUrl, options.TimeProvider);
        return async cancellationToken =>
        {
            var store = new SsmCredentialsStore(ssm.Value, parameter, timeProvider: options.TimeProvider);
            TwitchCredentials credentials = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new TwitchLogin(credentials.Nickname, new StoredTokenSource(store, oauth) { LoggerFactory = loggerFactory });
        };
    }

    private static AmazonSimpleSystemsManagementClient CreateSsmClient(FunctionSettings settings, Func<string, string?> environment)
    {
        var config = new AmazonSimpleSystemsManagementConfig { IgnoreConfiguredEndpointUrls = true };
        if ((environment("AWS_ENDPOINT_URL_SSM") is { Length: > 0 } ssm ? ssm : environment("AWS_ENDPOINT_URL")) is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
        }
        else if (settings.Region is string region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonSimpleSystemsManagementClient(config);
    }
}

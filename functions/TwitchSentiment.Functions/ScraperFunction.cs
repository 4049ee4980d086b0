using TwitchSentiment.Credentials;
using TwitchSentiment.Functions.Internal;
using TwitchSentiment.Functions.Runtime;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Functions;

/// <summary>
/// <c>twitch-sentiment-scraper</c>: takes <c>{"channel":"#name" or "name", "minutes": 1-14 (default 14, decimals
/// allowed), "channels": [...]}</c>, captures the channels' chat with <see cref="CaptureJob"/> until the minutes are up
/// or the invocation's deadline less <see cref="SafetyMargin"/>, stores one raw log per channel in <c>RAW_BUCKET</c>,
/// and answers with a <see cref="ScraperResponse"/>. Channel names must be Twitch logins (anything that could inject
/// IRC is refused before anything connects). Logs in with the credentials of <c>TWITCH_CREDENTIALS_PARAMETER</c> when
/// set, read at each invocation so refreshed tokens are used; anonymously otherwise.
/// </summary>
public sealed class ScraperFunction : ILambdaFunction
{
    /// <summary>The shortest capture asked for: 1 minute.</summary>
    public const double MinMinutes = 1;

    /// <summary>The longest capture asked for, and the default: 14 minutes (Lambda's limit is 15).</summary>
    public const double MaxMinutes = 14;

    private const string Expected = "{\"channel\":\"#name\",\"minutes\":14} (minutes 1-14, optional; \"channels\":[…] for more)";

    private readonly FunctionSettings _settings;
    private readonly IBlobStore _rawStore;
    private readonly Func<CancellationToken, Task<TwitchLogin?>> _login;
    private readonly TimeProvider _time;
    private readonly Microsoft.Extensions.Logging.ILoggerFactory _loggerFactory;

    /// <summary>A scraper storing into <paramref name="rawStore"/>, logging in with what <paramref name="login"/> gives (null: anonymous).</summary>
    public ScraperFunction(
        FunctionSettings settings,
        IBlobStore rawStore,
        Func<CancellationToken, Task<TwitchLogin?>> login,
        TimeProvider? timeProvider = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _rawStore = rawStore ?? throw new ArgumentNullException(nameof(rawStore));
        _login = login ?? throw new ArgumentNullException(nameof(login));
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
    }

    /// <summary>Time kept before the deadline to close and store the raw logs: 20 s.</summary>
    public static TimeSpan SafetyMargin { get; } = TimeSpan.FromSeconds(20);

    /// <inheritdoc/>
    public async Task<Stream> HandleAsync(Stream payload, LambdaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ScraperRequest request = await Payloads.ReadAsync(payload, ScraperRequestJson.Default.ScraperRequest, Expected, cancellationToken).ConfigureAwait(false);
        (string[] channels, double minutes) = Validate(request);

        TwitchLogin? login;
        try
        {
            login = await _login(cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialsException error)
        {
            throw new LambdaFunctionException(ErrorTypes.Credentials, error.Message, error);
        }

        var job = new CaptureJob(_rawStore, new CaptureOptions
        {
            Channels = channels,
            Chat = TwitchChatOptions.Default with { Endpoint = _settings.IrcEndpoint, Login = login, TimeProvider = _time, LoggerFactory = _loggerFactory },
            Duration = TimeSpan.FromMinutes(minutes),
            Deadline = context.Deadline,
            SafetyMargin = SafetyMargin,
            WorkFolder = Path.Combine(Path.GetTempPath(), "twitch-sentiment-capture"),
        });
        CaptureResult result = await job.RunAsync(cancellationToken).ConfigureAwait(false);

        CapturedLog[] notStored = [.. result.Logs.Where(log => log.KeptAt is not null)];
        if (notStored.Length > 0)
        {
            throw new LambdaFunctionException(
                ErrorTypes.RawLogNotStored,
                $"{notStored.Length} of {result.Logs.Count} raw logs could not be stored: " +
                string.Join("; ", notStored.Select(log => $"{log.Key} ({log.Lines} lines, kept at {log.KeptAt} for this environment's life): {log.Location}")));
        }

        ScrapedLog[] logs = [.. result.Logs.Select(log => new ScrapedLog(
            log.Channel, AnalyzerFunction.WithPrefix(_settings.RawPrefix, log.Key), log.Location, log.Lines, log.Messages))];
        string stored = $"What was captured is stored: {string.Join(", ", logs.Select(l => $"{l.Key} ({l.Messages} messages)"))}.";
        if (result.EndReason == "error")
        {
            throw new LambdaFunctionException(ErrorTypes.CaptureFailed, $"The capture stopped with an error: {result.Error}. {stored}");
        }

        if (result.Unheard is string unheard)
        {
            // a channel never heard is not a quiet chat: a mistyped name, a banned channel, or no way to the server
            throw new LambdaFunctionException(
                ErrorTypes.CaptureFailed,
                $"Twitch never confirmed joining {unheard}" +
                (result.LastDisconnect is null ? string.Empty : $" (the last connection ended: {result.LastDisconnect.TrimEnd('.')})") +
                $". Check the channel names, TWITCH_IRC_URL and the network. {stored}");
        }

        var response = new ScraperResponse(
            result.CaptureId, result.EndReason, result.Reconnects, logs.Sum(l => l.Lines), logs.Sum(l => l.Messages), [.. logs.Select(l => l.Key)], logs);
        return Payloads.Write(response, ResponseJson.Default.ScraperResponse);
    }

    /// <summary>The channels (logins, once each, in order) and minutes of a request; an <see cref="ErrorTypes.InvalidInput"/> error naming every problem.</summary>
    internal static (string[] Channels, double Minutes) Validate(ScraperRequest request)
    {
        var problems = new List<string>();
        var channels = new List<string>();
        IEnumerable<string?> given = (request.Channel is null ? [] : new[] { request.Channel }).Concat(request.Channels ?? []);
        foreach (string? text in given)
        {
            if (ChannelName.TryParse(text, out ChannelName channel, out string? error))
            {
                if (!channels.Contains(channel.Login))
                {
                    channels.Add(channel.Login);
                }
            }
            else
            {
                problems.Add(error!);
            }
        }

        if (channels.Count == 0 && problems.Count == 0)
        {
            problems.Add("no channel given: add \"channel\":\"#name\" (the broadcaster's login)");
        }

        double minutes = request.Minutes ?? MaxMinutes;
        if (!double.IsFinite(minutes) || minutes < MinMinutes || minutes > MaxMinutes)
        {
            problems.Add($"minutes is {request.Minutes}; give {MinMinutes} to {MaxMinutes} (decimals allowed), or leave it out for {MaxMinutes}");
        }

        if (problems.Count > 0)
        {
            throw new LambdaFunctionException(ErrorTypes.InvalidInput, $"The payload is not valid: {string.Join("; ", problems)}. Expected {Expected}.");
        }

        return ([.. channels], minutes);
    }
}

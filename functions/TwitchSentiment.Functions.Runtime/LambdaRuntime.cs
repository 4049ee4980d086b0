using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TwitchSentiment.Functions.Runtime.Internal;

namespace TwitchSentiment.Functions.Runtime;

/// <summary>How <see cref="LambdaRuntime.RunAsync"/> ended; a host returns it as the process's exit code.</summary>
public enum LambdaRuntimeExit
{
    /// <summary>Stopped as asked: cancelled, or <see cref="LambdaRuntimeOptions.MaxInvocations"/> reached.</summary>
    Stopped = 0,

    /// <summary>The function could not start; the error went to <c>/init/error</c>.</summary>
    InitFailed = 1,

    /// <summary>The runtime API failed or went away (on Lambda: the environment is being shut down).</summary>
    RuntimeApiFailed = 2,
}

/// <summary>
/// A custom runtime for <c>provided.al2023</c>: the loop of the Lambda runtime API (version 2018-06-01). It starts
/// the function once (a failure goes to <c>/init/error</c>), then asks <c>/next</c> for each invocation, runs the
/// handler with a token cancelled shortly before the deadline, and posts what it returned to <c>/response</c> or what
/// it threw to <c>/error</c> (<c>errorType</c>, <c>errorMessage</c>, <c>stackTrace</c>). A failed invocation never
/// stops the loop.
/// </summary>
public static class LambdaRuntime
{
    /// <summary>Runs the loop until cancelled, <see cref="LambdaRuntimeOptions.MaxInvocations"/>, or the runtime API fails.</summary>
    /// <param name="options">Where the runtime API is, and the loop's settings.</param>
    /// <param name="initialize">Builds the function once, before the first <c>/next</c>; what it throws is the init error.</param>
    /// <param name="cancellationToken">Stops the loop (the current invocation's token is cancelled too).</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static async Task<LambdaRuntimeExit> RunAsync(
        LambdaRuntimeOptions options, Func<CancellationToken, Task<ILambdaFunction>> initialize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(initialize);
        options.Validate();
        ILogger logger = options.LoggerFactory.CreateLogger(LogMessages.Category);
        using var api = new RuntimeApiClient(options.RuntimeApi);
        try
        {
            ILambdaFunction function;
            try
            {
                function = await initialize(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (string type, string message) = Describe(failure);
                LogMessages.InitFailed(logger, type, message);
                (bool accepted, int status) = await api.ReportInitErrorAsync(type, message, cancellationToken).ConfigureAwait(false);
                if (!accepted)
                {
                    LogMessages.Refused(logger, "init/error", status);
                }

                return LambdaRuntimeExit.InitFailed;
            }

            for (int handled = 0; options.MaxInvocations is not int most || handled < most; handled++)
            {
                NextInvocation next = await api.NextAsync(cancellationToken).ConfigureAwait(false);
                await InvokeAsync(api, function, next, options, logger, cancellationToken).ConfigureAwait(false);
            }

            return LambdaRuntimeExit.Stopped;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return LambdaRuntimeExit.Stopped;
        }
        catch (Exception failure) when (failure is HttpRequestException or RuntimeApiException or IOException)
        {
            LogMessages.RuntimeApiFailed(logger, options.RuntimeApi, failure.Message);
            return LambdaRuntimeExit.RuntimeApiFailed;
        }
    }

    private static async Task InvokeAsync(
        RuntimeApiClient api, ILambdaFunction function, NextInvocation next, LambdaRuntimeOptions options, ILogger logger, CancellationToken stopping)
    {
        LambdaContext context = next.Context;
        if (options.SetTraceIdVariable)
        {
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", context.TraceId);
        }

        TimeProvider time = options.TimeProvider;
        TimeSpan remaining = context.RemainingTime(time);
        LogMessages.InvocationStarted(logger, context.RequestId, remaining);
        long started = Stopwatch.GetTimestamp();
        using var deadline = new CancellationTokenSource(Clamp(remaining - options.CancellationMargin), time);
        using var invocation = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        Stream response;
        try
        {
            await using var payload = new MemoryStream(next.Payload, writable: false);
            response = await function.HandleAsync(payload, context, invocation.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Any failure but the stop itself is reported, never thrown out of the loop.
            (string type, string message) = failure is OperationCanceledException && deadline.IsCancellationRequested
                ? ("Function.DeadlineExceeded", $"The handler did not finish before the invocation's deadline ({context.Deadline:O}) less {options.CancellationMargin.TotalSeconds:0.###} s.")
                : Describe(failure);
            LogMessages.InvocationFailed(logger, context.RequestId, type, message);
            (bool accepted, int status) = await api.ReportErrorAsync(context.RequestId, type, message, failure.StackTrace, stopping).ConfigureAwait(false);
            if (!accepted)
            {
                LogMessages.Refused(logger, $"invocation/{context.RequestId}/error", status);
            }

            return;
        }

        string answer = logger.IsEnabled(LogLevel.Information) ? Excerpt(response) : string.Empty;
        await using (response.ConfigureAwait(false))
        {
            (bool accepted, int status) = await api.RespondAsync(context.RequestId, response, stopping).ConfigureAwait(false);
            if (!accepted)
            {
                LogMessages.Refused(logger, $"invocation/{context.RequestId}/response", status);
                return;
            }
        }

        LogMessages.InvocationAnswered(logger, context.RequestId, Stopwatch.GetElapsedTime(started), answer);
    }

    /// <summary>Answers longer than this are logged cut, with how many bytes were left out.</summary>
    internal const int MaxLoggedAnswerBytes = 4096;

    /// <summary>The answer's text as the log shows it, read without moving the stream: an answer held in memory, cut to <see cref="MaxLoggedAnswerBytes"/>.</summary>
    private static string Excerpt(Stream response)
    {
        if (response is not MemoryStream memory)
        {
            return "(a streamed answer)";
        }

        int position = (int)memory.Position;
        ReadOnlySpan<byte> bytes = memory.TryGetBuffer(out ArraySegment<byte> buffer)
            ? buffer.AsSpan(position, (int)memory.Length - position)
            : memory.ToArray().AsSpan(position);
        if (bytes.Length <= MaxLoggedAnswerBytes)
        {
            return System.Text.Encoding.UTF8.GetString(bytes);
        }

        int cut = MaxLoggedAnswerBytes;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--; // not inside a character: back to its first byte
        }

        return $"{System.Text.Encoding.UTF8.GetString(bytes[..cut])}… ({bytes.Length - cut} more bytes)";
    }

    private static (string Type, string Message) Describe(Exception failure) => failure switch
    {
        LambdaFunctionException function => (function.ErrorType, function.Message),
        _ => (failure.GetType().Name, failure.Message),
    };

    /// <summary>A delay a <see cref="CancellationTokenSource"/> accepts: zero up to its limit of about 49 days.</summary>
    private static TimeSpan Clamp(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? TimeSpan.Zero
        : delay.TotalMilliseconds >= uint.MaxValue - 1 ? TimeSpan.FromMilliseconds(uint.MaxValue - 2)
        : delay;
}

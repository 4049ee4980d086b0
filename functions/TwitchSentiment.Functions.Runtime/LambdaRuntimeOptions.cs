using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TwitchSentiment.Functions.Runtime;

/// <summary>How <see cref="LambdaRuntime"/> talks to the Lambda runtime API. Make variants with <c>with</c>.</summary>
public sealed record LambdaRuntimeOptions
{
    /// <summary>The runtime API's <c>host:port</c>, as Lambda gives it in <c>AWS_LAMBDA_RUNTIME_API</c>. Required.</summary>
    public required string RuntimeApi { get; init; }

    /// <summary>
    /// The handler's cancellation token is cancelled this long before the invocation's deadline, so that it can still
    /// answer. Default 1 s; zero or more.
    /// </summary>
    public TimeSpan CancellationMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Stop after this many invocations (null: run until cancelled or the runtime API goes away). Default null, as
    /// on Lambda; tests and benchmarks set it.
    /// </summary>
    public int? MaxInvocations { get; init; }

    /// <summary>The clock for deadlines. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the runtime logs (invocations, failures). Default: nowhere.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Whether to set <c>_X_AMZN_TRACE_ID</c> to each invocation's trace id, as Lambda's runtimes do. Default true.</summary>
    public bool SetTraceIdVariable { get; init; } = true;

    /// <summary>Throws an argument exception naming the first option out of range.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(RuntimeApi) || RuntimeApi.Contains('/', StringComparison.Ordinal)
            || !Uri.TryCreate("http://" + RuntimeApi, UriKind.Absolute, out _))
        {
            throw new ArgumentException(
                $"{nameof(LambdaRuntimeOptions)}.{nameof(RuntimeApi)} '{RuntimeApi}' is not a host:port such as 127.0.0.1:9001 (Lambda sets AWS_LAMBDA_RUNTIME_API).",
                nameof(RuntimeApi));
        }

        if (CancellationMargin < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CancellationMargin), CancellationMargin, $"{nameof(LambdaRuntimeOptions)}.{nameof(CancellationMargin)} must not be negative.");
        }

        if (MaxInvocations is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInvocations), MaxInvocations, $"{nameof(LambdaRuntimeOptions)}.{nameof(MaxInvocations)} must be at least 1 (or null).");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(LoggerFactory, nameof(LoggerFactory));
    }
}

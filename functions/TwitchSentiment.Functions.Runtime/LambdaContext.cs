namespace TwitchSentiment.Functions.Runtime;

/// <summary>What the Lambda runtime API says about one invocation (the headers of its <c>/next</c> answer).</summary>
/// <param name="RequestId">The invocation's id (<c>Lambda-Runtime-Aws-Request-Id</c>).</param>
/// <param name="Deadline">When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>, Unix milliseconds).</param>
/// <param name="InvokedFunctionArn">The ARN the caller invoked, with version or alias (<c>Lambda-Runtime-Invoked-Function-Arn</c>).</param>
/// <param name="TraceId">The X-Ray trace header (<c>Lambda-Runtime-Trace-Id</c>), or null when absent.</param>
public sealed record LambdaContext(string RequestId, DateTimeOffset Deadline, string InvokedFunctionArn, string? TraceId)
{
    /// <summary>The time left before <see cref="Deadline"/> according to <paramref name="timeProvider"/> (never negative).</summary>
    public TimeSpan RemainingTime(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeSpan left = Deadline - timeProvider.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}

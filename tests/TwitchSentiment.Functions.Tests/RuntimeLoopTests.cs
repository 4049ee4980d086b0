using System.Text;
using TwitchSentiment.Functions.Runtime;
using TwitchSentiment.Functions.Tests.Support;
using TwitchSentiment.TestSupport.Logging;

namespace TwitchSentiment.Functions.Tests;

/// <summary>The runtime loop in this process against the test-side runtime API server.</summary>
public sealed class RuntimeLoopTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private LambdaRuntimeApiServer _server = null!;

    public async Task InitializeAsync() => _server = await LambdaRuntimeApiServer.StartAsync("loop-test");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Handler_gets_the_payload_and_the_invocation_headers_and_its_answer_goes_to_response()
    {
        LambdaContext? seen = null;
        var function = new DelegateFunction(async (payload, context, cancellationToken) =>
        {
            seen = context;
            string text = await new StreamReader(payload).ReadToEndAsync(cancellationToken);
            return new MemoryStream(Encoding.UTF8.GetBytes($"{{\"echo\":{text}}}"));
        });
        DateTimeOffset deadline = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds());
        Task<LambdaRuntimeExit> loop = RunAsync(function, maxInvocations: 1);

        InvocationResult result = await _server.InvokeAsync("{\"n\":1}", deadline, "Root=1-abc;Sampled=1").WaitAsync(Limit);

        Assert.True(result.Succeeded, result.Body);
        Assert.Equal("{\"echo\":{\"n\":1}}", result.Body);
        Assert.Equal(LambdaRuntimeExit.Stopped, await loop.WaitAsync(Limit));
        Assert.Equal(new LambdaContext(result.RequestId, deadline, _server.FunctionArn, "Root=1-abc;Sampled=1"), seen);
    }

    [Fact]
    public async Task Each_answer_is_logged_so_an_asynchronous_invocations_outcome_can_be_read_and_a_long_one_is_cut()
    {
        // "é" is two bytes in UTF-8; the 4096th byte is the first of one, so the cut falls before it, never inside it
        string longAnswer = "{\"records\":\"" + new string('x', LambdaRuntime.MaxLoggedAnswerBytes - 13) + new string('é', 100) + "\"}";
        int calls = 0;
        var function = new DelegateFunction((_, _, _) => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(
            ++calls == 1 ? "{\"records\":[{\"key\":\"raw/a.log.gz\",\"status\":\"skipped\"}]}" : longAnswer))));
        var logs = new RecordingLoggerFactory();
        Task<LambdaRuntimeExit> loop = RunAsync(function, maxInvocations: 2, logs: logs);

        InvocationResult first = await _server.InvokeAsync("{}", TimeSpan.FromMinutes(1)).WaitAsync(Limit);
        InvocationResult second = await _server.InvokeAsync("{}", TimeSpan.FromMinutes(1)).WaitAsync(Limit);
        await loop.WaitAsync(Limit);

        Assert.Equal(longAnswer, second.Body); // the answer itself is whole
        string[] answered = [.. logs.Entries.Where(e => e.StartsWith("Information", StringComparison.Ordinal) && e.Contains("[6002]", StringComparison.Ordinal))];
        Assert.Equal(2, answered.Length);
        Assert.Contains($"Invocation {first.RequestId} answered in ", answered[0], StringComparison.Ordinal);
        Assert.Contains(": {\"records\":[{\"key\":\"raw/a.log.gz\",\"status\":\"skipped\"}]}", answered[0], StringComparison.Ordinal);
        int cut = LambdaRuntime.MaxLoggedAnswerBytes - 1;
        Assert.Contains($"x… ({Encoding.UTF8.GetByteCount(longAnswer) - cut} more bytes)", answered[1], StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', answered[1]);
        Assert.DoesNotContain(longAnswer, answered[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_exception_goes_to_error_with_its_type_and_message_and_the_loop_goes_on()
    {
        int calls = 0;
        var function = new DelegateFunction((_, _, _) => ++calls switch
        {
            1 => throw new LambdaFunctionException("InvalidInput", "channel 'a b' has a space"),
            2 => throw new InvalidOperationException("boom"),
            _ => Task.FromResult<Stream>(new MemoryStream("{}"u8.ToArray())),
        });
        Task<LambdaRuntimeExit> loop = RunAsync(function, maxInvocations: 3);

        InvocationResult first = await _server.InvokeAsync("{}", TimeSpan.FromMinutes(1)).WaitAsync(Limit);
        InvocationResult second = await _server.InvokeAsync("{}", TimeSpan.FromMinutes(1)).WaitAsync(Limit);
        InvocationResult third = await _server.InvokeAsync("{}", TimeSpan.FromMinutes(1)).WaitAsync(Limit);

        Assert.Equal((false, "InvalidInput", "channel 'a b' has a space", "InvalidInput"), (first.Succeeded, first.ErrorType, first.ErrorMessage, first.ErrorTypeHeader));
        Assert.Equal((false, "InvalidOperationException", "boom"), (second.Succeeded, second.ErrorType, second.ErrorMessage));
        Assert.True(third.Succeeded);
        Assert.Equal(LambdaRuntimeExit.Stopped, await loop.WaitAsync(Limit));
    }

    [Fact]
    public async Task A_failed_start_goes_to_init_error_and_no_invocation_is_asked_for()
    {
        LambdaRuntimeExit exit = await LambdaRuntime.RunAsync(
            new LambdaRuntimeOptions { RuntimeApi = _server.Address },
            _ => throw new LambdaFunctionException("ConfigurationError", "RAW_BUCKET is not set")).WaitAsync(Limit);

        InitError error = await _server.InitErrorPosted.WaitAsync(Limit);
        Assert.Equal(LambdaRuntimeExit.InitFailed, exit);
        Assert.Equal(("ConfigurationError", "RAW_BUCKET is not set", "ConfigurationError"), (error.ErrorType, error.ErrorMessage, error.ErrorTypeHeader));
        Assert.Equal(0, _server.NextRequests);
    }

    [Fact]
    public async Task The_handler_token_is_cancelled_the_margin_before_the_deadline_and_that_is_reported()
    {
        var function = new DelegateFunction(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return Stream.Null;
        });
        Task<LambdaRuntimeExit> loop = RunAsync(function, maxInvocations: 1, margin: TimeSpan.FromMilliseconds(500));
        var started = System.Diagnostics.Stopwatch.StartNew();

        InvocationResult result = await _server.InvokeAsync("{}", TimeSpan.FromSeconds(1.5)).WaitAsync(Limit);

        Assert.Equal("Function.DeadlineExceeded", result.ErrorType);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5));
        await loop.WaitAsync(Limit);
    }

    [Fact]
    public async Task The_loop_ends_when_the_runtime_api_goes_away()
    {
        var function = new DelegateFunction((_, _, _) => Task.FromResult(Stream.Null));
        Task<LambdaRuntimeExit> loop = RunAsync(function, maxInvocations: null);
        await _server.FirstNextRequest.WaitAsync(Limit);

        await _server.DisposeAsync();

        Assert.Equal(LambdaRuntimeExit.RuntimeApiFailed, await loop.WaitAsync(Limit));
    }

    [Fact]
    public async Task Cancelling_stops_the_loop_while_it_waits_for_an_invocation()
    {
        using var stop = new CancellationTokenSource();
        Task<LambdaRuntimeExit> loop = LambdaRuntime.RunAsync(
            new LambdaRuntimeOptions { RuntimeApi = _server.Address },
            _ => Task.FromResult<ILambdaFunction>(new DelegateFunction((_, _, _) => Task.FromResult(Stream.Null))),
            stop.Token);
        await _server.FirstNextRequest.WaitAsync(Limit);

        await stop.CancelAsync();

        Assert.Equal(LambdaRuntimeExit.Stopped, await loop.WaitAsync(Limit));
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://127.0.0.1:9001")]
    [InlineData("127.0.0.1:9001/path")]
    public async Task A_runtime_api_that_is_not_host_and_port_is_refused(string runtimeApi)
    {
        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => LambdaRuntime.RunAsync(
            new LambdaRuntimeOptions { RuntimeApi = runtimeApi }, _ => Task.FromResult<ILambdaFunction>(null!)));
        Assert.Contains("RuntimeApi", error.Message, StringComparison.Ordinal);
    }

    private Task<LambdaRuntimeExit> RunAsync(ILambdaFunction function, int? maxInvocations, TimeSpan? margin = null, RecordingLoggerFactory? logs = null) =>
        LambdaRuntime.RunAsync(
            new LambdaRuntimeOptions
            {
                RuntimeApi = _server.Address,
                MaxInvocations = maxInvocations,
                CancellationMargin = margin ?? TimeSpan.FromSeconds(1),
                SetTraceIdVariable = false,
                LoggerFactory = logs ?? (Microsoft.Extensions.Logging.ILoggerFactory)Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            },
            _ => Task.FromResult(function));

    private sealed class DelegateFunction(Func<Stream, LambdaContext, CancellationToken, Task<Stream>> handle) : ILambdaFunction
    {
        public Task<Stream> HandleAsync(Stream payload, LambdaContext context, CancellationToken cancellationToken) => handle(payload, context, cancellationToken);
    }
}

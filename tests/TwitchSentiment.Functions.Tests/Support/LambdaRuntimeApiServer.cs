using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TwitchSentiment.Functions.Tests.Support;

#pragma warning disable VSTHRD003 // the server's own completion signals, set by its request handlers

/// <summary>How an invocation ended, as the runtime reported it.</summary>
/// <param name="RequestId">The invocation's id.</param>
/// <param name="Succeeded">True for <c>/response</c>, false for <c>/error</c>.</param>
/// <param name="Body">The response, or the error document.</param>
/// <param name="ErrorTypeHeader">The <c>Lambda-Runtime-Function-Error-Type</c> header of an error.</param>
internal sealed record InvocationResult(string RequestId, bool Succeeded, string Body, string? ErrorTypeHeader)
{
    /// <summary>The error document's <c>errorType</c>.</summary>
    internal string ErrorType => System.Text.Json.JsonDocument.Parse(Body).RootElement.GetProperty("errorType").GetString()!;

    /// <summary>The error document's <c>errorMessage</c>.</summary>
    internal string ErrorMessage => System.Text.Json.JsonDocument.Parse(Body).RootElement.GetProperty("errorMessage").GetString()!;
}

/// <summary>What a runtime posted to <c>/init/error</c>.</summary>
internal sealed record InitError(string Body, string? ErrorTypeHeader)
{
    internal string ErrorType => System.Text.Json.JsonDocument.Parse(Body).RootElement.GetProperty("errorType").GetString()!;

    internal string ErrorMessage => System.Text.Json.JsonDocument.Parse(Body).RootElement.GetProperty("errorMessage").GetString()!;
}

/// <summary>
/// The Lambda runtime API (2018-06-01) on 127.0.0.1 and a free port, in Kestrel, as Lambda offers it to a function:
/// <c>GET /runtime/invocation/next</c> waits for an invocation and answers with the payload and the
/// request id, deadline, function ARN and trace id headers; <c>/response</c>, <c>/error</c> and <c>/init/error</c>
/// complete what the test awaits. Records when the first <c>/next</c> arrived (cold start).
/// </summary>
internal sealed class LambdaRuntimeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly ConcurrentDictionary<string, Pending> _running = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InitError> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextRequests;

    private LambdaRuntimeApiServer(WebApplication app, string functionName)
    {
        _app = app;
        FunctionName = functionName;
    }

    /// <summary>The <c>host:port</c> to give as <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    internal string Address { get; private set; } = "";

    internal string FunctionName { get; }

    internal string FunctionArn => $"arn:aws:lambda:us-east-1:123456789012:function:{FunctionName}";

    /// <summary>Completes with the error a runtime posted to <c>/init/error</c>.</summary>
    internal Task<InitError> InitErrorPosted => _initError.Task;

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp of the first <c>/next</c> request.</summary>
    internal Task<long> FirstNextRequest => _firstNext.Task;

    /// <summary>How many <c>/next</c> requests arrived.</summary>
    internal int NextRequests => Volatile.Read(ref _nextRequests);

    internal static async Task<LambdaRuntimeApiServer> StartAsync(string functionName = "test-function")
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var server = new LambdaRuntimeApiServer(app, functionName);
        app.MapGet("/2018-06-01/runtime/invocation/next", server.NextAsync);
        app.MapPost("/2018-06-01/runtime/invocation/{id}/response", (string id, HttpRequest request) => server.CompleteAsync(id, request, succeeded: true));
        app.MapPost("/2018-06-01/runtime/invocation/{id}/error", (string id, HttpRequest request) => server.CompleteAsync(id, request, succeeded: false));
        app.MapPost("/2018-06-01/runtime/init/error", server.InitErrorAsync);
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Address = new Uri(url).Authority;
        return server;
    }

    /// <summary>Queues an invocation whose deadline is <paramref name="timeout"/> from now; completes when the runtime answers it.</summary>
    internal Task<InvocationResult> InvokeAsync(string payload, TimeSpan timeout, string? traceId = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1") =>
        InvokeAsync(payload, DateTimeOffset.UtcNow + timeout, traceId);

    /// <summary>Queues an invocation with <paramref name="deadline"/>; completes when the runtime answers it.</summary>
    internal Task<InvocationResult> InvokeAsync(string payload, DateTimeOffset deadline, string? traceId)
    {
        var pending = new Pending(Guid.NewGuid().ToString(), payload, deadline, traceId);
        _queue.Writer.TryWrite(pending);
        return pending.Result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext context)
    {
        _firstNext.TrySetResult(Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _nextRequests);
        Pending pending;
        try
        {
            pending = await _queue.Reader.ReadAsync(context.RequestAborted);
        }
        catch (Exception error) when (error is OperationCanceledException or ChannelClosedException)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        _running[pending.RequestId] = pending;
        context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
        context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
        if (pending.TraceId is not null)
        {
            context.Response.Headers["Lambda-Runtime-Trace-Id"] = pending.TraceId;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(pending.Payload, context.RequestAborted);
    }

    private async Task<IResult> CompleteAsync(string id, HttpRequest request, bool succeeded)
    {
        string body = await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted);
        if (!_running.TryRemove(id, out Pending? pending))
        {
            return Results.BadRequest($"unknown or already answered request id {id}");
        }

        pending.Result.TrySetResult(new InvocationResult(id, succeeded, body, request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault()));
        return Results.Accepted();
    }

    private async Task<IResult> InitErrorAsync(HttpRequest request)
    {
        string body = await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted);
        _initError.TrySetResult(new InitError(body, request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault()));
        return Results.Accepted();
    }

    private sealed record Pending(string RequestId, string Payload, DateTimeOffset Deadline, string? TraceId)
    {
        internal TaskCompletionSource<InvocationResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

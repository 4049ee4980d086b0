using System.Collections.Concurrent;
using System.Diagnostics;

namespace TwitchSentiment.Functions.Tests.Support;

/// <summary>
/// One function running as its own process (as on Lambda) against its own <see cref="LambdaRuntimeApiServer"/>, with
/// exactly the environment given (plus <c>AWS_LAMBDA_RUNTIME_API</c>, PATH and HOME). Standard error is kept for
/// messages; disposing kills the process and stops the server.
/// </summary>
internal sealed class FunctionProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();

    private FunctionProcess(Process process, LambdaRuntimeApiServer server, long startedAt, FunctionCommand command)
    {
        _process = process;
        Server = server;
        StartedAt = startedAt;
        Command = command;
    }

    internal LambdaRuntimeApiServer Server { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp just before the process was started.</summary>
    internal long StartedAt { get; }

    internal FunctionCommand Command { get; }

    internal int ProcessId => _process.Id;

    internal string StandardError => string.Join('\n', _stderr);

    internal static async Task<FunctionProcess> StartAsync(FunctionKind kind, FunctionCommand command, IReadOnlyDictionary<string, string> environment)
    {
        LambdaRuntimeApiServer server = await LambdaRuntimeApiServer.StartAsync(FunctionNames.Of(kind));
        var start = new ProcessStartInfo(command.FileName, command.Arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (string kept in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR" })
        {
            if (System.Environment.GetEnvironmentVariable(kept) is string value)
            {
                start.Environment[kept] = value;
            }
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = server.Address;
        long startedAt = Stopwatch.GetTimestamp();
        Process process = Process.Start(start)!;
        var running = new FunctionProcess(process, server, startedAt, command);
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { running._stderr.Enqueue(line.Data); } };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { running._stderr.Enqueue(line.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return running;
    }

    /// <summary>Invokes the function; fails with its standard error when it does not answer within <paramref name="limit"/>.</summary>
    internal async Task<InvocationResult> InvokeAsync(string payload, TimeSpan deadline, TimeSpan? limit = null)
    {
        Task<InvocationResult> result = Server.InvokeAsync(payload, deadline);
        Task exited = _process.WaitForExitAsync();
        Task done = await Task.WhenAny(result, exited, Task.Delay(limit ?? deadline + TimeSpan.FromSeconds(30)));
        if (done != result)
        {
            throw new TimeoutException($"{Command} did not answer ({(done == exited ? $"exited with {_process.ExitCode}" : "timed out")}); its output:\n{StandardError}");
        }

        return await result;
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    internal async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        await _process.WaitForExitAsync().WaitAsync(limit);
        return _process.ExitCode;
    }

    /// <summary>The process's peak resident memory (VmHWM) in bytes, from /proc.</summary>
    internal long PeakResidentBytes()
    {
        string line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        await Server.DisposeAsync();
    }
}

using System.Diagnostics;

namespace TwitchSentiment.IntegrationTests.Cli;

/// <summary>The built CLI (twitch-sentiment.dll, copied beside the tests) in a process of its own, as a user runs it.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;
    private readonly string _commandLine;

    private CliProcess(string[] args)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet, [Path.Combine(AppContext.BaseDirectory, "twitch-sentiment.dll"), .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _commandLine = string.Join(' ', args);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null.");
        _process.StandardInput.Close();
        _output = _process.StandardOutput.ReadToEndAsync();
        _error = _process.StandardError.ReadToEndAsync();
    }

    internal static CliProcess Start(params string[] args) => new(args);

    /// <summary>Runs to the end; the exit code and everything written to standard output and error.</summary>
    internal static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan limit, params string[] args)
    {
        using CliProcess process = Start(args);
        return await process.WaitAsync(limit);
    }

    /// <summary>Sends SIGTERM, as <c>kill</c> or a service manager does.</summary>
    internal async Task TerminateAsync()
    {
        using Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    internal async Task<(int ExitCode, string Output)> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"twitch-sentiment {_commandLine} did not end within {limit}.");
        }

        // the reads started with the process (so that a full pipe never blocks it) and need no context to finish
#pragma warning disable VSTHRD003
        return (_process.ExitCode, await _output + await _error);
#pragma warning restore VSTHRD003
    }

    public void Dispose() => _process.Dispose();
}

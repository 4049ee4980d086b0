using System.Diagnostics;

namespace TwitchSentiment.IntegrationTests.Cli;

/// <summary>The built CLI (twitch-sentiment.dll, copied beside the tests) in a process of its own, as a user runs it.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task _errorReading;
    private readonly System.Text.StringBuilder _error = new();
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
        _errorReading = Task.Run(ReadErrorAsync);
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

    /// <summary>Waits until standard error holds <paramref name="text"/> (the command got that far).</summary>
    internal async Task WaitForErrorAsync(string text, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (!Error.Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    private string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    private async Task ReadErrorAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is string line)
        {
            lock (_error)
            {
                _error.Append(line).Append('\n');
            }
        }
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
        await _errorReading;
        return (_process.ExitCode, await _output + Error);
#pragma warning restore VSTHRD003
    }

    public void Dispose() => _process.Dispose();
}

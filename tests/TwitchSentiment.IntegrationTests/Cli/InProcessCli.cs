using System.Text;
using TwitchSentiment.Cli;

namespace TwitchSentiment.IntegrationTests.Cli;

/// <summary>Runs <c>twitch-sentiment</c> in-process; returns exit code, output and errors.</summary>
internal static class InProcessCli
{
    /// <summary>Runs with empty, redirected standard input.</summary>
    internal static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, null, args);

    /// <summary>Runs with <paramref name="input"/> as redirected standard input, or at <paramref name="terminal"/> when given.</summary>
    internal static Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string input, ICliTerminal? terminal, params string[] args) =>
        RunCoreAsync(input, terminal, TimeSpan.FromSeconds(60), args);

    /// <summary>Runs and presses Ctrl+C (cancels) after <paramref name="after"/>.</summary>
    internal static Task<(int ExitCode, string Output, string Error)> RunAndCancelAsync(TimeSpan after, params string[] args) =>
        RunCoreAsync(string.Empty, null, after, args);

    private static async Task<(int ExitCode, string Output, string Error)> RunCoreAsync(string input, ICliTerminal? terminal, TimeSpan cancelAfter, string[] args)
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(cancelAfter);
        var console = new CliConsole(stdin, stdout, TextWriter.Synchronized(stderr)) { Terminal = terminal };
        int exitCode = await CliApp.RunAsync(args, console, TextWriter.Null, timeout.Token);
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on (it was free a moment ago): connecting there is refused.</summary>
    internal static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A terminal with scripted answers that records which questions were asked with echo off.</summary>
internal sealed class ScriptedTerminal(params string[] answers) : ICliTerminal
{
    private readonly Queue<string> _answers = new(answers);

    internal List<bool> HiddenFlags { get; } = [];

    public ValueTask<string?> ReadLineAsync(bool hidden, CancellationToken cancellationToken)
    {
        HiddenFlags.Add(hidden);
        return ValueTask.FromResult(_answers.TryDequeue(out string? answer) ? answer : null);
    }
}

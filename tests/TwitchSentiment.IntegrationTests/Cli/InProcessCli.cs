using System.Text;
using TwitchSentiment.Cli;

namespace TwitchSentiment.IntegrationTests.Cli;

/// <summary>Runs <c>twitch-sentiment</c> in-process with empty standard input; returns exit code, output and errors.</summary>
internal static class InProcessCli
{
    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var stdin = new MemoryStream();
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int exitCode = await CliApp.RunAsync(args, new CliConsole(stdin, stdout, TextWriter.Synchronized(stderr)), TextWriter.Null, timeout.Token);
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}

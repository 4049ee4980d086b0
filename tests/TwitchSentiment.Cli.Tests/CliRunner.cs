using System.Text;

namespace TwitchSentiment.Cli.Tests;

/// <summary>Runs the command line in-process with the given standard input.</summary>
internal static class CliRunner
{
    internal sealed record Result(int ExitCode, string Output, string Error, string Help);

    internal static Task<Result> RunAsync(string input, params string[] args) => RunAsync(Encoding.UTF8.GetBytes(input), args);

    internal static async Task<Result> RunAsync(byte[] input, params string[] args)
    {
        using var stdin = new MemoryStream(input);
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        using var help = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var console = new CliConsole(stdin, stdout, stderr);

        int exitCode = await CliApp.RunAsync(args, console, help, timeout.Token);

        return new Result(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString(), help.ToString());
    }
}

using System.CommandLine;
using System.CommandLine.Help;

namespace TwitchSentiment.Cli;

/// <summary>The <c>twitch-sentiment</c> command line: builds the commands and runs one invocation.</summary>
internal static class CliApp
{
    internal const string Name = "twitch-sentiment";

    /// <summary>
    /// The root command. Built as a named <see cref="Command"/> with help and version options (a RootCommand would
    /// take its name from the running executable, which differs under tests and <c>dotnet run</c>).
    /// </summary>
    internal static Command Create(CliConsole console) =>
        new(Name, "TwitchSentiment: how Twitch chat felt, message by message (VADER 3.3.2 sentiment).")
        {
            new HelpOption(),
            new VersionOption(),
            ScoreCommand.Create(console),
            EvaluateCommand.Create(console),
            ParseIrcCommand.Create(console),
            WatchCommand.Create(console),
            CaptureCommand.Create(console),
            AnalyzeCommand.Create(console),
            ReportCommand.Create(console),
            ReplayCommand.Create(console),
            DemoCommand.Create(console),
            AuthCommand.Create(console),
        };

    /// <summary>Parses <paramref name="args"/> and runs the command. Returns the process exit code.</summary>
    internal static async Task<int> RunAsync(string[] args, CliConsole console, TextWriter helpOutput, CancellationToken cancellationToken)
    {
        Command root = Create(console);
        ParseResult parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync($"{Name}: {error.Message}").ConfigureAwait(false);
            }

            string commandPath = parseResult.CommandResult.Command == root ? Name : $"{Name} {parseResult.CommandResult.Command.Name}";
            await console.Error.WriteLineAsync($"Run '{commandPath} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // Ctrl+C and errors are handled here, not by System.CommandLine, so that exit codes stay ours.
        var configuration = new InvocationConfiguration
        {
            Output = helpOutput,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"{Name}: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }
}

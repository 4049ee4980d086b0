using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using TwitchSentiment.Credentials;
using TwitchSentiment.Storage;

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
        try
        {
            return await ParseAndInvokeAsync(args, console, helpOutput, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"{Name}: cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (UsageException error)
        {
            await console.Error.WriteLineAsync($"{Name}: {error.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Exception error) when (error is BlobStoreException or CredentialsException or TimeoutException)
        {
            // a store or credentials problem a command did not catch itself (opening an S3 store without a region, a
            // credentials lock held too long): these messages are written for the user, naming what and how to fix it
            await console.Error.WriteLineAsync($"{Name}: {error.Message}").ConfigureAwait(false);
            return ExitCodes.SomeInputFailed;
        }
        catch (Exception error) when (error is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException)
        {
            // SSM behind --ssm (credentials) refused or unreachable
            await console.Error.WriteLineAsync(
                $"{Name}: AWS refused or could not be reached ({error.GetType().Name}: {error.Message}). " +
                "Check AWS_REGION, your AWS credentials and the parameter name; AWS_ENDPOINT_URL points at another endpoint.").ConfigureAwait(false);
            return ExitCodes.SomeInputFailed;
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            // not the user's Ctrl+C: something gave up waiting (an HTTP client's timeout)
            await console.Error.WriteLineAsync($"{Name}: gave up waiting ({error.Message}); check the network and try again.").ConfigureAwait(false);
            return ExitCodes.SomeInputFailed;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // what the commands do not expect to fail: standard input or output (a folder, a full disk, closed)
            await console.Error.WriteLineAsync($"{Name}: cannot read or write: {error.Message}").ConfigureAwait(false);
            return ExitCodes.SomeInputFailed;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // the last line of defence: a short message instead of a stack trace, and a code that says it is our fault
            await console.Error.WriteLineAsync(
                $"{Name}: internal error ({error.GetType().Name}): {error.Message} This is a bug in {Name}; please report it with the command you ran.").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The command and the commands above it, innermost first (<c>init</c>, <c>auth</c>, <c>twitch-sentiment</c>).</summary>
    private static IEnumerable<string> CommandChain(CommandResult? result)
    {
        for (; result is not null; result = result.Parent as CommandResult)
        {
            yield return result.Command.Name;
        }
    }

    private static async Task<int> ParseAndInvokeAsync(string[] args, CliConsole console, TextWriter helpOutput, CancellationToken cancellationToken)
    {
        Command root = Create(console);
        ParseResult parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (ParseError error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync($"{Name}: {CommandLineChecks.InWords(error.Message)}").ConfigureAwait(false);
            }

            string commandPath = string.Join(' ', CommandChain(parseResult.CommandResult).Reverse());
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
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}

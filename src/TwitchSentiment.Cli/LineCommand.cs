using System.Text;

using TwitchSentiment.Pipeline;

namespace TwitchSentiment.Cli;

/// <summary>
/// The loop every line-in, JSON-line-out command shares: read standard input line by line, let the command write one
/// object per line, and for a bad line report it on standard error and write <c>{"line":N,"error":"…"}</c> in its
/// place, then go on. Exit code 1 at the end if any line failed.
/// </summary>
internal static class LineCommand
{
    /// <summary>
    /// Runs <paramref name="writeLine"/> for every line of text; it writes one object and returns null, or returns
    /// why the line is bad (having written nothing that must be kept).
    /// </summary>
    internal static async Task<int> RunAsync(
        string commandName,
        string failurePhrase,
        CliConsole console,
        Func<JsonLineWriter, string, string?> writeLine,
        CancellationToken cancellationToken)
    {
        var writer = new JsonLineWriter();
        long lines = 0;
        long failed = 0;
        await foreach (InputLine input in InputLines.ReadAsync(console.Input, InputLines.DefaultMaxLineBytes, cancellationToken)
            .ConfigureAwait(false))
        {
            lines++;
            string? error = input.Error ?? writeLine(writer, input.Text!);
            if (error is not null)
            {
                failed++;
                await console.Error.WriteLineAsync($"{CliApp.Name} {commandName}: line {input.Number}: {error}").ConfigureAwait(false);
                writer.StartObject();
                writer.Number("line", input.Number);
                writer.String("error", error);
            }

            await console.Output.WriteAsync(Encoding.UTF8.GetBytes(writer.EndObject()), cancellationToken).ConfigureAwait(false);
        }

        await console.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (failed == 0)
        {
            return ExitCodes.Success;
        }

        await console.Error.WriteLineAsync($"{CliApp.Name} {commandName}: {failed} of {lines} lines {failurePhrase} (see above).")
            .ConfigureAwait(false);
        return ExitCodes.SomeInputFailed;
    }
}

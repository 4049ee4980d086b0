using System.Text;

namespace TwitchSentiment.Cli;

/// <summary>The process's standard streams, passed in so tests can run commands in-process.</summary>
/// <param name="Input">Standard input, read as bytes.</param>
/// <param name="Output">Standard output, written as UTF-8 bytes.</param>
/// <param name="Error">Standard error, for messages to the user.</param>
internal sealed record CliConsole(Stream Input, Stream Output, TextWriter Error)
{
    /// <summary>The terminal standard input comes from, for questions; null when input is redirected (a pipe, a file).</summary>
    public ICliTerminal? Terminal { get; init; }
}

/// <summary>A terminal to ask the user at (the prompt itself goes to standard error).</summary>
internal interface ICliTerminal
{
    /// <summary>Reads one answer; with <paramref name="hidden"/> the typed characters are not shown. Null at end of input.</summary>
    ValueTask<string?> ReadLineAsync(bool hidden, CancellationToken cancellationToken);
}

/// <summary>The process's console, when standard input is a terminal.</summary>
internal sealed class SystemTerminal : ICliTerminal
{
    public async ValueTask<string?> ReadLineAsync(bool hidden, CancellationToken cancellationToken)
    {
        if (!hidden)
        {
            return await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }

        var text = new StringBuilder();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ConsoleKeyInfo key = Console.ReadKey(intercept: true); // intercept: nothing is echoed
            if (key.Key == ConsoleKey.Enter)
            {
                await Console.Error.WriteLineAsync().ConfigureAwait(false);
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}

using System.CommandLine;
using System.Text;
using TwitchSentiment.Irc;

namespace TwitchSentiment.Cli;

/// <summary>
/// <c>twitch-sentiment parse-irc</c>: raw IRC lines on standard input, one JSON object per line out, so a capture can
/// be inspected or fed to other tools.
/// </summary>
internal static class ParseIrcCommand
{
    internal static Command Create(CliConsole console)
    {
        var command = new Command(
            "parse-irc",
            "Parse raw IRC lines (Twitch dialect) from standard input. Writes one JSON object per line: " +
            "{\"command\",\"tags\",\"prefix\",\"nick\",\"params\",\"channel\",\"text\",\"action\",\"emotes\"}. A malformed line " +
            "is reported on standard error and as {\"line\":N,\"error\":\"...\"}; the rest are still parsed, and the exit code is 1.");
        command.SetAction((_, cancellationToken) => RunAsync(console, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, CancellationToken cancellationToken)
    {
        var writer = new JsonLineWriter();
        long lines = 0;
        long failed = 0;
        await foreach (InputLine input in InputLines.ReadAsync(console.Input, InputLines.DefaultMaxLineBytes, cancellationToken)
            .ConfigureAwait(false))
        {
            lines++;
            string? error = input.Error;
            if (error is null)
            {
                if (IrcMessage.TryParse(input.Text!, out IrcMessage? message, out IrcParseError parseError))
                {
                    Write(writer, message!);
                }
                else
                {
                    error = $"{parseError.Describe()}: {Excerpts.Of(input.Text!)}";
                }
            }

            if (error is not null)
            {
                failed++;
                await console.Error.WriteLineAsync($"twitch-sentiment parse-irc: line {input.Number}: {error}").ConfigureAwait(false);
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

        await console.Error.WriteLineAsync($"twitch-sentiment parse-irc: {failed} of {lines} lines are not IRC (see above).")
            .ConfigureAwait(false);
        return ExitCodes.SomeInputFailed;
    }

    private static void Write(JsonLineWriter writer, IrcMessage message)
    {
        (string? text, bool isAction) = message.Trailing is string trailing ? TwitchMessage.UnwrapAction(trailing) : (null, false);
        writer.StartObject();
        writer.String("command", message.Command);
        writer.Object("tags", message.Tags);
        writer.StringOrNull("prefix", message.Prefix);
        writer.StringOrNull("nick", message.Nick);
        writer.Strings("params", message.Params);
        writer.StringOrNull("channel", message.Channel);
        writer.StringOrNull("text", text);
        writer.Raw("action", isAction ? "true" : "false");
        writer.Emotes("emotes", text is null ? [] : Emote.Parse(message.Tag("emotes"), text));
    }
}

using System.CommandLine;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline;

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

    internal static Task<int> RunAsync(CliConsole console, CancellationToken cancellationToken) => LineCommand.RunAsync(
        "parse-irc",
        "are not IRC",
        console,
        (writer, line) =>
        {
            if (!IrcMessage.TryParse(line, out IrcMessage? message, out IrcParseError error))
            {
                return $"{error.Describe()}: {Excerpts.Of(line)}";
            }

            Write(writer, message!);
            return null;
        },
        cancellationToken);

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

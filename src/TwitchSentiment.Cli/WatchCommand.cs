using System.CommandLine;
using System.Globalization;
using System.Text;
using TwitchSentiment.Credentials;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline;
using TwitchSentiment.Pipeline.Results;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.Sentiment;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Cli;

/// <summary>
/// <c>twitch-sentiment watch CHANNEL…</c>: reads live chat (anonymously) and writes each chat message with its VADER
/// scores as one JSON line, until Ctrl+C or the limits given.
/// </summary>
internal static class WatchCommand
{
    internal static Command Create(CliConsole console)
    {
        var chat = new ChatOptions();
        var maxMessages = new Option<int?>("--max-messages") { Description = "Stop after this many chat messages." };
        var minutes = ChatOptions.Duration("--minutes", "Stop after this long: 30s, 15m, 1h, or plain minutes.");
        var command = new Command(
            "watch",
            "Read live Twitch chat (anonymously unless --file or --ssm) and write each chat message with its VADER scores as one JSON line " +
            "{\"channel\",\"login\",\"sent_at\",\"text\",\"neg\",\"neu\",\"pos\",\"compound\",\"twitch_compound\"}; reconnects by itself. Stop with Ctrl+C.")
        {
            maxMessages,
            minutes,
        };
        chat.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.ValueOrDefault(maxMessages) is < 1)
            {
                result.AddError("--max-messages must be at least 1.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            TwitchLogin? chatLogin;
            using var http = new HttpClient();
            try
            {
                chatLogin = await chat.ResolveLoginAsync(parseResult, http, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialsException error)
            {
                await console.Error.WriteLineAsync($"{CliApp.Name} watch: {error.Message}").ConfigureAwait(false);
                return ExitCodes.SomeInputFailed;
            }

            return await RunAsync(
                parseResult.GetValue(chat.Channels)!,
                chat.Endpoint(parseResult),
                chatLogin,
                parseResult.GetValue(maxMessages),
                parseResult.GetValue(minutes),
                console,
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string[] channels, IrcEndpoint endpoint, TwitchLogin? login, int? maxMessages, TimeSpan? minutes, CliConsole console, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (minutes is TimeSpan limit)
        {
            stop.CancelAfter(limit);
        }

        var writer = new JsonLineWriter();
        int messages = 0;
        bool connected = false;
        await using var client = new TwitchChatClient(TwitchChatOptions.Default with { Endpoint = endpoint, Login = login });
        client.StateChanged += (_, change) =>
        {
            if (change.State == ChatConnectionState.Connected)
            {
                Volatile.Write(ref connected, true); // set on the client's thread, read after the loop
            }

            console.Error.WriteLine(
                $"{CliApp.Name} watch: connection {change.ConnectionId} {change.State.ToString().ToLowerInvariant()}{(change.Reason is null ? string.Empty : ": " + change.Reason)}");
        };
        client.Join(channels);
        try
        {
            await foreach (ChatLine line in client.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                if (line.Message is not PrivmsgMessage message)
                {
                    if (line.Error is not null)
                    {
                        // a line that could not be read may have been a chat message: say so rather than drop it unseen
                        await console.Error.WriteLineAsync($"{CliApp.Name} watch: skipped a line that could not be read ({line.Error}).").ConfigureAwait(false);
                    }

                    continue;
                }

                (SentimentScores scores, double twitchCompound) = ResultRow.Score(message.Text, message.Emotes, VaderAnalyzer.Default, TwitchSentimentAnalyzer.Default);
                writer.StartObject();
                writer.String("channel", message.Channel);
                writer.String("login", message.Login);
                writer.StringOrNull("sent_at", message.SentAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                writer.String("text", message.Text);
                writer.Raw("neg", PythonFloat.Repr(scores.Neg));
                writer.Raw("neu", PythonFloat.Repr(scores.Neu));
                writer.Raw("pos", PythonFloat.Repr(scores.Pos));
                writer.Raw("compound", PythonFloat.Repr(scores.Compound));
                writer.Raw("twitch_compound", PythonFloat.Repr(twitchCompound));
                await console.Output.WriteAsync(Encoding.UTF8.GetBytes(writer.EndObject()), cancellationToken).ConfigureAwait(false);
                await console.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (++messages == maxMessages)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // --minutes ran out: a normal end.
        }
        catch (Exception error) when (error is TwitchAuthenticationException or CredentialsException)
        {
            await console.Error.WriteLineAsync($"{CliApp.Name} watch: {error.Message}").ConfigureAwait(false);
            return ExitCodes.SomeInputFailed;
        }

        if (!Volatile.Read(ref connected))
        {
            // a watch that never got in is not a quiet chat
            await console.Error.WriteLineAsync(
                $"{CliApp.Name} watch: never connected to {endpoint} (the reasons are above); check the network and --irc.").ConfigureAwait(false);
            return ExitCodes.SomeInputFailed;
        }

        return ExitCodes.Success;
    }
}

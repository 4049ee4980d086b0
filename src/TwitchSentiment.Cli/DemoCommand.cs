using System.CommandLine;
using TwitchSentiment.Irc;
using TwitchSentiment.Irc.Transport;
using TwitchSentiment.Pipeline.Demo;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Pipeline.Replay;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Cli;

/// <summary>
/// <c>twitch-sentiment demo</c>: the whole job offline in one command. A local chat server plays the built-in sample
/// chat (six minutes of a fictional channel, with a hype moment, a fail, a raid and a quiet stretch), and the real
/// capture, analyze and report steps run against it.
/// </summary>
internal static class DemoCommand
{
    internal static Command Create(CliConsole console)
    {
        var speed = new Option<double?>("--speed")
        {
            Description = "How much faster than real time to play the six-minute sample chat (default 30: about 12 seconds).",
        };
        var store = new StoreOptions();
        var command = new Command(
            "demo",
            $"Run the whole job offline: play a built-in sample chat (#{SampleChat.Channel}) from a local chat server, capture it, score " +
            "every message and build the report; prints where the raw log, results and report are.")
        {
            speed,
        };
        store.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.ValueOrDefault(speed) is double value && !(value >= 1 && value <= 1000))
            {
                result.AddError("--speed must be between 1 and 1000.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            double pace = parseResult.GetValue(speed) ?? 30;
            DateTimeOffset start = DateTimeOffset.UtcNow;
            IReadOnlyList<(TimeSpan Offset, string Line)> lines = SampleChat.Lines(start);
            await using var server = new ReplayServer(() => lines.Select(l => new ReplayLine(start + l.Offset, l.Line)), speed: pace);
            await console.Error.WriteLineAsync(
                $"{CliApp.Name} demo: playing {lines.Count} lines of sample chat ({lines[^1].Offset.TotalMinutes:0} minutes at {pace}x) from {server.Url}").ConfigureAwait(false);
            // The capture runs on a clock as fast as the replay, so its receive times, coverage and timeline span the
            // six minutes of the sample; the login and keepalive limits are stretched so they keep their real-time meaning.
            var clock = new ScaledTimeProvider(start, pace);
            var options = new CaptureOptions
            {
                Channels = [SampleChat.Channel],
                Chat = TwitchChatOptions.Default with
                {
                    Endpoint = IrcEndpoint.Parse(server.Url),
                    TimeProvider = clock,
                    LoginTimeout = TwitchChatOptions.Default.LoginTimeout * pace,
                    PongTimeout = TwitchChatOptions.Default.PongTimeout * pace,
                },
                Duration = (lines[^1].Offset * 2) + TimeSpan.FromMinutes(1), // a bound; it ends when the replay has played everything
                EndWhen = server.Finished.ContinueWith(_ => Task.Delay(TimeSpan.FromMilliseconds(250)), TaskScheduler.Default).Unwrap(), // the last lines in flight
                SafetyMargin = TimeSpan.Zero,
                FlushInterval = TimeSpan.FromSeconds(2 * pace),
            };
            using IBlobStore blobs = store.Open(parseResult);
            int exit = await CaptureCommand.RunAsync(blobs, options, analyze: true, console, cancellationToken).ConfigureAwait(false);
            if (exit == ExitCodes.Success)
            {
                string report = blobs.Describe(Pipeline.LogKeys.Report(SampleChat.Channel, DateOnly.FromDateTime(start.UtcDateTime)) + ".html");
                await console.Error.WriteLineAsync($"{CliApp.Name} demo: done. Open the report: {report}").ConfigureAwait(false);
            }

            return exit;
        });
        return command;
    }
}

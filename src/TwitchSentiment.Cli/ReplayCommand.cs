using System.CommandLine;
using TwitchSentiment.Pipeline.Replay;

namespace TwitchSentiment.Cli;

/// <summary><c>twitch-sentiment replay RAWLOG</c>: serves a recorded raw log as a local Twitch chat server.</summary>
internal static class ReplayCommand
{
    internal static Command Create(CliConsole console)
    {
        var log = new Argument<string>("raw-log") { Description = "The raw log (.log.gz) to play." }.NotEmpty("a raw log path");
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (default: any free port).", DefaultValueFactory = _ => 0 };
        var speed = new Option<double>("--speed") { Description = "How much faster than recorded (default 1; 0 = as fast as possible).", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "replay",
            "Serve a recorded raw log as a local Twitch-compatible chat server (irc://127.0.0.1:PORT), so captures can be shown and tested " +
            "offline: run 'capture CHANNEL --irc URL' against it. Stop with Ctrl+C.")
        {
            log,
            port,
            speed,
        };
        command.Validators.Add(result =>
        {
            if (result.ValueOrDefault(port) is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }

            if (result.ValueOrDefault(speed) is double value && (value < 0 || double.IsNaN(value)))
            {
                result.AddError("--speed must be 0 (as fast as possible) or more.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string path = parseResult.GetValue(log)!;
            if (!File.Exists(path))
            {
                await console.Error.WriteLineAsync($"{CliApp.Name} replay: {path}: no such file; give the path of a raw log (.log.gz).").ConfigureAwait(false);
                return ExitCodes.SomeInputFailed;
            }

            try
            {
                await using var server = new ReplayServer(() => ReplayServer.FromRawLog(path), parseResult.GetValue(port), parseResult.GetValue(speed));
                await PipelineSteps.OutAsync(console, server.Url, cancellationToken).ConfigureAwait(false);
                await console.Error.WriteLineAsync(
                    $"{CliApp.Name} replay: serving {path} at {server.Url}; capture it with: {CliApp.Name} capture CHANNEL --irc {server.Url}. Stop with Ctrl+C.").ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (System.Net.Sockets.SocketException error)
            {
                await console.Error.WriteLineAsync($"{CliApp.Name} replay: cannot listen on port {parseResult.GetValue(port)}: {error.Message}. Choose another --port.").ConfigureAwait(false);
                return ExitCodes.SomeInputFailed;
            }
        });
        return command;
    }
}

using System.CommandLine;
using TwitchSentiment.Pipeline.RawLogs;
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

            if (!await CheckAsync(path, console).ConfigureAwait(false))
            {
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

    /// <summary>
    /// Reads the log once before serving it and says what a capture of the replay will miss: damaged parts and lines
    /// that arrived incomplete (not sent). Lines that are not UTF-8 are sent as recorded. Returns false when there is
    /// nothing to serve.
    /// </summary>
    private static async Task<bool> CheckAsync(string path, CliConsole console)
    {
        long lines = 0, incomplete = 0;
        var errors = new List<RawLogError>();
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new RawLogReader(file);
            RawReadResult result;
            while ((result = reader.Next(out RawRecord record, out RawLogError? error)) != RawReadResult.End)
            {
                if (result == RawReadResult.Error)
                {
                    errors.Add(error!);
                }
                else if (record.Kind == RawLogFormat.LineKind)
                {
                    lines++;
                }
                else if (record.Kind == RawLogFormat.IncompleteLineKind)
                {
                    incomplete++;
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"{CliApp.Name} replay: cannot read {path}: {error.Message}").ConfigureAwait(false);
            return false;
        }

        foreach (RawLogError error in errors)
        {
            await console.Error.WriteLineAsync($"{CliApp.Name} replay: {path}: {error.Detail}").ConfigureAwait(false);
        }

        if (errors.Count > 0 && lines > 0)
        {
            await console.Error.WriteLineAsync($"{CliApp.Name} replay: the {lines} chat lines that can be read are served.").ConfigureAwait(false);
        }

        if (incomplete > 0)
        {
            await console.Error.WriteLineAsync(
                $"{CliApp.Name} replay: {path}: {incomplete} line(s) that arrived incomplete are not sent; analyze the original log for those.").ConfigureAwait(false);
        }

        if (lines == 0)
        {
            await console.Error.WriteLineAsync(
                $"{CliApp.Name} replay: {path} holds no chat lines to serve{(errors.Count > 0 ? " that can be read" : string.Empty)}; give a raw log (.log.gz) that 'capture' wrote.").ConfigureAwait(false);
            return false;
        }

        return true;
    }
}

using System.CommandLine;
using System.Globalization;
using TwitchSentiment.Credentials;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Cli;

/// <summary>
/// <c>twitch-sentiment capture CHANNEL…</c>: keeps every chat line in a raw log per channel, then analyzes and reports
/// it; with <c>--rotate</c> it runs until stopped and closes, analyzes and reports a log every period.
/// </summary>
internal static class CaptureCommand
{
    internal static Command Create(CliConsole console)
    {
        var chat = new ChatOptions();
        var store = new StoreOptions();
        var minutes = ChatOptions.Duration("--minutes", "How long to capture: 30s, 15m, 1h, or plain minutes such as 15 or 0.5 (default 15; with --rotate: until stopped).");
        var rotate = ChatOptions.Duration("--rotate", "Run until stopped and start a new raw log this often (e.g. 15m), each analyzed and reported as it closes.");
        var noAnalyze = new Option<bool>("--no-analyze") { Description = "Only keep the raw logs; analyze them later with 'analyze'." };
        var command = new Command(
            "capture",
            "Capture Twitch chat (anonymously unless --file or --ssm) into raw logs, one per channel, then score every message and build " +
            "each channel's daily report. Ctrl+C stops early and still keeps, analyzes and reports what was captured.")
        {
            minutes,
            rotate,
            noAnalyze,
        };
        chat.AddTo(command);
        store.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = new HttpClient();
            TwitchLogin? login;
            try
            {
                login = await chat.ResolveLoginAsync(parseResult, http, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialsException error)
            {
                await console.Error.WriteLineAsync($"{CliApp.Name} capture: {error.Message}").ConfigureAwait(false);
                return ExitCodes.SomeInputFailed;
            }

            TimeSpan? rotation = parseResult.GetValue(rotate);
            TimeSpan? duration = parseResult.GetValue(minutes) ?? (rotation is null ? TimeSpan.FromMinutes(15) : null);
            var options = new CaptureOptions
            {
                Channels = parseResult.GetValue(chat.Channels)!,
                Chat = TwitchChatOptions.Default with { Endpoint = chat.Endpoint(parseResult), Login = login },
                Duration = duration,
                Rotate = rotation,
            };
            using IBlobStore blobs = store.Open(parseResult);
            return await RunAsync(blobs, options, !parseResult.GetValue(noAnalyze), console, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs a capture with a live display, stores, analyzes and reports; shared with <c>demo</c>.</summary>
    internal static async Task<int> RunAsync(IBlobStore store, CaptureOptions options, bool analyze, CliConsole console, CancellationToken cancellationToken)
    {
        var job = new CaptureJob(store, options with { LiveSentiment = true }); // the status line shows the last minute's mood
        bool clean = true;
        job.LogStored += async (log, token) =>
        {
            await PipelineSteps.OutAsync(console, $"raw log:  {log.Location} ({log.Lines} lines, {log.Messages} messages)", token).ConfigureAwait(false);
            if (analyze)
            {
                clean &= await PipelineSteps.AnalyzeAndReportAsync(store, log.Key, "capture", console, token).ConfigureAwait(false);
            }
        };

        string what = options.EndWhen is not null ? "until the replay ends" : options.Duration is TimeSpan d ? $"for {Durations.Format(d)}" : "until Ctrl+C";
        await console.Error.WriteLineAsync(
            $"{CliApp.Name} capture: {string.Join(' ', options.Channels.Select(c => ChannelName.Parse(c).ToString()))} from {options.Chat.Endpoint} {what}" +
            (options.Rotate is TimeSpan r ? $", a new log every {Durations.Format(r)}" : string.Empty) + $" (capture {job.CaptureId})").ConfigureAwait(false);
        using var display = new LiveDisplay(job, console);
        CaptureResult result = await job.RunAsync(cancellationToken).ConfigureAwait(false);
        display.Stop();

        foreach (CapturedLog log in result.Logs.Where(l => l.KeptAt is not null))
        {
            clean = false;
            await console.Error.WriteLineAsync($"{CliApp.Name} capture: could not store the raw log of #{log.Channel}: {log.Location} It is kept at {log.KeptAt}.").ConfigureAwait(false);
        }

        await console.Error.WriteLineAsync(
            $"{CliApp.Name} capture: ended ({result.EndReason}{(result.Error is null ? string.Empty : ": " + result.Error)}); " +
            $"{result.Logs.Sum(l => l.Messages).ToString(CultureInfo.InvariantCulture)} messages, {result.Reconnects} reconnect(s)" +
            (result.LastDisconnect is null ? "." : $"; the last connection ended: {result.LastDisconnect.TrimEnd('.')}.")).ConfigureAwait(false);
        if (result.Unheard is string unheard)
        {
            // a capture that heard nothing is not a quiet chat: say so, and do not exit as if it worked
            clean = false;
            await console.Error.WriteLineAsync(
                $"{CliApp.Name} capture: never listened to {unheard}: the chat server never " +
                "confirmed the join. Check the network, --irc and the channel name; the raw log records the capture, but it holds no chat of that channel.").ConfigureAwait(false);
        }

        return result.EndReason switch
        {
            "cancelled" => ExitCodes.Cancelled,
            "error" => ExitCodes.SomeInputFailed,
            _ => clean ? ExitCodes.Success : ExitCodes.SomeInputFailed,
        };
    }
}

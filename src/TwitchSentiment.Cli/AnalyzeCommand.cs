using System.CommandLine;
using TwitchSentiment.Pipeline;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Cli;

/// <summary><c>twitch-sentiment analyze RAWLOG…</c>: scores stored raw logs into results and rebuilds their reports.</summary>
internal static class AnalyzeCommand
{
    internal static Command Create(CliConsole console)
    {
        var logs = new Argument<string[]>("raw-log")
        {
            Description = "Raw logs: a path inside a store folder (…/raw/{channel}/{yyyy}/{MM}/{dd}/{name}.log.gz) or an s3://bucket/prefix/raw/… URL.",
            Arity = ArgumentArity.OneOrMore,
        }.NotEmpty("a raw log path");
        var command = new Command(
            "analyze",
            "Score every chat message of raw logs into results (CSV and JSON Lines next to them under results/) and rebuild each channel's " +
            "daily report. Bad records are skipped, counted and listed in …errors.json; everything else is kept. Already analyzed logs are left as they are.")
        {
            logs,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            int exit = ExitCodes.Success;
            foreach (string log in parseResult.GetValue(logs)!)
            {
                if (!log.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) && !File.Exists(log))
                {
                    await console.Error.WriteLineAsync(
                        $"{CliApp.Name} analyze: {log}: {(Directory.Exists(log) ? "a folder, not a raw log" : "no such file")}; give the path of a raw log (.log.gz) in a store.").ConfigureAwait(false);
                    exit = ExitCodes.SomeInputFailed;
                    continue;
                }

                if (!LogKeys.TryParseRaw(log.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) ? log : Path.GetFullPath(log), out RawKey? raw))
                {
                    await console.Error.WriteLineAsync(
                        $"{CliApp.Name} analyze: {log}: not a raw log in a store: expected …/raw/{{channel}}/{{yyyy}}/{{MM}}/{{dd}}/{{name}}.log.gz, " +
                        "as 'capture' writes them. Move the file into that layout under a folder and run analyze on it there.").ConfigureAwait(false);
                    exit = ExitCodes.SomeInputFailed;
                    continue;
                }

                try
                {
                    using IBlobStore store = StoreOptions.Open(raw.Root.Length == 0 ? "." : raw.Root.TrimEnd('/'));
                    if (!await PipelineSteps.AnalyzeAndReportAsync(store, raw.Key, "analyze", console, cancellationToken).ConfigureAwait(false))
                    {
                        exit = ExitCodes.SomeInputFailed;
                    }
                }
                catch (BlobStoreException error)
                {
                    await console.Error.WriteLineAsync($"{CliApp.Name} analyze: {log}: {error.Message}").ConfigureAwait(false);
                    exit = ExitCodes.SomeInputFailed;
                }
            }

            return exit;
        });
        return command;
    }
}

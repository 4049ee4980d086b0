using System.CommandLine;
using System.Globalization;
using TwitchSentiment.Irc;
using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Cli;

/// <summary><c>twitch-sentiment report CHANNEL [--date D]</c>: rebuilds a channel's daily report from its results.</summary>
internal static class ReportCommand
{
    private static readonly DateOnly FirstDay = new(2000, 1, 1);
    private static readonly DateOnly LastDay = new(9998, 12, 31);

    internal static Command Create(CliConsole console)
    {
        var channel = new Argument<string>("channel") { Description = "The channel, as #name or name." }.NotEmpty("a channel name");
        var date = new Option<string?>("--date") { Description = "The UTC day, YYYY-MM-DD (default: today, UTC)." };
        var store = new StoreOptions();
        var command = new Command("report", "Rebuild a channel's daily report (JSON and a self-contained HTML page with a chart) from all its results of that day.")
        {
            channel,
            date,
        };
        store.AddTo(command);
        command.Validators.Add(result =>
        {
            if (!ChannelName.TryParse(result.GetValue(channel), out _, out string? error))
            {
                result.AddError(error!);
            }

            if (result.GetValue(date) is string text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
                {
                    result.AddError($"--date: '{text}' is not a day as YYYY-MM-DD (for example 2026-11-24).");
                }
                else if (day < FirstDay || day > LastDay)
                {
                    // a report reads the days on either side too (results near midnight), so the calendar's ends are out
                    result.AddError($"--date: {text} is out of range; give a day from {FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}.");
                }
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string login = ChannelName.Parse(parseResult.GetValue(channel)!).Login;
            DateOnly day = parseResult.GetValue(date) is string text
                ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : DateOnly.FromDateTime(DateTime.UtcNow);
            try
            {
                using IBlobStore blobs = store.Open(parseResult);
                ReportResult report = await ReportJob.RunAsync(blobs, login, day, cancellationToken).ConfigureAwait(false);
                if (!report.Stored)
                {
                    await console.Error.WriteLineAsync(
                        $"{CliApp.Name} report: no results for #{login} on {day:yyyy-MM-dd} in {store.Location(parseResult)}, so no report was written; " +
                        "capture or analyze first (or pass --date / --store).").ConfigureAwait(false);
                    return ExitCodes.SomeInputFailed;
                }

                await PipelineSteps.OutAsync(console, $"report:   {blobs.Describe(report.HtmlKey)} ({report.Report.Messages} messages from {report.Report.Sources.Count} results file(s))", cancellationToken).ConfigureAwait(false);
                await PipelineSteps.OutAsync(console, $"          {blobs.Describe(report.JsonKey)}", cancellationToken).ConfigureAwait(false);

                return await PipelineSteps.ProblemsAsync(console, "report", report).ConfigureAwait(false) ? ExitCodes.SomeInputFailed : ExitCodes.Success;
            }
            catch (BlobStoreException error)
            {
                await console.Error.WriteLineAsync($"{CliApp.Name} report: {error.Message}").ConfigureAwait(false);
                return ExitCodes.SomeInputFailed;
            }
        });
        return command;
    }
}

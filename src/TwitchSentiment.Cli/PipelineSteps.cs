using TwitchSentiment.Pipeline.Jobs;
using TwitchSentiment.Storage;

namespace TwitchSentiment.Cli;

/// <summary>The analyze-then-report step that capture, analyze and demo share, printing where each file went.</summary>
internal static class PipelineSteps
{
    /// <summary>Analyzes a stored raw log, rebuilds its channel-day report, and prints the paths. Returns false when records were skipped.</summary>
    internal static async Task<bool> AnalyzeAndReportAsync(IBlobStore store, string rawKey, string commandName, CliConsole console, CancellationToken cancellationToken)
    {
        AnalyzeResult analyzed = await AnalyzeJob.RunAsync(store, rawKey, store, cancellationToken).ConfigureAwait(false);
        bool clean = true;
        if (analyzed.AlreadyAnalyzed)
        {
            await OutAsync(console, $"results:  {store.Describe(analyzed.Results + ".csv")} (already analyzed)", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var summary = analyzed.Summary!;
            await OutAsync(console, $"results:  {store.Describe(analyzed.Results + ".csv")} ({summary.Messages} messages from {summary.Lines} lines)", cancellationToken).ConfigureAwait(false);
            await OutAsync(console, $"          {store.Describe(analyzed.Results + ".jsonl")}", cancellationToken).ConfigureAwait(false);
            if (summary.ErrorCount > 0)
            {
                clean = false;
                await console.Error.WriteLineAsync(
                    $"{CliApp.Name}: {store.Describe(rawKey)}: skipped {summary.ErrorCount} bad record(s) ({string.Join(", ", summary.ErrorCounts.Select(e => $"{e.Value} {e.Key}"))}); " +
                    $"details in {store.Describe(analyzed.Results + ".errors.json")}; everything else was kept.").ConfigureAwait(false);
            }
        }

        ReportResult report = await ReportJob.RunAsync(store, analyzed.Raw.Channel, analyzed.Raw.Day, cancellationToken).ConfigureAwait(false);
        await OutAsync(console, $"report:   {store.Describe(report.HtmlKey)} ({report.Report.Messages} messages that day, mean compound {report.Report.MeanCompound?.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) ?? "-"})", cancellationToken).ConfigureAwait(false);
        await OutAsync(console, $"          {store.Describe(report.JsonKey)}", cancellationToken).ConfigureAwait(false);
        return !await ProblemsAsync(console, commandName, report).ConfigureAwait(false) && clean;
    }

    /// <summary>Prints what the report skipped, one line each; returns whether there was anything.</summary>
    internal static async Task<bool> ProblemsAsync(CliConsole console, string commandName, ReportResult report)
    {
        foreach (string problem in report.Problems)
        {
            await console.Error.WriteLineAsync($"{CliApp.Name} {commandName}: {problem}").ConfigureAwait(false);
        }

        return report.Problems.Count > 0;
    }

    internal static async Task OutAsync(CliConsole console, string line, CancellationToken cancellationToken)
    {
        await console.Output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
        await console.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

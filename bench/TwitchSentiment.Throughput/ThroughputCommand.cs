using System.Globalization;
using System.Text.Json;

namespace TwitchSentiment.Throughput;

/// <summary>The harness: parse, load, measure ours, optionally the reference, and report.</summary>
internal static class ThroughputCommand
{
    internal const int ExitSuccess = 0;
    internal const int ExitFailure = 1;
    internal const int ExitUsage = 2;

    /// <summary>128 + SIGINT, as shells report a run stopped with Ctrl+C.</summary>
    internal const int ExitCancelled = 130;

    /// <summary>
    /// Runs the harness on <paramref name="args"/>. Everything goes to <paramref name="output"/>, ending with our
    /// JSON line; errors go to <paramref name="error"/>.
    /// </summary>
    internal static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        if (args.Any(arg => arg is "--help" or "-h"))
        {
            await output.WriteLineAsync(ThroughputArguments.Usage);
            return ExitSuccess;
        }

        ThroughputArguments? arguments = ThroughputArguments.Parse(args, out string? problem);
        if (arguments is null)
        {
            await error.WriteLineAsync($"error: {problem}");
            await error.WriteLineAsync();
            await error.WriteLineAsync(ThroughputArguments.Usage);
            return ExitUsage;
        }

        try
        {
            return await RunAsync(arguments, output, error, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled");
            return ExitCancelled;
        }
        catch (Exception e) when (e is ThroughputException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitFailure;
        }
    }

    private static async Task<int> RunAsync(
        ThroughputArguments arguments,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        if (arguments.Mode == ThroughputArguments.PipelineMode)
        {
            return await PipelineAsync(arguments, output);
        }

        TextCorpus corpus = await TextCorpus.LoadAsync(arguments.TextsPath, cancellationToken);
        int count = corpus.Texts.Length;
        if (arguments.Mode == ThroughputArguments.IrcMode && count > 0)
        {
            (ThroughputResult parsed, long parseChecksum, PassTimes parseTimes) = IrcThroughput.Measure(corpus);
            await output.WriteLineAsync(Invariant(
                $"{IrcThroughput.What}: {count:N0} lines, {corpus.Utf8ByteCount:N0} bytes ({(double)corpus.Utf8ByteCount / count:F1} per line), {Passes(parseTimes, count, "lines")}, checksum {parseChecksum}"));
            if (arguments.TmiPrefixPath is not null)
            {
                PeerRun tmi = await PeerRunner.RunTmiAsync(arguments, cancellationToken);
                await WritePeerAsync(output, tmi);
                await output.WriteLineAsync(Invariant(
                    $"compare: {parsed.What} {parsed.ItemsPerSecond:N0} lines/s ({parsed.BytesPerSecond / 1e6:F0} MB/s) | {tmi.Result.What} {tmi.Result.ItemsPerSecond:N0} lines/s ({tmi.Result.BytesPerSecond / 1e6:F1} MB/s) | {parsed.What} is {parsed.ItemsPerSecond / tmi.Result.ItemsPerSecond:N1}x as fast"));
            }

            await output.WriteLineAsync(JsonSerializer.Serialize(parsed, ThroughputJsonContext.Default.ThroughputResult));
            return ExitSuccess;
        }

        if (count == 0)
        {
            await error.WriteLineAsync($"error: FILE '{arguments.TextsPath}' has no lines to score.");
            return ExitUsage;
        }

        string order = string.Empty;
        if (arguments.ShuffledCopies is int copies)
        {
            corpus = corpus.Shuffled(copies);
            count = corpus.Texts.Length;
            order = Invariant($" ({copies:N0} copies, each in its own order)");
        }

        double bytesPerText = (double)corpus.Utf8ByteCount / count;
        await output.WriteLineAsync(Invariant(
            $"{arguments.Mode}: {count:N0} texts, {corpus.Utf8ByteCount:N0} UTF-8 bytes ({bytesPerText:F1} per text) from '{arguments.TextsPath}'{order}"));
        if (arguments.Mode == ThroughputArguments.TwitchMode)
        {
            return await TwitchAsync(corpus, output);
        }

        (ThroughputResult ours, ScoreChecksum checksum, PassTimes scoreTimes) = VaderThroughput.Measure(corpus);
        await output.WriteLineAsync(Invariant($"{VaderThroughput.What}: {Passes(scoreTimes, count, "texts")}"));
        await output.WriteLineAsync(checksum.Format(VaderThroughput.What));

        if (arguments.ReferenceCheckoutPath is not null)
        {
            PeerRun reference = await PeerRunner.RunVaderReferenceAsync(arguments, cancellationToken);
            await WritePeerAsync(output, reference);
            await output.WriteLineAsync(Compare(ours, checksum, reference));
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(ours, ThroughputJsonContext.Default.ThroughputResult));
        return ExitSuccess;
    }

    private static async Task<int> TwitchAsync(TextCorpus corpus, TextWriter output)
    {
        int count = corpus.Texts.Length;
        (ThroughputResult twitch, ThroughputResult vader, ScoreChecksum twitchChecksum, ScoreChecksum vaderChecksum, PairedTimes passes) =
            TwitchThroughput.Measure(corpus);
        await output.WriteLineAsync(Invariant($"{TwitchThroughput.What}: {Passes(passes.Second, count, "texts", "rounds")}"));
        await output.WriteLineAsync(Invariant($"{VaderThroughput.What}: {Passes(passes.First, count, "texts", "rounds")}"));
        await output.WriteLineAsync(twitchChecksum.Format(TwitchThroughput.What));
        await output.WriteLineAsync(vaderChecksum.Format(VaderThroughput.What));
        string verdict = passes.MedianRatio <= TwitchThroughput.TimeRatioBudget ? "within" : "OVER";
        await output.WriteLineAsync(Invariant(
            $"compare: {twitch.What} {twitch.ItemsPerSecond:N0} texts/s | {vader.What} {vader.ItemsPerSecond:N0} texts/s | {twitch.What} takes {passes.MedianRatio:F3}x {vader.What}'s time per round (median of {passes.First.Timed:N0} rounds; 10th-90th percentile {passes.FastDecileRatio:F3}-{passes.SlowDecileRatio:F3}), {1 / passes.MedianRatio:P0} of its throughput | {verdict} the budget of {TwitchThroughput.TimeRatioBudget:F3}x"));
        await output.WriteLineAsync(JsonSerializer.Serialize(twitch, ThroughputJsonContext.Default.ThroughputResult));
        return ExitSuccess;
    }

    /// <summary>Passes on what a peer printed: its other lines, then its JSON line.</summary>
    private static async Task WritePeerAsync(TextWriter output, PeerRun peer)
    {
        foreach (string line in peer.OtherLines)
        {
            await output.WriteLineAsync(line);
        }

        await output.WriteLineAsync(peer.JsonLine);
    }

    private static async Task<int> PipelineAsync(ThroughputArguments arguments, TextWriter output)
    {
        if (arguments.Make is int messages)
        {
            PipelineThroughput.Make(arguments.TextsPath, messages);
            await output.WriteLineAsync(Invariant($"{PipelineThroughput.What}: wrote {messages:N0} messages to '{arguments.TextsPath}' ({new FileInfo(arguments.TextsPath).Length:N0} bytes)"));
        }

        (ThroughputResult result, Pipeline.Analysis.AnalysisSummary summary, long peak, TimeSpan cpu) = await PipelineThroughput.MeasureAsync(arguments.TextsPath);
        await output.WriteLineAsync(Invariant(
            $"{PipelineThroughput.What}: {summary.Lines:N0} lines, {summary.Messages:N0} messages, {summary.ErrorCount} errors in {result.Seconds:F2} s on {Environment.ProcessorCount} cores: {result.ItemsPerSecond:N0} messages/s (target 300,000), {summary.Messages / cpu.TotalSeconds:N0} messages per CPU second ({cpu.TotalSeconds:F2} s CPU), peak working set {peak / 1048576.0:F0} MiB"));
        await output.WriteLineAsync(JsonSerializer.Serialize(result, ThroughputJsonContext.Default.ThroughputResult));
        return ExitSuccess;
    }

    /// <summary>The side-by-side line: both rates, the ratio, and whether the checksums agree.</summary>
    private static string Compare(ThroughputResult ours, ScoreChecksum checksum, PeerRun reference)
    {
        ThroughputResult theirs = reference.Result;
        string parity = reference.OtherLines.Any(line =>
                ScoreChecksum.TryParse(line, out string what, out ScoreChecksum theirChecksum)
                && what == PeerRunner.VaderReferenceWhat
                && theirChecksum == checksum)
            ? "checksums equal"
            : "CHECKSUMS DIFFER";
        string oursSide = Invariant($"{ours.What} {ours.ItemsPerSecond:N0} texts/s ({ours.BytesPerSecond / 1e6:F1} MB/s)");
        string theirSide = Invariant($"{theirs.What} {theirs.ItemsPerSecond:N0} texts/s ({theirs.BytesPerSecond / 1e6:F2} MB/s)");
        double ratio = ours.ItemsPerSecond / theirs.ItemsPerSecond;
        return Invariant($"compare: {oursSide} | {theirSide} | {ours.What} is {ratio:N1}x as fast | {parity}");
    }

    /// <summary>How a measurement was timed: its passes and the spread of their speeds.</summary>
    private static string Passes(PassTimes timing, int items, string unit, string timed = "timed passes") => Invariant(
        $"{timing.WarmUp:N0} warm-up passes, median of {timing.Timed:N0} {timed} (10th-90th percentile {items / timing.SlowDecileSeconds:N0}-{items / timing.FastDecileSeconds:N0} {unit}/s)");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

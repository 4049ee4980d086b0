using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using TwitchSentiment.Pipeline.Analysis;
using TwitchSentiment.Pipeline.Demo;
using TwitchSentiment.Pipeline.RawLogs;
using TwitchSentiment.Pipeline.Results;

namespace TwitchSentiment.Throughput;

/// <summary>
/// The pipeline side: a raw log analyzed end to end as <c>analyze</c> does it (gunzip, parse, score, CSV and JSON
/// Lines written to files), one timed pass after a warm-up on a slice of the same log. Also makes a raw log of any
/// size from the built-in sample chat (every message with a new id), to measure with.
/// </summary>
internal static partial class PipelineThroughput
{
    internal const string What = "pipeline";

    /// <summary>Writes a raw log of <paramref name="messages"/> chat lines: the sample chat's lines over and over, ids made unique.</summary>
    internal static void Make(string path, int messages)
    {
        var start = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        string[] lines = [.. SampleChat.Lines(start).Select(l => l.Line).Where(l => l.Contains(" PRIVMSG #", StringComparison.Ordinal))];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new RawLogWriter(file);
        for (int i = 0; i < messages; i++)
        {
            string line = IdTag().Replace(lines[i % lines.Length], $";id=00000000-0000-4000-8000-{i:D12};", 1);
            writer.WriteLine(start.AddMilliseconds(i * 20), Encoding.UTF8.GetBytes(line));
        }
    }

    internal static async Task<(ThroughputResult Result, AnalysisSummary Summary, long PeakWorkingSet, TimeSpan Cpu)> MeasureAsync(string path)
    {
        string folder = Directory.CreateTempSubdirectory("twitch-sentiment-throughput-").FullName;
        try
        {
            await RunAsync(path, folder); // warm-up: the same code paths, jitted and tiered up
            long rawBytes = new FileInfo(path).Length;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            long started = Stopwatch.GetTimestamp();
            AnalysisSummary summary = await RunAsync(path, folder);
            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            using var self = Process.GetCurrentProcess();
            TimeSpan cpu = self.TotalProcessorTime - cpuBefore;
            return (new ThroughputResult(What, (int)summary.Messages, seconds, summary.Messages / seconds, rawBytes / seconds, allocated), summary, self.PeakWorkingSet64, cpu);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<AnalysisSummary> RunAsync(string path, string folder)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var csv = new FileStream(Path.Combine(folder, "results.csv"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var jsonl = new FileStream(Path.Combine(folder, "results.jsonl"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var results = new ResultsWriter(csv, jsonl);
        return await RawLogAnalyzer.AnalyzeAsync(input, results);
    }

    [GeneratedRegex(";id=[^;]*;")]
    private static partial Regex IdTag();
}

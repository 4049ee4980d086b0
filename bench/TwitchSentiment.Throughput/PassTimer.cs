using System.Diagnostics;

namespace TwitchSentiment.Throughput;

/// <summary>How many passes ran, the median pass, and the 10th and 90th percentile of the passes' times.</summary>
/// <param name="WarmUp">Passes run before timing.</param>
/// <param name="Timed">Passes timed.</param>
/// <param name="MedianSeconds">The median timed pass.</param>
/// <param name="FastDecileSeconds">The 10th percentile of the pass times (the faster passes).</param>
/// <param name="SlowDecileSeconds">The 90th percentile of the pass times (the slower passes).</param>
/// <param name="AllocatedBytes">Heap bytes allocated on this thread during all timed passes.</param>
internal readonly record struct PassTimes(int WarmUp, int Timed, double MedianSeconds, double FastDecileSeconds, double SlowDecileSeconds, long AllocatedBytes);

/// <summary>
/// Times whole passes over a file on the calling thread. One pass takes milliseconds to tens of milliseconds, and this
/// shared machine has slow spells in which a pass runs at two thirds of its speed for a few hundred milliseconds: so
/// passes are timed for two seconds and the median reported. The warm-up runs for at least a second and at least 40
/// passes: tiered compilation waits 100 ms before it counts calls and recompiles a method (with profile data) after 30,
/// so no timed pass runs on code about to be replaced.
/// </summary>
internal static class PassTimer
{
    private const int MinimumWarmUpPasses = 40;
    private const int MinimumTimedPasses = 5;
    private static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinimumTimed = TimeSpan.FromSeconds(2);

    /// <summary>Warms up with <paramref name="pass"/>, then times it; <paramref name="pass"/> runs once over everything.</summary>
    internal static PassTimes Measure(Action pass)
    {
        int warmUp = 0;
        long warmUpStart = Stopwatch.GetTimestamp();
        do
        {
            pass();
            warmUp++;
        }
        while (Stopwatch.GetElapsedTime(warmUpStart) < MinimumWarmUp || warmUp < MinimumWarmUpPasses);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var seconds = new List<double>(capacity: 1024);
        long allocated = 0; // by the passes only, not by the list of their times
        long timedStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(timedStart) < MinimumTimed || seconds.Count < MinimumTimedPasses)
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            pass();
            long end = Stopwatch.GetTimestamp();
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            seconds.Add(Stopwatch.GetElapsedTime(start, end).TotalSeconds);
        }

        seconds.Sort();
        return new PassTimes(
            warmUp, seconds.Count, seconds[seconds.Count / 2], seconds[seconds.Count / 10], seconds[seconds.Count * 9 / 10], allocated);
    }
}

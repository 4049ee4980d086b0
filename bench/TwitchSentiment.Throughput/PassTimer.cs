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

/// <summary>Two passes timed side by side: each one's times, and the median and deciles of the ratio second / first per round.</summary>
/// <param name="First">The first pass's times (one per round).</param>
/// <param name="Second">The second pass's times (one per round).</param>
/// <param name="MedianRatio">The median of the rounds' second / first time ratios.</param>
/// <param name="FastDecileRatio">Their 10th percentile.</param>
/// <param name="SlowDecileRatio">Their 90th percentile.</param>
internal readonly record struct PairedTimes(PassTimes First, PassTimes Second, double MedianRatio, double FastDecileRatio, double SlowDecileRatio);

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
    private static readonly TimeSpan MinimumTurn = TimeSpan.FromMilliseconds(25);

    /// <summary>Warms up with <paramref name="pass"/>, then times it; <paramref name="pass"/> runs once over everything.</summary>
    internal static PassTimes Measure(Action pass)
    {
        int warmUp = WarmUp(pass);

        var seconds = new List<double>(capacity: 1024);
        long allocated = 0; // by the passes only, not by the list of their times
        long timedStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(timedStart) < MinimumTimed || seconds.Count < MinimumTimedPasses)
        {
            seconds.Add(Time(pass, ref allocated));
        }

        return Summarize(warmUp, seconds, allocated);
    }

    /// <summary>
    /// Times <paramref name="first"/> and <paramref name="second"/> side by side: both warmed up as
    /// <see cref="Measure"/> warms one, then rounds of one turn of each (see <see cref="TimeTurn"/>; which goes first
    /// swaps every round) for twice as long. A slow spell of the machine falls on both turns of a round, so the ratio
    /// of a round's two times is nearly free of it: the median of those ratios is what two separate measurements
    /// cannot give. Each side's <see cref="PassTimes"/> counts its turns as its timed passes (seconds per pass).
    /// </summary>
    internal static PairedTimes MeasurePaired(Action first, Action second)
    {
        int warmUp = WarmUp(() =>
        {
            first();
            second();
        });

        var firstSeconds = new List<double>(capacity: 4096);
        var secondSeconds = new List<double>(capacity: 4096);
        var ratios = new List<double>(capacity: 4096);
        long firstAllocated = 0;
        long secondAllocated = 0;
        long timedStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(timedStart) < 2 * MinimumTimed || ratios.Count < MinimumTimedPasses)
        {
            double a;
            double b;
            if (ratios.Count % 2 == 0)
            {
                a = TimeTurn(first, ref firstAllocated);
                b = TimeTurn(second, ref secondAllocated);
            }
            else
            {
                b = TimeTurn(second, ref secondAllocated);
                a = TimeTurn(first, ref firstAllocated);
            }

            firstSeconds.Add(a);
            secondSeconds.Add(b);
            ratios.Add(b / a);
        }

        ratios.Sort();
        return new PairedTimes(
            Summarize(warmUp, firstSeconds, firstAllocated),
            Summarize(warmUp, secondSeconds, secondAllocated),
            ratios[ratios.Count / 2],
            ratios[ratios.Count / 10],
            ratios[ratios.Count * 9 / 10]);
    }

    /// <summary>Runs <paramref name="pass"/> for the warm-up, then collects; returns how many times it ran.</summary>
    private static int WarmUp(Action pass)
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
        return warmUp;
    }

    /// <summary>
    /// One side's turn in a round: passes for at least <see cref="MinimumTurn"/>, so that the caches hold this side's
    /// data for nearly all of it, as they do when it runs alone (turns of one short pass each made both sides
    /// slower and the faster side relatively more). Returns the seconds per pass.
    /// </summary>
    private static double TimeTurn(Action pass, ref long allocated)
    {
        int passes = 0;
        double seconds = 0;
        do
        {
            seconds += Time(pass, ref allocated);
            passes++;
        }
        while (seconds < MinimumTurn.TotalSeconds);

        return seconds / passes;
    }

    /// <summary>One timed pass: its seconds, and the heap bytes it allocated on this thread added to <paramref name="allocated"/>.</summary>
    private static double Time(Action pass, ref long allocated)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        pass();
        long end = Stopwatch.GetTimestamp();
        allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return Stopwatch.GetElapsedTime(start, end).TotalSeconds;
    }

    private static PassTimes Summarize(int warmUp, List<double> seconds, long allocated)
    {
        seconds.Sort();
        return new PassTimes(
            warmUp, seconds.Count, seconds[seconds.Count / 2], seconds[seconds.Count / 10], seconds[seconds.Count * 9 / 10], allocated);
    }
}

using System.Diagnostics;
using System.Text;
using TwitchSentiment.Irc;

namespace TwitchSentiment.Throughput;

/// <summary>
/// The IRC side: every line parsed with <see cref="IrcLineParser"/>, every tag value unescaped into a scratch
/// buffer, the emote ranges decoded to byte offsets of the (ACTION-unwrapped) text. Nothing is kept, nothing allocated.
/// Reports the median of the passes timed over two seconds (allocated bytes are for all of them).
/// </summary>
internal static class IrcThroughput
{
    internal const string What = "irc";

    // One pass over a file of this size takes tens of milliseconds. This shared machine has slow spells of a few
    // hundred milliseconds (a pass at two thirds of its speed, then back), so a handful of passes can land in one:
    // time passes for two seconds and report the median. The warm-up runs the pass often enough for the JIT to have
    // compiled it fully (it recompiles a method after 30 calls), so no timed pass runs mid-recompilation.
    private static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(1);
    private const int MinimumWarmUpPasses = 40;
    private static readonly TimeSpan MinimumTimed = TimeSpan.FromSeconds(2);
    private const int MinimumTimedPasses = 5;

    internal static (ThroughputResult Result, long Checksum, PassSummary Passes) Measure(TextCorpus corpus)
    {
        byte[][] lines = corpus.Texts.Select(Encoding.UTF8.GetBytes).ToArray(); // as received: bytes, not strings
        byte[] scratch = new byte[IrcLineParser.MaxTagBytes];

        int warmUpPasses = 0;
        long warmUpStart = Stopwatch.GetTimestamp();
        do
        {
            ParseAll(lines, scratch);
            warmUpPasses++;
        }
        while (Stopwatch.GetElapsedTime(warmUpStart) < MinimumWarmUp || warmUpPasses < MinimumWarmUpPasses);

        var passes = new List<double>(capacity: 1024);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long checksum = 0;
        long timedStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(timedStart) < MinimumTimed || passes.Count < MinimumTimedPasses)
        {
            long start = Stopwatch.GetTimestamp();
            checksum = ParseAll(lines, scratch);
            passes.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        passes.Sort();
        double seconds = passes[passes.Count / 2];
        var summary = new PassSummary(warmUpPasses, passes.Count, lines.Length / passes[passes.Count * 9 / 10], lines.Length / passes[passes.Count / 10]);
        return (new ThroughputResult(What, lines.Length, seconds, lines.Length / seconds, corpus.Utf8ByteCount / seconds, allocated), checksum, summary);
    }

    /// <summary>How many passes ran, and the 10th and 90th percentile of their speeds (lines per second).</summary>
    internal readonly record struct PassSummary(int WarmUp, int Timed, double SlowDecile, double FastDecile);

    private static long ParseAll(byte[][] lines, byte[] scratch)
    {
        long checksum = 0;
        foreach (byte[] line in lines)
        {
            if (!IrcLineParser.TryParse(line, out IrcLineParts parts, out IrcParseError error))
            {
                checksum += (int)error.Kind;
                continue;
            }

            ReadOnlySpan<byte> emotes = default;
            foreach (IrcTag tag in parts.EnumerateTags(line))
            {
                checksum += tag.Unescaped(scratch).Length;
                if (tag.Key.SequenceEqual("emotes"u8))
                {
                    emotes = tag.EscapedValue;
                }
            }

            checksum += parts.ParamCount;
            if (parts.HasTrailing && !emotes.IsEmpty)
            {
                checksum += DecodeEmotes(Emote.UnwrapActionUtf8(line.AsSpan(parts.Param(parts.ParamCount - 1))), emotes);
            }
        }

        return checksum;
    }

    private static long DecodeEmotes(ReadOnlySpan<byte> text, ReadOnlySpan<byte> emotesTag)
    {
        long checksum = 0;
        bool ascii = Ascii.IsValid(text);
        foreach (EmoteRange range in new EmoteRangeEnumerator(emotesTag))
        {
            int start = ascii ? Math.Min(range.Start, text.Length) : Emote.Utf8Offset(text, range.Start);
            int end = ascii ? (int)Math.Min(range.End + 1L, text.Length) : Emote.Utf8Offset(text, range.End + 1L);
            checksum += end - start;
        }

        return checksum;
    }
}

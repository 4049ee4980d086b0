using System.Text;
using TwitchSentiment.Irc;

namespace TwitchSentiment.Throughput;

/// <summary>
/// The IRC side: every line parsed with <see cref="IrcLineParser"/>, every tag value unescaped into a scratch
/// buffer, the emote ranges decoded to byte offsets of the (ACTION-unwrapped) text. Nothing is kept, nothing allocated.
/// Timed by <see cref="PassTimer"/> (the median pass; allocated bytes are for all timed passes).
/// </summary>
internal static class IrcThroughput
{
    internal const string What = "irc";

    internal static (ThroughputResult Result, long Checksum, PassTimes Passes) Measure(TextCorpus corpus)
    {
        byte[][] lines = corpus.Texts.Select(Encoding.UTF8.GetBytes).ToArray(); // as received: bytes, not strings
        byte[] scratch = new byte[IrcLineParser.MaxTagBytes];
        long checksum = 0;
        PassTimes passes = PassTimer.Measure(() => checksum = ParseAll(lines, scratch));
        return (ThroughputResult.OfPasses(What, corpus, passes), checksum, passes);
    }

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

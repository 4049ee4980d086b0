using System.Buffers.Binary;
using System.Globalization;

namespace TwitchSentiment.Pipeline.RawLogs;

/// <summary>
/// The raw log format (version 1). A raw log is a gzip file made of independent gzip members (RFC 1952; <c>zcat</c>
/// and any gzip reader read it as one stream). Each member holds whole records and carries, in its header's extra
/// field (subfield <c>TS</c>), the index of its first record, its record count and its compressed length, so a reader
/// meeting a damaged member skips to the next one and knows how many records it lost.
/// <para>One record per line, LF-terminated: <c>&lt;received_at&gt; &lt;kind&gt; &lt;payload&gt;</c> where
/// <c>received_at</c> is UTC as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (28 bytes) and <c>kind</c> is <c>&lt;</c> for a
/// line received from the chat server (payload: its exact bytes without CR LF, even invalid UTF-8) or <c>*</c> for a
/// capture event (payload: one JSON object, see <see cref="CaptureEvent"/>).</para>
/// </summary>
public static class RawLogFormat
{
    /// <summary>Bytes of the time stamp that starts every record.</summary>
    public const int TimeLength = 28;

    /// <summary>Bytes before a record's payload: time, space, kind, space.</summary>
    public const int PayloadOffset = TimeLength + 3;

    /// <summary>The kind byte of a received line.</summary>
    public const byte LineKind = (byte)'<';

    /// <summary>
    /// The kind byte of a line received incomplete (longer than the line limit, or cut off by a disconnect): its bytes
    /// are kept as received, but they are not the whole line, so it is never read as a message.
    /// </summary>
    public const byte IncompleteLineKind = (byte)'!';

    /// <summary>The kind byte of a capture event.</summary>
    public const byte EventKind = (byte)'*';

    internal const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Gzip member header: magic, deflate, FLG.FEXTRA, mtime 0, XFL 0, OS unknown, XLEN 20, subfield "TS" of 16 bytes.</summary>
    internal static ReadOnlySpan<byte> MemberHeaderStart => [0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 20, 0, (byte)'T', (byte)'S', 16, 0];

    /// <summary>Header length: the 16 bytes above and the subfield's data (first record index, record count, compressed length).</summary>
    internal const int MemberHeaderLength = 32;

    internal static void WriteMemberHeader(Span<byte> header, long firstRecord, int records, int compressedLength)
    {
        MemberHeaderStart.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], firstRecord);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], records);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], compressedLength);
    }

    internal static void FormatTime(DateTimeOffset time, Span<byte> destination)
    {
        bool written = time.UtcDateTime.TryFormat(destination, out int length, TimeFormat, CultureInfo.InvariantCulture);
        System.Diagnostics.Debug.Assert(written && length == TimeLength);
    }

    /// <summary>Reads <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> exactly (fixed positions; read once per record, so no general parser).</summary>
    internal static bool TryParseTime(ReadOnlySpan<byte> text, out DateTime time)
    {
        time = default;
        if (text.Length != TimeLength || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
            text[19] != '.' || text[27] != 'Z' ||
            !TryDigits(text[..4], out int year) || !TryDigits(text[5..7], out int month) || !TryDigits(text[8..10], out int day) ||
            !TryDigits(text[11..13], out int hour) || !TryDigits(text[14..16], out int minute) || !TryDigits(text[17..19], out int second) ||
            !TryDigits(text[20..27], out int ticks) ||
            month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || year < 1 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte digit in digits)
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}

using System.Text;

namespace TwitchSentiment.Irc;

/// <summary>
/// One emote occurrence from the <c>emotes</c> tag. <see cref="Start"/>/<see cref="End"/> are Twitch's code-point
/// positions (end inclusive) as sent; <see cref="Index"/>/<see cref="Length"/> locate it in the .NET string of the
/// message text, clamped to the text (a range Twitch sent past the end gives a shorter or empty <see cref="Name"/>).
/// </summary>
/// <param name="Id">The emote id, a string (<c>25</c>, <c>emotesv2_…</c>).</param>
/// <param name="Start">First code point, as sent.</param>
/// <param name="End">Last code point (inclusive), as sent.</param>
/// <param name="Index">UTF-16 index in the text.</param>
/// <param name="Length">UTF-16 length in the text.</param>
/// <param name="Name">The emote's text in the message.</param>
public sealed record Emote(string Id, int Start, int End, int Index, int Length, string Name)
{
    /// <summary>
    /// Decodes an <c>emotes</c> tag value (<c>id:start-end,start-end/id:start-end</c>) against the message text.
    /// Never throws: malformed pieces are skipped, out-of-range positions clamped. Sorted by position.
    /// </summary>
    public static IReadOnlyList<Emote> Parse(string? tagValue, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(tagValue))
        {
            return [];
        }

        var emotes = new List<Emote>();
        var codePoints = new CodePointIndex(text);
        foreach (EmoteRange range in new EmoteRangeEnumerator(Encoding.UTF8.GetBytes(tagValue)))
        {
            int index = codePoints.Utf16Offset(range.Start);
            int end = codePoints.Utf16Offset(range.End + 1L);
            emotes.Add(new Emote(Encoding.UTF8.GetString(range.Id), range.Start, range.End, index, end - index, text[index..end]));
        }

        emotes.Sort((a, b) => a.Start.CompareTo(b.Start));
        return emotes;
    }

    /// <summary>
    /// Adds the ranges of an <c>emotes</c> tag value (unescaped, UTF-8) to <paramref name="ranges"/> as positions in
    /// <paramref name="text"/>, sorted by start: the <see cref="Emote.Index"/> and <see cref="Emote.Length"/> that
    /// <see cref="Parse"/> gives, without making an <see cref="Emote"/> (or a string) per range.
    /// </summary>
    public static void AddRanges(ReadOnlySpan<byte> tagValue, string text, List<Range> ranges)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ranges);
        int first = ranges.Count;
        var codePoints = new CodePointIndex(text);
        foreach (EmoteRange range in new EmoteRangeEnumerator(tagValue))
        {
            int index = codePoints.Utf16Offset(range.Start);
            ranges.Add(new Range(index, codePoints.Utf16Offset(range.End + 1L)));
        }

        // Code points map to offsets in order, so sorting by offset is Parse's order by code point.
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ranges)[first..].Sort((a, b) => a.Start.Value.CompareTo(b.Start.Value));
    }

    /// <summary>
    /// The byte offset of code point <paramref name="codePoint"/> in UTF-8 <paramref name="utf8Text"/>, clamped to its
    /// length: for decoding emote ranges straight from the received bytes, without making strings.
    /// </summary>
    public static int Utf8Offset(ReadOnlySpan<byte> utf8Text, long codePoint)
    {
        int offset = 0;
        for (long seen = 0; seen < codePoint && offset < utf8Text.Length; seen++)
        {
            offset++;
            while (offset < utf8Text.Length && (utf8Text[offset] & 0xC0) == 0x80)
            {
                offset++; // continuation bytes belong to the same code point
            }
        }

        return offset;
    }

    /// <summary><see cref="TwitchMessage.UnwrapAction"/> on UTF-8 bytes: the inner text of a /me action, else the text.</summary>
    public static ReadOnlySpan<byte> UnwrapActionUtf8(ReadOnlySpan<byte> text) =>
        text.Length > ActionPrefixUtf8.Length && text.StartsWith(ActionPrefixUtf8) && text[^1] == 1
            ? text[ActionPrefixUtf8.Length..^1]
            : text;

    private static ReadOnlySpan<byte> ActionPrefixUtf8 => "\u0001ACTION "u8;

    /// <summary>Maps code-point positions to UTF-16 offsets, clamped to the text; linear scans from the last answer.</summary>
    private struct CodePointIndex(string text)
    {
        private int _codePoint;
        private int _offset;

        internal int Utf16Offset(long codePoint)
        {
            if (codePoint < _codePoint)
            {
                _codePoint = 0;
                _offset = 0;
            }

            while (_codePoint < codePoint && _offset < text.Length)
            {
                _offset += char.IsSurrogatePair(text, _offset) ? 2 : 1;
                _codePoint++;
            }

            return _offset;
        }
    }
}

/// <summary>One range of the <c>emotes</c> tag, still as text positions.</summary>
public readonly ref struct EmoteRange(ReadOnlySpan<byte> id, int start, int end)
{
    /// <summary>The emote id, as the tag's bytes.</summary>
    public ReadOnlySpan<byte> Id { get; } = id;

    /// <summary>First code point.</summary>
    public int Start { get; } = start;

    /// <summary>Last code point, inclusive.</summary>
    public int End { get; } = end;
}

/// <summary>Walks an <c>emotes</c> tag value (as received, UTF-8) without allocating; malformed pieces are skipped.</summary>
public ref struct EmoteRangeEnumerator
{
    private ReadOnlySpan<byte> _emotes; // remaining "id:ranges/id:ranges"
    private ReadOnlySpan<byte> _id;
    private ReadOnlySpan<byte> _ranges; // remaining "s-e,s-e" of the current id

    /// <summary>Starts at the beginning of <paramref name="tagValue"/>.</summary>
    public EmoteRangeEnumerator(ReadOnlySpan<byte> tagValue)
    {
        _emotes = tagValue;
        Current = default;
    }

    /// <summary>The range the enumerator is on.</summary>
    public EmoteRange Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly EmoteRangeEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next well-formed range.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            while (!_ranges.IsEmpty)
            {
                ReadOnlySpan<byte> range = Split(_ranges, (byte)',', out _ranges);
                int dash = range.IndexOf((byte)'-');
                if (dash > 0 && TryParseCount(range[..dash], out int start) && TryParseCount(range[(dash + 1)..], out int end) && end >= start)
                {
                    Current = new EmoteRange(_id, start, end);
                    return true;
                }
            }

            if (_emotes.IsEmpty)
            {
                return false;
            }

            // The id ends at the last ':' of the piece: ids such as "80481_/3" can hold odd characters.
            ReadOnlySpan<byte> piece = Split(_emotes, (byte)'/', out _emotes);
            int colon = piece.LastIndexOf((byte)':');
            _id = colon > 0 ? piece[..colon] : default;
            _ranges = colon > 0 ? piece[(colon + 1)..] : default;
        }
    }

    /// <summary>Decimal digits only, at most 9 (so no overflow); anything else is malformed.</summary>
    private static bool TryParseCount(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9)
        {
            return false;
        }

        foreach (byte digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }

    private static ReadOnlySpan<byte> Split(ReadOnlySpan<byte> text, byte separator, out ReadOnlySpan<byte> rest)
    {
        int at = text.IndexOf(separator);
        rest = at < 0 ? default : text[(at + 1)..];
        return at < 0 ? text : text[..at];
    }
}

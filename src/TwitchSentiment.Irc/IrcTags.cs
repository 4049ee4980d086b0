using System.Text;

namespace TwitchSentiment.Irc;

/// <summary>One tag as it stands in the line: its key and its still-escaped value (empty for <c>key</c> and <c>key=</c>).</summary>
public readonly ref struct IrcTag(ReadOnlySpan<byte> key, ReadOnlySpan<byte> escapedValue, bool mayHaveEscapes = true)
{
    /// <summary>The key, case-sensitive, with any '+' or vendor part.</summary>
    public ReadOnlySpan<byte> Key { get; } = key;

    /// <summary>The value as sent, escapes still in it.</summary>
    public ReadOnlySpan<byte> EscapedValue { get; } = escapedValue;

    /// <summary>False when the whole tag section holds no backslash, so the value is already unescaped.</summary>
    public bool MayHaveEscapes { get; } = mayHaveEscapes;

    /// <summary>The unescaped value: <see cref="EscapedValue"/> itself when nothing needs unescaping, else written into <paramref name="scratch"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Unescaped(Span<byte> scratch) => MayHaveEscapes ? IrcTags.Unescaped(EscapedValue, scratch) : EscapedValue;
}

/// <summary>Walks a tag section (<c>k1=v1;k2;k3=</c>) without allocating; empty pieces (<c>;;</c>) are skipped.</summary>
public ref struct IrcTagEnumerator
{
    private readonly bool _sectionHasEscapes;
    private ReadOnlySpan<byte> _rest;

    /// <summary>Starts at the beginning of <paramref name="tagSection"/> (without the '@').</summary>
    public IrcTagEnumerator(ReadOnlySpan<byte> tagSection)
    {
        _rest = tagSection;
        _sectionHasEscapes = tagSection.IndexOf((byte)'\\') >= 0; // one search for the whole section, not one per value
        Current = default;
    }

    /// <summary>Starts at the beginning of <paramref name="tagSection"/>, told already whether it holds a backslash.</summary>
    internal IrcTagEnumerator(ReadOnlySpan<byte> tagSection, bool sectionHasEscapes)
    {
        _rest = tagSection;
        _sectionHasEscapes = sectionHasEscapes;
        Current = default;
    }

    /// <summary>The tag the enumerator is on.</summary>
    public IrcTag Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly IrcTagEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next non-empty tag.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // hot in every parse; kept fast without profile data too
    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            int end = _rest.IndexOf((byte)';');
            ReadOnlySpan<byte> piece = end < 0 ? _rest : _rest[..end];
            _rest = end < 0 ? default : _rest[(end + 1)..];
            if (piece.IsEmpty)
            {
                continue;
            }

            int equals = piece.IndexOf((byte)'=');
            Current = equals < 0
                ? new IrcTag(piece, default, mayHaveEscapes: false)
                : new IrcTag(piece[..equals], piece[(equals + 1)..], _sectionHasEscapes);
            return true;
        }

        return false;
    }
}

/// <summary>IRCv3 tag values: find, unescape and escape.</summary>
public static class IrcTags
{
    /// <summary>Finds the last tag named <paramref name="key"/> (a repeated key: the last one wins).</summary>
    public static bool TryGetEscaped(ReadOnlySpan<byte> tagSection, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> escapedValue)
    {
        bool found = false;
        escapedValue = default;
        foreach (IrcTag tag in new IrcTagEnumerator(tagSection))
        {
            if (tag.Key.SequenceEqual(key))
            {
                escapedValue = tag.EscapedValue;
                found = true;
            }
        }

        return found;
    }

    /// <summary>
    /// Unescapes once, left to right: <c>\:</c> → ';', <c>\s</c> → ' ', <c>\\</c> → '\', <c>\r</c> → CR, <c>\n</c> → LF,
    /// a backslash before any other character is dropped, and so is a lone backslash at the end. Writes into
    /// <paramref name="destination"/> (at least as long as the input) and returns the bytes written.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        int backslash = escaped.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            escaped.CopyTo(destination);
            return escaped.Length;
        }

        escaped[..backslash].CopyTo(destination);
        int written = backslash;
        for (int i = backslash; i < escaped.Length; i++)
        {
            byte b = escaped[i];
            if (b != (byte)'\\')
            {
                destination[written++] = b;
                continue;
            }

            if (++i == escaped.Length)
            {
                break; // a lone trailing backslash is dropped
            }

            destination[written++] = escaped[i] switch
            {
                (byte)':' => (byte)';',
                (byte)'s' => (byte)' ',
                (byte)'r' => (byte)'\r',
                (byte)'n' => (byte)'\n',
                byte other => other, // "\\" gives "\", and "\X" gives X
            };
        }

        return written;
    }

    /// <summary>
    /// The unescaped value without copying when there is nothing to unescape (the common case): returns
    /// <paramref name="escaped"/> itself, or the unescaped bytes written into <paramref name="scratch"/> (at least as
    /// long as the input).
    /// </summary>
    public static ReadOnlySpan<byte> Unescaped(ReadOnlySpan<byte> escaped, Span<byte> scratch) =>
        escaped.IndexOf((byte)'\\') < 0 ? escaped : scratch[..Unescape(escaped, scratch)];

    /// <summary>The unescaped value as a string.</summary>
    public static string UnescapeToString(ReadOnlySpan<byte> escaped)
    {
        if (escaped.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(escaped);
        }

        Span<byte> buffer = escaped.Length <= 512 ? stackalloc byte[escaped.Length] : new byte[escaped.Length];
        return Encoding.UTF8.GetString(buffer[..Unescape(escaped, buffer)]);
    }

    /// <summary>Escapes a value for a tag section (the inverse of <see cref="Unescape"/>).</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            builder.Append(c switch
            {
                ';' => @"\:",
                ' ' => @"\s",
                '\\' => @"\\",
                '\r' => @"\r",
                '\n' => @"\n",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }
}

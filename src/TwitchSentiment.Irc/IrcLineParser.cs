using System.Text.Unicode;

namespace TwitchSentiment.Irc;

/// <summary>
/// Parses one IRC line (UTF-8, without CR LF) into <see cref="IrcLineParts"/>:
/// <c>['@' tags SPACE] [':' prefix SPACE] command {SPACE middle} [SPACE ':' trailing]</c>.
/// Runs of spaces between parts are collapsed and a trailing space ignored (as ircdocs/parser-tests asks); tags
/// appear only at the very start. Never throws on input; a malformed line gives an <see cref="IrcParseError"/>.
/// </summary>
public static class IrcLineParser
{
    /// <summary>IRCv3 message-tags: the tag data may take up to 8,191 bytes.</summary>
    public const int MaxTagBytes = 8191;

    /// <summary>RFC 1459: at most 15 parameters; the 15th takes the rest of the line.</summary>
    public const int MaxParams = 15;

    /// <summary>Parses <paramref name="line"/>. False (with the reason) for a malformed line.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out IrcLineParts parts, out IrcParseError error)
    {
        parts = default;
        error = Check(line, out bool plain);
        if (error.Kind != IrcParseErrorKind.None)
        {
            return false;
        }

        parts.WithoutEscapes = plain;

        int position = 0;
        if (line[0] == (byte)'@')
        {
            int space = line.IndexOf((byte)' ');
            if (space < 0)
            {
                error = new IrcParseError(IrcParseErrorKind.MissingCommand, line.Length);
                return false;
            }

            if (space - 1 > MaxTagBytes)
            {
                error = new IrcParseError(IrcParseErrorKind.TagsTooLong, 1);
                return false;
            }

            parts.Tags = 1..space;
            parts.HasTags = true;
            position = SkipSpaces(line, space);
        }

        if (position < line.Length && line[position] == (byte)':')
        {
            int end = EndOfWord(line, position);
            if (end == position + 1)
            {
                error = new IrcParseError(IrcParseErrorKind.EmptyPrefix, position);
                return false;
            }

            parts.Prefix = (position + 1)..end;
            parts.HasPrefix = true;
            position = SkipSpaces(line, end);
        }

        if (position == line.Length)
        {
            error = new IrcParseError(IrcParseErrorKind.MissingCommand, position);
            return false;
        }

        int commandEnd = EndOfWord(line, position);
        if (!IsValidCommand(line[position..commandEnd]))
        {
            error = new IrcParseError(IrcParseErrorKind.InvalidCommand, position);
            return false;
        }

        parts.Command = position..commandEnd;
        position = SkipSpaces(line, commandEnd);
        while (position < line.Length)
        {
            if (line[position] == (byte)':' || parts.ParamCount == MaxParams - 1)
            {
                int start = line[position] == (byte)':' ? position + 1 : position;
                parts.AddParam(start..line.Length);
                parts.HasTrailing = true;
                break;
            }

            int end = EndOfWord(line, position);
            parts.AddParam(position..end);
            position = SkipSpaces(line, end);
        }

        return true;
    }

    /// <summary>Checks the line's bytes; <paramref name="plain"/>: it is ASCII without a backslash (the common case: two vectorized searches).</summary>
    private static IrcParseError Check(ReadOnlySpan<byte> line, out bool plain)
    {
        plain = false;
        if (line.IsEmpty)
        {
            return new IrcParseError(IrcParseErrorKind.Empty, 0);
        }

        // The common case, a line of plain ASCII with no NUL, CR, LF or backslash, needs no other check. Two vectorized
        // searches find the first unusual byte: NUL or non-ASCII, then CR, LF or backslash before it. (One search for
        // the whole set needs a byte shuffle, which native code built for the baseline processor, as the Lambda
        // functions are, runs as a slow call: it was a seventh of the analyzer's time.)
        int unusual = line.IndexOfAnyExceptInRange((byte)1, (byte)0x7F);
        int breakOrEscape = (unusual < 0 ? line : line[..unusual]).IndexOfAny((byte)'\r', (byte)'\n', (byte)'\\');
        if (breakOrEscape >= 0)
        {
            unusual = breakOrEscape;
        }

        if (unusual < 0)
        {
            plain = true;
            return default;
        }

        int forbidden = line[unusual..].IndexOfAny((byte)0, (byte)'\r', (byte)'\n');
        if (forbidden >= 0)
        {
            forbidden += unusual;
        }

        if (forbidden >= 0)
        {
            return new IrcParseError(IrcParseErrorKind.ForbiddenCharacter, forbidden);
        }

        if (!Utf8.IsValid(line[unusual..])) // the bytes before are ASCII
        {
            return new IrcParseError(IrcParseErrorKind.NotUtf8, FirstInvalidUtf8Byte(line));
        }

        return default;
    }

    private static int FirstInvalidUtf8Byte(ReadOnlySpan<byte> line)
    {
        int position = 0;
        while (position < line.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(line[position..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return position;
            }

            position += consumed;
        }

        return position;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int EndOfWord(ReadOnlySpan<byte> line, int start)
    {
        int space = line[start..].IndexOf((byte)' ');
        return space < 0 ? line.Length : start + space;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int SkipSpaces(ReadOnlySpan<byte> line, int position)
    {
        // Twitch sends single spaces: a loop that usually stops at once beats a vectorized search.
        while (position < line.Length && line[position] == (byte)' ')
        {
            position++;
        }

        return position;
    }

    private static bool IsValidCommand(ReadOnlySpan<byte> command)
    {
        if (command.Length == 3 && char.IsAsciiDigit((char)command[0]) && char.IsAsciiDigit((char)command[1]) && char.IsAsciiDigit((char)command[2]))
        {
            return true;
        }

        foreach (byte b in command)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return !command.IsEmpty;
    }
}

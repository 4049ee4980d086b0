using System.Runtime.CompilerServices;

namespace TwitchSentiment.Irc;

/// <summary>
/// Where the parts of one parsed IRC line are, as byte ranges into that line: no bytes are copied and nothing is
/// allocated. Read the parts with the line they came from.
/// </summary>
public struct IrcLineParts
{
    private ParamRanges _params;

    /// <summary>The tag section without '@' and the space after it; empty when <see cref="HasTags"/> is false.</summary>
    public Range Tags { get; internal set; }

    /// <summary>True when the line starts with '@'.</summary>
    public bool HasTags { get; internal set; }

    /// <summary>The prefix (source) without ':'; empty when <see cref="HasPrefix"/> is false.</summary>
    public Range Prefix { get; internal set; }

    /// <summary>True when the line has a prefix.</summary>
    public bool HasPrefix { get; internal set; }

    /// <summary>The command, as sent (letters or three digits).</summary>
    public Range Command { get; internal set; }

    /// <summary>How many parameters, the trailing one included.</summary>
    public int ParamCount { get; internal set; }

    /// <summary>True when the last parameter was a trailing one (after " :"); it may then be empty or hold spaces.</summary>
    public bool HasTrailing { get; internal set; }

    /// <summary>True when the line is known to hold no backslash, so no tag value needs unescaping (false: unknown).</summary>
    public bool WithoutEscapes { get; internal set; }

    /// <summary>The tags of <paramref name="line"/> (the line these parts came from), using what the parse learned.</summary>
    public readonly IrcTagEnumerator EnumerateTags(ReadOnlySpan<byte> line) =>
        WithoutEscapes ? new IrcTagEnumerator(line[Tags], sectionHasEscapes: false) : new IrcTagEnumerator(line[Tags]);

    /// <summary>The range of parameter <paramref name="index"/>.</summary>
    public readonly Range Param(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ParamCount);
        return _params[index];
    }

    internal void AddParam(Range range) => _params[ParamCount++] = range;

    [InlineArray(IrcLineParser.MaxParams)]
    private struct ParamRanges
    {
        private Range _element;
    }
}

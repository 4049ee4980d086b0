using System.Text;

namespace TwitchSentiment.Irc;

/// <summary>
/// One IRC line, parsed and materialized: tags unescaped (a repeated key: the last wins), prefix, command
/// parameters. Use <see cref="IrcLineParser"/> directly when nothing needs to be kept.
/// </summary>
public sealed class IrcMessage
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>(0, StringComparer.Ordinal);

    private IrcMessage(string raw, IReadOnlyDictionary<string, string> tags, string? prefix, string command, string[] parameters, bool hasTrailing)
    {
        Raw = raw;
        Tags = tags;
        Prefix = prefix;
        Command = command;
        Params = parameters;
        HasTrailing = hasTrailing;
    }

    /// <summary>The line as received (without CR LF).</summary>
    public string Raw { get; }

    /// <summary>Tags with unescaped values; a key without '=' has the empty value.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>The raw prefix without ':', or null.</summary>
    public string? Prefix { get; }

    /// <summary>
    /// The nick of a user prefix: the part before '!' (or before '@' for <c>nick@host</c>); null for a server
    /// prefix such as <c>tmi.twitch.tv</c> and when there is no prefix.
    /// </summary>
    public string? Nick => Prefix is null ? null : Prefix.IndexOfAny(['!', '@']) is int end and > 0 ? Prefix[..end] : null;

    /// <summary>The command as sent (Twitch sends upper case: <c>PRIVMSG</c>, <c>001</c>).</summary>
    public string Command { get; }

    /// <summary>The parameters, the trailing one last.</summary>
    public IReadOnlyList<string> Params { get; }

    /// <summary>True when the last parameter was a trailing one (after " :").</summary>
    public bool HasTrailing { get; }

    /// <summary>The trailing parameter, or null when the line has none.</summary>
    public string? Trailing => HasTrailing ? Params[^1] : null;

    /// <summary>The channel of the first parameter without '#', or null when it does not start with '#'.</summary>
    public string? Channel => Params.Count > 0 && Params[0].Length > 1 && Params[0][0] == '#' ? Params[0][1..] : null;

    /// <summary>
    /// Splits a prefix into nick, user and host (<c>nick!user@host</c>; missing parts are empty), as
    /// ircdocs/parser-tests does: a single word is a nick. <see cref="Nick"/> is stricter, for Twitch.
    /// </summary>
    public static (string Nick, string User, string Host) SplitPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        int at = prefix.IndexOf('@', StringComparison.Ordinal);
        string host = at < 0 ? string.Empty : prefix[(at + 1)..];
        string nickUser = at < 0 ? prefix : prefix[..at];
        int bang = nickUser.IndexOf('!', StringComparison.Ordinal);
        return bang < 0 ? (nickUser, string.Empty, host) : (nickUser[..bang], nickUser[(bang + 1)..], host);
    }

    /// <summary>A tag's unescaped value, or null when absent.</summary>
    public string? Tag(string key) => Tags.TryGetValue(key, out string? value) ? value : null;

    /// <summary>Parses a line. False (with the reason) for a malformed line; never throws on input.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Line, out IrcMessage? message, out IrcParseError error)
    {
        if (!IrcLineParser.TryParse(utf8Line, out IrcLineParts parts, out error))
        {
            message = null;
            return false;
        }

        message = Materialize(utf8Line, parts);
        return true;
    }

    /// <summary>Parses a line given as text.</summary>
    public static bool TryParse(string line, out IrcMessage? message, out IrcParseError error)
    {
        ArgumentNullException.ThrowIfNull(line);
        return TryParse(Encoding.UTF8.GetBytes(line), out message, out error);
    }

    /// <summary>Parses a line given as text; throws <see cref="IrcParseException"/> when it is malformed.</summary>
    public static IrcMessage Parse(string line) =>
        TryParse(line, out IrcMessage? message, out IrcParseError error) ? message! : throw new IrcParseException(error, line);

    /// <inheritdoc/>
    public override string ToString() => Raw;

    private static IrcMessage Materialize(ReadOnlySpan<byte> line, in IrcLineParts parts)
    {
        IReadOnlyDictionary<string, string> tags = NoTags;
        if (parts.HasTags && parts.Tags.Start.Value != parts.Tags.End.Value)
        {
            var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (IrcTag tag in parts.EnumerateTags(line))
            {
                dictionary[Encoding.UTF8.GetString(tag.Key)] = IrcTags.UnescapeToString(tag.EscapedValue);
            }

            tags = dictionary;
        }

        string command = Encoding.UTF8.GetString(line[parts.Command]);
        var parameters = new string[parts.ParamCount];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = Encoding.UTF8.GetString(line[parts.Param(i)]);
        }

        return new IrcMessage(
            Encoding.UTF8.GetString(line),
            tags,
            parts.HasPrefix ? Encoding.UTF8.GetString(line[parts.Prefix]) : null,
            command,
            parameters,
            parts.HasTrailing);
    }
}

/// <summary>A line that is not a well-formed IRC message; the message names the rule and an escaped excerpt.</summary>
public sealed class IrcParseException : Exception
{
    /// <summary>Creates the exception for <paramref name="line"/>.</summary>
    public IrcParseException(IrcParseError error, string line)
        : base($"Not an IRC line: {error.Describe()}: {Excerpts.Of(line)}")
    {
        Error = error;
    }

    /// <summary>Creates the exception with a message.</summary>
    public IrcParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public IrcParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public IrcParseException()
        : base("Not an IRC line.")
    {
    }

    /// <summary>The rule that failed.</summary>
    public IrcParseError Error { get; }
}

namespace TwitchSentiment.Irc;

/// <summary>Why a line is not a well-formed IRC message.</summary>
public enum IrcParseErrorKind
{
    /// <summary>Not an error.</summary>
    None,

    /// <summary>The line is empty.</summary>
    Empty,

    /// <summary>The line holds NUL, CR or LF, which IRC forbids inside a line.</summary>
    ForbiddenCharacter,

    /// <summary>The bytes are not valid UTF-8.</summary>
    NotUtf8,

    /// <summary>The tag section is longer than IRCv3's 8,191 bytes.</summary>
    TagsTooLong,

    /// <summary>Tags or a prefix with no command after them.</summary>
    MissingCommand,

    /// <summary>The prefix after ':' is empty.</summary>
    EmptyPrefix,

    /// <summary>The command is neither letters nor exactly three digits.</summary>
    InvalidCommand,
}

/// <summary>A parse failure: what rule failed and at which byte of the line.</summary>
/// <param name="Kind">The rule that failed.</param>
/// <param name="Position">0-based byte offset in the line where it failed.</param>
public readonly record struct IrcParseError(IrcParseErrorKind Kind, int Position)
{
    /// <summary>A sentence for logs and quarantine records.</summary>
    public string Describe() => Kind switch
    {
        IrcParseErrorKind.None => "no error",
        IrcParseErrorKind.Empty => "empty line",
        IrcParseErrorKind.ForbiddenCharacter => $"NUL, CR or LF inside the line at byte {Position}",
        IrcParseErrorKind.NotUtf8 => $"not valid UTF-8 (byte {Position})",
        IrcParseErrorKind.TagsTooLong => $"tag section longer than {IrcLineParser.MaxTagBytes} bytes",
        IrcParseErrorKind.MissingCommand => $"no command after the tags or prefix (byte {Position})",
        IrcParseErrorKind.EmptyPrefix => $"empty prefix after ':' at byte {Position}",
        IrcParseErrorKind.InvalidCommand => $"command at byte {Position} is neither letters nor three digits",
        _ => Kind.ToString(),
    };
}

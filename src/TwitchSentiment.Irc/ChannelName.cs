namespace TwitchSentiment.Irc;

/// <summary>
/// A Twitch channel: the broadcaster's login, 1 to 25 characters of a-z, 0-9 and '_'. Accepts "#Name" or "name"
/// and keeps the lower-cased login. Anything that could smuggle IRC into a JOIN (space, comma, CR, LF, control
/// characters) is rejected with a message that names it.
/// </summary>
public readonly record struct ChannelName
{
    /// <summary>Twitch logins are at most 25 characters.</summary>
    public const int MaxLength = 25;

    private ChannelName(string login) => Login = login;

    /// <summary>The login, lower case, without '#'.</summary>
    public string Login { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ArgumentException"/> naming the problem.</summary>
    public static ChannelName Parse(string text) =>
        TryParse(text, out ChannelName channel, out string? error) ? channel : throw new ArgumentException(error, nameof(text));

    /// <summary>Parses <paramref name="text"/>; false with a message naming the problem and the fix.</summary>
    public static bool TryParse(string? text, out ChannelName channel, out string? error)
    {
        channel = default;
        string login = text is ['#', .. var rest] ? rest : text ?? string.Empty;
        int bad = login.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
        error = login.Length == 0 ? "a channel name is empty; give the broadcaster's login, e.g. #northernlion"
            : bad >= 0 ? $"the channel name {Excerpts.Of(login)} has {Describe(login[bad])} at position {bad + 1}; a Twitch login has only letters, digits and '_'"
            : login.Length > MaxLength ? $"the channel name {Excerpts.Of(login)} is longer than {MaxLength} characters, the limit for a Twitch login"
            : null;
        if (error is not null)
        {
            return false;
        }

        channel = new ChannelName(login.ToLowerInvariant());
        return true;
    }

    /// <summary>"#login".</summary>
    public override string ToString() => "#" + Login;

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        ',' => "a comma",
        '\r' => "a carriage return",
        '\n' => "a line feed",
        _ when char.IsControl(c) => $"a control character (U+{(int)c:X4})",
        _ => $"'{c}'",
    };
}

using System.Globalization;
using System.Text;

namespace TwitchSentiment.Irc;

/// <summary>Short, escaped excerpts of external input for error messages and quarantine records.</summary>
public static class Excerpts
{
    /// <summary>The longest excerpt, in characters, before "…".</summary>
    public const int MaxLength = 120;

    /// <summary>Quotes <paramref name="text"/> with control characters escaped, cut at <see cref="MaxLength"/>.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder("\"");
        foreach (char c in text.Length > MaxLength ? text.AsSpan(0, MaxLength) : text)
        {
            if (char.IsControl(c) || c == '"' || c == '\\')
            {
                builder.Append(c is '"' or '\\' ? $"\\{c}" : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append(text.Length > MaxLength ? "\"…" : "\"").ToString();
    }

    /// <summary>An excerpt of UTF-8 bytes (invalid sequences shown as U+FFFD).</summary>
    public static string Of(ReadOnlySpan<byte> utf8) =>
        Of(Encoding.UTF8.GetString(utf8.Length > MaxLength * 4 ? utf8[..(MaxLength * 4)] : utf8));
}

using System.Globalization;
using System.Text;

namespace TwitchSentiment.Pipeline;

/// <summary>
/// Builds one compact JSON object per output line. Strings are escaped as Python's
/// <c>json.dumps(ensure_ascii=False)</c> escapes them (quote, backslash, control characters), so emoji and other
/// text stay readable; a lone surrogate, which UTF-8 cannot carry, is written as <c>\uXXXX</c>.
/// </summary>
public sealed class JsonLineWriter
{
    // The first character of the surrogates: it and every character above it are found by IndexOfSpecial.
    private const char FirstSurrogate = '\uD800';

    // The first character above the surrogates: an ordinary character, copied as it is.
    private const char AfterSurrogates = '\uE000';

    private readonly StringBuilder _line = new();
    private bool _firstField = true;

    /// <summary>Starts a new line's object.</summary>
    public void StartObject()
    {
        _line.Clear().Append('{');
        _firstField = true;
    }

    /// <summary>Adds a string field.</summary>
    public void String(string name, string value) => Name(name).AppendQuoted(value);

    /// <summary>Adds an integer field.</summary>
    public void Number(string name, long value) => Name(name)._line.Append(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a string field, or null.</summary>
    public void StringOrNull(string name, string? value)
    {
        if (value is null)
        {
            Raw(name, "null");
        }
        else
        {
            String(name, value);
        }
    }

    /// <summary>Adds an array of strings.</summary>
    public void Strings(string name, IEnumerable<string> values)
    {
        Name(name)._line.Append('[');
        bool first = true;
        foreach (string value in values)
        {
            _line.Append(first ? string.Empty : ",");
            AppendQuoted(value);
            first = false;
        }

        _line.Append(']');
    }

    /// <summary>Adds an object of string fields.</summary>
    public void Object(string name, IEnumerable<KeyValuePair<string, string>> fields)
    {
        Name(name)._line.Append('{');
        bool first = true;
        foreach ((string key, string value) in fields)
        {
            _line.Append(first ? string.Empty : ",");
            AppendQuoted(key);
            _line.Append(':');
            AppendQuoted(value);
            first = false;
        }

        _line.Append('}');
    }

    /// <summary>Adds emotes as an array of {id, start, end, name}.</summary>
    public void Emotes(string name, IEnumerable<Irc.Emote> emotes)
    {
        Name(name)._line.Append('[');
        bool first = true;
        foreach (Irc.Emote emote in emotes)
        {
            _line.Append(first ? "{" : ",{");
            AppendQuoted("id");
            _line.Append(':');
            AppendQuoted(emote.Id);
            _line.Append(CultureInfo.InvariantCulture, $",\"start\":{emote.Start},\"end\":{emote.End},");
            AppendQuoted("name");
            _line.Append(':');
            AppendQuoted(emote.Name);
            _line.Append('}');
            first = false;
        }

        _line.Append(']');
    }

    /// <summary>Writes JSON that is already valid (a number as Python prints it, or a value copied from the input).</summary>
    public void Raw(string name, string json) => Name(name)._line.Append(json);

    /// <summary>Closes the object and returns the line with its '\n'.</summary>
    public string EndObject() => EndObjectBuilder().ToString();

    /// <summary>Closes the object and returns the builder holding the line with its '\n' (valid until the next line).</summary>
    internal StringBuilder EndObjectBuilder() => _line.Append("}\n");

    private JsonLineWriter Name(string name)
    {
        if (!_firstField)
        {
            _line.Append(',');
        }

        _firstField = false;
        AppendQuoted(name);
        _line.Append(':');
        return this;
    }

    private void AppendQuoted(string value)
    {
        _line.Append('"');
        ReadOnlySpan<char> rest = value;
        while (true)
        {
            // Runs of ordinary characters are copied whole; only the rare special character goes one by one.
            int special = IndexOfSpecial(rest);
            if (special < 0)
            {
                _line.Append(rest);
                break;
            }

            _line.Append(rest[..special]);
            char c = rest[special];
            int consumed = 1;
            switch (c)
            {
                case '"':
                    _line.Append("\\\"");
                    break;
                case '\\':
                    _line.Append("\\\\");
                    break;
                case '\n':
                    _line.Append("\\n");
                    break;
                case '\r':
                    _line.Append("\\r");
                    break;
                case '\t':
                    _line.Append("\\t");
                    break;
                case '\b':
                    _line.Append("\\b");
                    break;
                case '\f':
                    _line.Append("\\f");
                    break;
                default:
                    if (c >= AfterSurrogates)
                    {
                        _line.Append(c); // found by the range search, but ordinary
                    }
                    else if (char.IsHighSurrogate(c) && special + 1 < rest.Length && char.IsLowSurrogate(rest[special + 1]))
                    {
                        _line.Append(c).Append(rest[special + 1]); // a pair is an ordinary character (emoji)
                        consumed = 2;
                    }
                    else
                    {
                        _line.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); // a control character or a lone surrogate
                    }

                    break;
            }

            rest = rest[(special + consumed)..];
        }

        _line.Append('"');
    }

    /// <summary>
    /// Where the first character that may not be copied as it is lies (quote, backslash, a control character, a
    /// surrogate, or a character above the surrogates, which the caller copies), or -1. Two vectorized searches: one
    /// <c>SearchValues</c> set of them all needs a byte shuffle that native code built for the baseline x86-64 (the
    /// Lambda functions) runs as a slow library call.
    /// </summary>
    private static int IndexOfSpecial(ReadOnlySpan<char> text)
    {
        int outside = text.IndexOfAnyExceptInRange(' ', (char)(FirstSurrogate - 1));
        int quoteOrBackslash = (outside < 0 ? text : text[..outside]).IndexOfAny('"', '\\');
        return quoteOrBackslash >= 0 ? quoteOrBackslash : outside;
    }
}

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
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
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
                    bool pairedSurrogate = char.IsSurrogate(c) && i + 1 < value.Length && char.IsSurrogatePair(c, value[i + 1]);
                    if (c < 0x20 || (char.IsSurrogate(c) && !pairedSurrogate))
                    {
                        _line.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else if (pairedSurrogate)
                    {
                        _line.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        _line.Append(c);
                    }

                    break;
            }
        }

        _line.Append('"');
    }
}

using System.Globalization;
using System.Text;

namespace TwitchSentiment.Pipeline.Tests;

public sealed class JsonLineWriterTests
{
    [Fact]
    public void Strings_are_escaped_as_pythons_json_dumps_escapes_them_on_random_text()
    {
        // pieces around every boundary the writer's searches look at: quote, backslash, control characters, the last
        // character before the surrogates, pairs, lone halves, and characters above the surrogates
        string[] pieces =
        [
            "a", " ", "\"", "\\", "\u0000", "\u0001", "\n", "\r", "\t", "\b", "\f", "\u001f", "\u007f", "é", "\u2764",
            "\uD7FF", "\uE000", "\uFE0F", "\uFFFF", "😀", "\uD83D", "\uDE00", "long ordinary run of text ",
        ];
        var random = new Random(20261125);
        var writer = new JsonLineWriter();
        for (int i = 0; i < 5000; i++)
        {
            string value = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));

            writer.StartObject();
            writer.String("k", value);

            Assert.Equal("{\"k\":\"" + PythonJsonBody(value) + "\"}\n", writer.EndObject());
        }
    }

    /// <summary>The escaped body of <c>json.dumps(value, ensure_ascii=False)</c>, one character at a time.</summary>
    private static string PythonJsonBody(string value)
    {
        var body = new StringBuilder();
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                body.Append(c).Append(value[++i]);
                continue;
            }

            body.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when c < 0x20 || char.IsSurrogate(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return body.ToString();
    }
}

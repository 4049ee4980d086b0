using System.Text;

namespace TwitchSentiment.Cli;

/// <summary>One labeled chat message of an evaluation file: its line, its label (-1, 0 or 1) and its text.</summary>
internal readonly record struct LabeledMessage(int Line, int Label, string Text);

/// <summary>A row of an evaluation file that could not be used, with the line it starts on and what is wrong.</summary>
internal readonly record struct BadRow(int Line, string Error);

/// <summary>
/// Reads a labeled CSV file (RFC 4180: comma-separated, fields with commas, quotes or line breaks in double quotes,
/// <c>""</c> for a quote inside). The header names the columns; <c>sentiment</c> (or <c>label</c>) holds -1, 0 or 1
/// and <c>message</c> (or <c>text</c>) the chat message; other columns are ignored.
/// </summary>
internal static class LabeledMessages
{
    /// <summary>What <see cref="Decode"/> puts for bytes that are not UTF-8 (a noncharacter, never in a chat message).</summary>
    internal const char NotUtf8 = '\uFFFF';

    private static readonly Encoding MarkingUtf8 = Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(NotUtf8.ToString()));

    private static readonly string[] LabelColumns = ["sentiment", "label"];
    private static readonly string[] TextColumns = ["message", "text"];

    /// <summary>
    /// The file's text. Bytes that are not UTF-8 become <see cref="NotUtf8"/> (and <paramref name="hasInvalidBytes"/>
    /// is set), so that only the rows holding them are left out; a byte order mark at the start is dropped.
    /// </summary>
    internal static string Decode(byte[] bytes, out bool hasInvalidBytes)
    {
        ReadOnlySpan<byte> content = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes;
        hasInvalidBytes = !System.Text.Unicode.Utf8.IsValid(content);
        return (hasInvalidBytes ? MarkingUtf8 : Encoding.UTF8).GetString(content);
    }

    /// <summary>
    /// Reads every row: the good ones as messages and the bad ones with the reason. Null when the header is unusable.
    /// With <paramref name="hasInvalidBytes"/> (from <see cref="Decode"/>), a row holding <see cref="NotUtf8"/> is bad.
    /// </summary>
    internal static (List<LabeledMessage> Messages, List<BadRow> BadRows)? Read(string csv, bool hasInvalidBytes, out string? headerError)
    {
        headerError = null;
        var messages = new List<LabeledMessage>();
        var badRows = new List<BadRow>();
        int labelColumn = -1;
        int textColumn = -1;
        int columnCount = 0;
        bool header = true;
        foreach ((int line, List<string> fields, string? error) in Records(csv))
        {
            if (header)
            {
                header = false;
                columnCount = fields.Count;
                labelColumn = fields.FindIndex(name => LabelColumns.Contains(name.Trim().ToLowerInvariant()));
                textColumn = fields.FindIndex(name => TextColumns.Contains(name.Trim().ToLowerInvariant()));
                if (error is not null || labelColumn < 0 || textColumn < 0)
                {
                    headerError = $"line {line}: the first line must be a header naming a 'sentiment' column (labels -1, 0, 1) " +
                        "and a 'message' column (the chat text)";
                    return null;
                }

                continue;
            }

            if (error is not null)
            {
                badRows.Add(new BadRow(line, error));
            }
            else if (hasInvalidBytes && fields.Any(field => field.Contains(NotUtf8, StringComparison.Ordinal)))
            {
                badRows.Add(new BadRow(line, "not valid UTF-8; save the file as UTF-8"));
            }
            else if (fields.Count != columnCount)
            {
                badRows.Add(new BadRow(line,
                    $"{fields.Count} fields where the header has {columnCount}; put a message that holds a comma in double quotes"));
            }
            else if (fields[labelColumn].Trim() is not ("-1" or "0" or "1"))
            {
                badRows.Add(new BadRow(line, $"the sentiment '{Excerpt(fields[labelColumn])}' is not -1, 0 or 1"));
            }
            else
            {
                messages.Add(new LabeledMessage(line, int.Parse(fields[labelColumn].Trim(), System.Globalization.CultureInfo.InvariantCulture), fields[textColumn]));
            }
        }

        if (header)
        {
            headerError = "the file is empty; it needs a header line naming 'sentiment' and 'message' columns";
            return null;
        }

        return (messages, badRows);
    }

    /// <summary>The records of the file with the line each starts on; empty lines are skipped.</summary>
    private static IEnumerable<(int Line, List<string> Fields, string? Error)> Records(string text)
    {
        int i = 0;
        int line = 1;
        var field = new StringBuilder();
        while (i < text.Length)
        {
            int startLine = line;
            int rowStart = i;
            var fields = new List<string>();
            string? error = null;
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    bool closed = false;
                    int quoteLine = line;
                    while (i < text.Length)
                    {
                        char c = text[i++];
                        if (c == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }

                            closed = true;
                            break;
                        }

                        line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }

                    if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    bool strayQuote = !closed || (line > quoteLine && i < text.Length && text[i] is not (',' or '\n'));
                    if (strayQuote)
                    {
                        // a quote never closed, or closed by the opening quote of a later row (text follows it): the row
                        // is bad, and reading starts again on its next line, so one stray quote costs one row, not the
                        // rows it ran over
                        error = "a quoted field is never closed; add the missing '\"' (the rows after it were read from the next line on)";
                        int next = text.IndexOf('\n', rowStart);
                        i = next < 0 ? text.Length : next + 1;
                        line = startLine + 1;
                        break;
                    }

                    if (i < text.Length && text[i] is not (',' or '\n'))
                    {
                        error ??= "text after the closing quote of a field; write a quote inside a quoted field as \"\"";
                        while (i < text.Length && text[i] is not (',' or '\n'))
                        {
                            i++;
                        }
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\n'))
                    {
                        field.Append(text[i++]);
                    }

                    if (field.Length > 0 && field[^1] == '\r' && (i == text.Length || text[i] == '\n'))
                    {
                        field.Length--;
                    }
                }

                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                if (i < text.Length)
                {
                    i++; // the '\n' that ends the record
                    line++;
                }

                break;
            }

            if (fields.Count == 1 && fields[0].Length == 0 && error is null)
            {
                continue;
            }

            yield return (startLine, fields, error);
        }
    }

    private static string Excerpt(string text) => text.Length <= 20 ? text : string.Concat(text.AsSpan(0, 20), "…");
}

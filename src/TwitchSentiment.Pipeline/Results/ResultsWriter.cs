using System.Buffers;
using System.Text;
using TwitchSentiment.Sentiment.PythonCompat;

namespace TwitchSentiment.Pipeline.Results;

/// <summary>
/// Writes result rows as CSV (RFC 4180: UTF-8 without BOM, CRLF line ends, the header row, fields quoted when they
/// hold a comma, quote, CR or LF) and as JSON Lines with the same field names. Scores are written as
/// <c>twitch-sentiment score</c> prints them (Python's repr of the float); a missing value is an empty CSV field and
/// JSON null. The same rows always give the same bytes.
/// </summary>
public sealed class ResultsWriter : IDisposable
{
    private readonly Stream _csv;
    private readonly Stream _jsonl;
    private readonly RowFormatter _formatter = new();
    private readonly ArrayBufferWriter<byte> _csvRow = new(1024), _jsonRow = new(1024);

    /// <summary>Writes to the two streams (left open on dispose) and writes the CSV header row.</summary>
    public ResultsWriter(Stream csv, Stream jsonl)
    {
        _csv = csv ?? throw new ArgumentNullException(nameof(csv));
        _jsonl = jsonl ?? throw new ArgumentNullException(nameof(jsonl));
        _csv.Write(Encoding.UTF8.GetBytes(string.Join(',', ResultRow.Columns) + "\r\n"));
    }

    /// <summary>Rows written.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one row to both outputs.</summary>
    public void Write(ResultRow row)
    {
        _csvRow.ResetWrittenCount();
        _jsonRow.ResetWrittenCount();
        _formatter.Format(row, _csvRow, _jsonRow);
        WriteFormatted(_csvRow.WrittenSpan, _jsonRow.WrittenSpan, 1);
    }

    /// <summary>Flushes both outputs.</summary>
    public void Flush()
    {
        _csv.Flush();
        _jsonl.Flush();
    }

    /// <summary>Flushes; the streams stay open.</summary>
    public void Dispose() => Flush();

    /// <summary>Writes rows already formatted by a <see cref="RowFormatter"/> (on another thread).</summary>
    internal void WriteFormatted(ReadOnlySpan<byte> csv, ReadOnlySpan<byte> jsonl, int rows)
    {
        _csv.Write(csv);
        _jsonl.Write(jsonl);
        Rows += rows;
    }
}

/// <summary>Formats rows into CSV and JSON Lines bytes. One per thread.</summary>
internal sealed class RowFormatter
{
    private readonly JsonLineWriter _json = new();
    private readonly StringBuilder _csv = new();
    private readonly string[] _fields = new string[13];

    internal void Format(ResultRow row, IBufferWriter<byte> csv, IBufferWriter<byte> jsonl)
    {
        _fields[0] = row.Channel;
        _fields[1] = row.MessageId ?? string.Empty;
        _fields[2] = row.SentAt is DateTimeOffset sent ? ResultRow.FormatTime(sent) : string.Empty;
        _fields[3] = ResultRow.FormatTime(row.ReceivedAt);
        _fields[4] = row.UserId ?? string.Empty;
        _fields[5] = row.UserLogin;
        _fields[6] = row.DisplayName ?? string.Empty;
        _fields[7] = row.Text;
        _fields[8] = PythonFloat.Repr(row.Scores.Neg);
        _fields[9] = PythonFloat.Repr(row.Scores.Neu);
        _fields[10] = PythonFloat.Repr(row.Scores.Pos);
        _fields[11] = PythonFloat.Repr(row.Scores.Compound);
        _fields[12] = PythonFloat.Repr(row.TwitchCompound);
        _csv.Clear();
        for (int i = 0; i < _fields.Length; i++)
        {
            if (i > 0)
            {
                _csv.Append(',');
            }

            AppendCsvField(_fields[i]);
        }

        _csv.Append("\r\n");
        Encode(_csv, csv);

        _json.StartObject();
        _json.String("channel", row.Channel);
        _json.StringOrNull("message_id", row.MessageId);
        _json.StringOrNull("sent_at", row.SentAt is null ? null : _fields[2]);
        _json.String("received_at", _fields[3]);
        _json.StringOrNull("user_id", row.UserId);
        _json.String("user_login", row.UserLogin);
        _json.StringOrNull("display_name", row.DisplayName);
        _json.String("text", row.Text);
        _json.Raw("neg", _fields[8]);
        _json.Raw("neu", _fields[9]);
        _json.Raw("pos", _fields[10]);
        _json.Raw("compound", _fields[11]);
        _json.Raw("twitch_compound", _fields[12]);
        Encode(_json.EndObjectBuilder(), jsonl);
    }

    private static void Encode(StringBuilder text, IBufferWriter<byte> output)
    {
        // Copied out whole first: encoding chunk by chunk could split a surrogate pair.
        char[] chars = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            text.CopyTo(0, chars, 0, text.Length);
            Span<byte> span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            output.Advance(Encoding.UTF8.GetBytes(chars.AsSpan(0, text.Length), span));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private void AppendCsvField(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _csv.Append(value);
            return;
        }

        _csv.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}

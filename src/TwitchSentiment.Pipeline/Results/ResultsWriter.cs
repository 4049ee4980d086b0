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
    private readonly StreamWriter _csv;
    private readonly Stream _jsonl;
    private readonly JsonLineWriter _json = new();
    private readonly string[] _fields = new string[12];

    /// <summary>Writes to the two streams (left open on dispose) and writes the CSV header row.</summary>
    public ResultsWriter(Stream csv, Stream jsonl)
    {
        _csv = new StreamWriter(csv, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        _jsonl = jsonl;
        _csv.Write(string.Join(',', ResultRow.Columns));
        _csv.Write("\r\n");
    }

    /// <summary>Rows written.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one row to both outputs.</summary>
    public void Write(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
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
        for (int i = 0; i < _fields.Length; i++)
        {
            if (i > 0)
            {
                _csv.Write(',');
            }

            WriteCsvField(_fields[i]);
        }

        _csv.Write("\r\n");

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
        string line = _json.EndObject();
        Span<byte> buffer = line.Length <= 1024 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(line.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(line.Length)];
        _jsonl.Write(buffer[..Encoding.UTF8.GetBytes(line, buffer)]);
        Rows++;
    }

    /// <summary>Flushes both outputs.</summary>
    public void Flush()
    {
        _csv.Flush();
        _jsonl.Flush();
    }

    /// <summary>Flushes; the streams stay open.</summary>
    public void Dispose()
    {
        Flush();
        _csv.Dispose();
    }

    private void WriteCsvField(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _csv.Write(value);
            return;
        }

        _csv.Write('"');
        _csv.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _csv.Write('"');
    }
}

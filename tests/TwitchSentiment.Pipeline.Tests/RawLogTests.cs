using System.IO.Compression;
using System.Text;
using TwitchSentiment.Pipeline.RawLogs;

namespace TwitchSentiment.Pipeline.Tests;

public sealed class RawLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    private static byte[] Line(int i) => Encoding.UTF8.GetBytes($"@id=m{i} :u{i}!u{i}@u{i}.tmi.twitch.tv PRIVMSG #chan :message number {i} Kappa");

    /// <summary>Writes <paramref name="count"/> lines in members of about <paramref name="memberBytes"/> bytes.</summary>
    private static byte[] Log(int count, int memberBytes = 1 << 16)
    {
        using var output = new MemoryStream();
        using (var writer = new RawLogWriter(output) { MemberBytes = memberBytes })
        {
            for (int i = 0; i < count; i++)
            {
                writer.WriteLine(T0.AddTicks(i * 12_345), Line(i));
            }
        }

        return output.ToArray();
    }

    private static (List<RawRecord> Records, List<RawLogError> Errors) ReadAll(byte[] log)
    {
        var records = new List<RawRecord>();
        var errors = new List<RawLogError>();
        using var reader = new RawLogReader(new MemoryStream(log));
        RawReadResult result;
        while ((result = reader.Next(out RawRecord record, out RawLogError? error)) != RawReadResult.End)
        {
            if (result == RawReadResult.Record)
            {
                records.Add(record with { Payload = record.Payload.ToArray() });
            }
            else
            {
                errors.Add(error!);
            }
        }

        return (records, errors);
    }

    [Fact]
    public void Lines_round_trip_exactly_with_their_receive_times_including_odd_bytes()
    {
        byte[][] lines = [Line(0), [0xff, 0xfe, (byte)'x'], "a\rb\tc"u8.ToArray(), [], Encoding.UTF8.GetBytes("PRIVMSG #c :😀 ü")];
        using var output = new MemoryStream();
        using (var writer = new RawLogWriter(output))
        {
            for (int i = 0; i < lines.Length; i++)
            {
                writer.WriteLine(T0.AddTicks(i + 1), lines[i]);
            }

            writer.WriteEvent(T0.AddSeconds(1), new CaptureEvent(CaptureEvent.End, Reason: "duration"));
        }

        (List<RawRecord> records, List<RawLogError> errors) = ReadAll(output.ToArray());

        Assert.Empty(errors);
        Assert.Equal(lines.Length + 1, records.Count);
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.Equal(lines[i], records[i].Payload.ToArray());
            Assert.Equal(T0.AddTicks(i + 1).UtcDateTime, records[i].ReceivedAt);
            Assert.Equal(i, records[i].Index);
        }

        Assert.Equal(RawLogFormat.EventKind, records[^1].Kind);
        Assert.Equal("duration", CaptureEvent.TryParse(records[^1].Payload.Span)!.Reason);
    }

    [Fact]
    public void A_raw_log_is_plain_gzip_that_any_gzip_reader_reads_as_one_text()
    {
        byte[] log = Log(3000, memberBytes: 4096);

        using var gzip = new GZipStream(new MemoryStream(log), CompressionMode.Decompress);
        string[] text = new StreamReader(gzip).ReadToEnd().Split('\n');

        Assert.Equal(3001, text.Length); // 3000 records and the empty string after the last newline
        Assert.Equal($"2026-11-24T20:00:00.1234500Z < {Encoding.UTF8.GetString(Line(100))}", text[100]);
    }

    [Fact]
    public void A_damaged_member_loses_only_its_own_records_and_says_how_many()
    {
        byte[] log = Log(3000, memberBytes: 4096);
        int second = IndexOfMember(log, 1);
        log[second + RawLogFormat.MemberHeaderLength + 40] ^= 0x5a; // flip bits inside the second member's deflate data

        (List<RawRecord> records, List<RawLogError> errors) = ReadAll(log);

        RawLogError damage = Assert.Single(errors);
        Assert.Equal("damaged-member", damage.Reason);
        Assert.Equal(3000, records.Count + damage.LostRecords);
        Assert.InRange(damage.LostRecords, 1, 100);
        long[] missing = [.. Enumerable.Range(0, 3000).Select(i => (long)i).Except(records.Select(r => r.Index))];
        Assert.Equal(Enumerable.Range((int)damage.RecordIndex!, (int)damage.LostRecords).Select(i => (long)i), missing);
        AssertLinesAreTheOriginals(records);
    }

    [Fact]
    public void Garbage_between_members_is_skipped_and_reading_resumes_at_the_next_member()
    {
        byte[] log = Log(2000, memberBytes: 4096);
        int second = IndexOfMember(log, 1);
        byte[] garbage = Enumerable.Repeat((byte)0x42, 1000).ToArray();
        byte[] spliced = [.. log[..second], .. garbage, .. log[second..]];

        (List<RawRecord> records, List<RawLogError> errors) = ReadAll(spliced);

        Assert.Equal("damaged-data", Assert.Single(errors).Reason);
        Assert.Equal(2000, records.Count);
        AssertLinesAreTheOriginals(records);
    }

    [Fact]
    public void A_log_cut_off_mid_member_keeps_every_complete_record_before_the_cut()
    {
        byte[] log = Log(2000, memberBytes: 1 << 20); // one member
        byte[] cut = log[..(log.Length * 2 / 3)];

        (List<RawRecord> records, List<RawLogError> errors) = ReadAll(cut);

        RawLogError truncated = Assert.Single(errors);
        Assert.Equal("truncated", truncated.Reason);
        Assert.InRange(records.Count, 1000, 1999);
        Assert.Equal(2000, records.Count + truncated.LostRecords);
        AssertLinesAreTheOriginals(records);
    }

    [Fact]
    public void A_missing_member_is_reported_as_missing_records()
    {
        byte[] log = Log(2000, memberBytes: 4096);
        int second = IndexOfMember(log, 1), third = IndexOfMember(log, 2);
        byte[] without = [.. log[..second], .. log[third..]];

        (List<RawRecord> records, List<RawLogError> errors) = ReadAll(without);

        RawLogError missing = Assert.Single(errors);
        Assert.Equal("missing-records", missing.Reason);
        Assert.Equal(2000, records.Count + missing.LostRecords);
        AssertLinesAreTheOriginals(records);
    }

    [Fact]
    public void A_file_that_is_not_gzip_is_one_clear_error_not_an_exception()
    {
        (List<RawRecord> records, List<RawLogError> errors) = ReadAll("this is not a raw log\n"u8.ToArray());

        Assert.Empty(records);
        Assert.Equal("not-gzip", errors[0].Reason);
        Assert.Contains("raw log", errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_error_not_a_log_without_chat()
    {
        (List<RawRecord> records, List<RawLogError> errors) = ReadAll([]);

        Assert.Empty(records);
        Assert.Equal("empty", Assert.Single(errors).Reason);
    }

    [Fact]
    public void A_plain_gzip_of_records_is_read_and_its_malformed_records_are_reported_in_place()
    {
        string text = "2026-11-24T20:00:00.0000000Z < PING :x\nnot a record\n2026-11-24T20:00:01.0000000Z < PING :y\n";
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        (List<RawRecord> records, List<RawLogError> errors) = ReadAll(output.ToArray());

        Assert.Equal(["PING :x", "PING :y"], records.Select(r => Encoding.UTF8.GetString(r.Payload.Span)));
        RawLogError malformed = Assert.Single(errors);
        Assert.Equal(("malformed-record", 1L), (malformed.Reason, malformed.RecordIndex));
    }

    [Fact]
    public void A_plain_gzip_whose_lines_gained_windows_line_ends_reads_as_the_original()
    {
        // an edited log packed again on Windows: every record ends in CR LF, the last one too
        string text = "2026-11-24T20:00:00.0000000Z < PING :x\r\n2026-11-24T20:00:01.0000000Z * {\"event\":\"end\"}\r\n" +
            "2026-11-24T20:00:02.0000000Z < PRIVMSG #c :hi\r\n";
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        (List<RawRecord> records, List<RawLogError> errors) = ReadAll(output.ToArray());

        Assert.Empty(errors);
        Assert.Equal(["PING :x", "{\"event\":\"end\"}", "PRIVMSG #c :hi"], records.Select(r => Encoding.UTF8.GetString(r.Payload.Span)));
    }

    [Fact]
    public void A_line_ending_in_a_carriage_return_round_trips_in_our_own_parts()
    {
        byte[] line = "PRIVMSG #c :odd\r"u8.ToArray();
        using var output = new MemoryStream();
        using (var writer = new RawLogWriter(output))
        {
            writer.WriteLine(T0, line);
        }

        (List<RawRecord> records, _) = ReadAll(output.ToArray());

        Assert.Equal(line, Assert.Single(records).Payload.ToArray());
    }

    [Theory]
    [InlineData("2026-11-24T20:00:00.1234567Z", true)]
    [InlineData("2024-02-29T23:59:59.9999999Z", true)]
    [InlineData("2026-02-29T00:00:00.0000000Z", false)]
    [InlineData("2026-13-01T00:00:00.0000000Z", false)]
    [InlineData("2026-11-24T24:00:00.0000000Z", false)]
    [InlineData("2026-11-24T20:00:00.123456xZ", false)]
    [InlineData("2026-11-24 20:00:00.1234567Z", false)]
    [InlineData("0000-11-24T20:00:00.1234567Z", false)]
    public void Record_times_are_read_exactly_as_written_and_anything_else_is_refused(string text, bool valid)
    {
        bool parsed = RawLogFormat.TryParseTime(Encoding.ASCII.GetBytes(text), out DateTime time);

        Assert.Equal(valid, parsed);
        if (valid)
        {
            Span<byte> written = stackalloc byte[RawLogFormat.TimeLength];
            RawLogFormat.FormatTime(new DateTimeOffset(time), written);
            Assert.Equal(text, Encoding.ASCII.GetString(written));
            Assert.Equal(DateTimeKind.Utc, time.Kind);
        }
    }

    private static void AssertLinesAreTheOriginals(List<RawRecord> records)
    {
        foreach (RawRecord record in records)
        {
            Assert.Equal(Line((int)record.Index), record.Payload.ToArray());
            Assert.Equal(T0.AddTicks(record.Index * 12_345).UtcDateTime, record.ReceivedAt);
        }
    }

    private static int IndexOfMember(byte[] log, int n)
    {
        int at = -1;
        for (int i = 0; i <= n; i++)
        {
            at = log.AsSpan(at + 1).IndexOf(RawLogFormat.MemberHeaderStart) + at + 1;
        }

        return at;
    }
}

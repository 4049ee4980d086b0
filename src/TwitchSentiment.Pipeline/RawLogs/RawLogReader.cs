using System.Buffers.Binary;
using System.IO.Compression;

namespace TwitchSentiment.Pipeline.RawLogs;

/// <summary>One record of a raw log. <see cref="Payload"/> is valid until the reader's next call.</summary>
/// <param name="Index">The record's position in the log (0-based), counting lost records.</param>
/// <param name="ReceivedAt">When it was received (UTC).</param>
/// <param name="Kind"><see cref="RawLogFormat.LineKind"/>, <see cref="RawLogFormat.IncompleteLineKind"/> or <see cref="RawLogFormat.EventKind"/>.</param>
/// <param name="Payload">The line's exact bytes, or the event's JSON.</param>
public readonly record struct RawRecord(long Index, DateTime ReceivedAt, byte Kind, ReadOnlyMemory<byte> Payload);

/// <summary>A part of a raw log that could not be read; the reader goes on after it.</summary>
/// <param name="Reason">A short stable name: <c>malformed-record</c>, <c>damaged-member</c>, <c>truncated</c>,
/// <c>missing-records</c>, <c>damaged-data</c>, <c>not-gzip</c>, <c>empty</c>.</param>
/// <param name="ByteOffset">Where in the (compressed) file.</param>
/// <param name="RecordIndex">The first record concerned, when known.</param>
/// <param name="LostRecords">Records lost to it (0 when unknown or none).</param>
/// <param name="Detail">What happened, for people.</param>
public sealed record RawLogError(string Reason, long ByteOffset, long? RecordIndex, long LostRecords, string Detail);

/// <summary>What <see cref="RawLogReader.Next"/> found.</summary>
public enum RawReadResult
{
    /// <summary>A record.</summary>
    Record,

    /// <summary>A part that could not be read (reading goes on).</summary>
    Error,

    /// <summary>The end of the log.</summary>
    End,
}

/// <summary>
/// Reads a raw log record by record with bounded memory (one member at a time). Damage never stops it: a member
/// that does not inflate is reported with the records it held and reading resumes at the next member; a log cut
/// off mid-member keeps every complete record before the cut. Plain gzip files of records (without our member
/// headers) are read too, as far as they inflate.
/// </summary>
public sealed class RawLogReader : IDisposable
{
    private const int MaxMemberBytes = 64 << 20;
    private readonly Stream _input;
    private readonly Queue<RawLogError> _errors = new();
    private byte[] _data = new byte[1 << 17];
    private int _dataLength;
    private int _position;
    private long _nextIndex;
    private GZipStream? _plainGzip;
    private bool _ended;

    /// <summary>Reads from <paramref name="input"/>, which must be seekable (a file); it is left open.</summary>
    public RawLogReader(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.CanSeek)
        {
            throw new ArgumentException("The raw log stream must be seekable; copy it to a file first.", nameof(input));
        }

        _input = input;
    }

    /// <summary>Records lost to damage so far.</summary>
    public long LostRecords { get; private set; }

    /// <summary>Reads the next record or error.</summary>
    public RawReadResult Next(out RawRecord record, out RawLogError? error)
    {
        record = default;
        while (true)
        {
            if (_errors.TryDequeue(out error))
            {
                return RawReadResult.Error;
            }

            int newline = _data.AsSpan(_position, _dataLength - _position).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int start = _position;
                _position += newline + 1;
                long index = _nextIndex++;

                // a log that was unpacked and packed again may have gained Windows line ends on the way; our own parts
                // (checked by their CRC) are read byte for byte
                int length = _plainGzip is not null && newline > 0 && _data[start + newline - 1] == '\r' ? newline - 1 : newline;
                if (TryParseRecord(_data.AsMemory(start, length), index, out record))
                {
                    return RawReadResult.Record;
                }

                error = new RawLogError(
                    "malformed-record", _input.Position, index, 0,
                    $"line {index + 1} is not '<time> <kind> <payload>': {Irc.Excerpts.Of(_data.AsSpan(start, length))}");
                return RawReadResult.Error;
            }

            if (_ended)
            {
                return RawReadResult.End;
            }

            // Keep a partial record (only a plain gzip stream splits records across reads) and load more.
            int keep = _dataLength - _position;
            _data.AsSpan(_position, keep).CopyTo(_data);
            _dataLength = keep;
            _position = 0;
            if (_plainGzip is not null)
            {
                ReadPlainGzip();
            }
            else
            {
                LoadMember();
            }
        }
    }

    /// <summary>Nothing to release but the plain-gzip inflater; the input stays open.</summary>
    public void Dispose() => _plainGzip?.Dispose();

    private static bool TryParseRecord(ReadOnlyMemory<byte> line, long index, out RawRecord record)
    {
        ReadOnlySpan<byte> span = line.Span;
        record = default;
        if (span.Length < RawLogFormat.PayloadOffset || span[RawLogFormat.TimeLength] != ' ' || span[RawLogFormat.TimeLength + 2] != ' ')
        {
            return false;
        }

        byte kind = span[RawLogFormat.TimeLength + 1];
        if ((kind != RawLogFormat.LineKind && kind != RawLogFormat.EventKind && kind != RawLogFormat.IncompleteLineKind) ||
            !RawLogFormat.TryParseTime(span[..RawLogFormat.TimeLength], out DateTime time))
        {
            return false;
        }

        record = new RawRecord(index, time, kind, line[RawLogFormat.PayloadOffset..]);
        return true;
    }

    private void LoadMember()
    {
        long offset = _input.Position;
        Span<byte> header = stackalloc byte[RawLogFormat.MemberHeaderLength];
        int got = _input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            if (offset == 0)
            {
                // a capture writes its start event at once, so an empty file is one that lost even that
                _errors.Enqueue(new RawLogError("empty", 0, null, 0, "the file is empty: no record was ever written to it (was the capture stopped before its first write, or the file cut?)"));
            }

            _ended = true;
            return;
        }

        if (got >= 2 && header[0] == 0x1f && header[1] == 0x8b && (got < 16 || !header[..16].SequenceEqual(RawLogFormat.MemberHeaderStart)))
        {
            // A gzip member without our header (the file was re-compressed, or written by another tool): inflate as a stream.
            _input.Position = offset;
            _plainGzip = new GZipStream(_input, CompressionMode.Decompress, leaveOpen: true);
            return;
        }

        if (got < header.Length || !header[..16].SequenceEqual(RawLogFormat.MemberHeaderStart))
        {
            string what = offset == 0 ? "not-gzip" : (got < header.Length ? "truncated" : "damaged-data");
            _errors.Enqueue(new RawLogError(what, offset, _nextIndex, 0, offset == 0
                ? "the file does not start like a gzip file; is it a raw log (.log.gz)?"
                : $"unreadable bytes at offset {offset}; looking for the next intact part"));
            Resync(offset + 1);
            return;
        }

        long first = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        int records = BinaryPrimitives.ReadInt32LittleEndian(header[24..]);
        int compressedLength = BinaryPrimitives.ReadInt32LittleEndian(header[28..]);
        if (first < 0 || records <= 0 || compressedLength <= 0 || compressedLength > MaxMemberBytes)
        {
            _errors.Enqueue(new RawLogError("damaged-data", offset, _nextIndex, 0, $"a damaged part header at offset {offset}"));
            Resync(offset + 1);
            return;
        }

        byte[] compressed = System.Buffers.ArrayPool<byte>.Shared.Rent(compressedLength + 8);
        try
        {
            int read = _input.ReadAtLeast(compressed.AsSpan(0, compressedLength + 8), compressedLength + 8, throwOnEndOfStream: false);
            NoteMissing(first, offset);
            if (read < compressedLength + 8)
            {
                SalvageTruncated(compressed, read, first, records, offset);
                _ended = true;
                return;
            }

            int size = BinaryPrimitives.ReadInt32LittleEndian(compressed.AsSpan(compressedLength + 4));
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(compressedLength));
            if (size < 0 || size > MaxMemberBytes || !TryInflate(compressed, compressedLength, size, out int length) ||
                System.IO.Hashing.Crc32.HashToUInt32(_data.AsSpan(0, length)) != crc || CountLines(_data.AsSpan(0, length)) != records)
            {
                _dataLength = 0;
                Lose(first, records, offset, "damaged-member", $"a damaged part at offset {offset} (its checksum or length is wrong)");
                return;
            }

            _dataLength = length;
            _nextIndex = first;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    private void NoteMissing(long first, long offset)
    {
        if (first > _nextIndex)
        {
            Lose(_nextIndex, first - _nextIndex, offset, "missing-records", $"records {_nextIndex} to {first - 1} are missing before offset {offset}");
        }
    }

    private void Lose(long first, long count, long offset, string reason, string detail)
    {
        _errors.Enqueue(new RawLogError(reason, offset, first, count, detail));
        LostRecords += count;
        _nextIndex = Math.Max(_nextIndex, first + count);
    }

    private bool TryInflate(byte[] compressed, int compressedLength, int size, out int length)
    {
        EnsureData(size + 1);
        length = 0;
        try
        {
            using var source = new MemoryStream(compressed, 0, compressedLength, writable: false);
            using var inflate = new DeflateStream(source, CompressionMode.Decompress);
            length = inflate.ReadAtLeast(_data.AsSpan(0, size + 1), size + 1, throwOnEndOfStream: false);
            return length == size;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private void SalvageTruncated(byte[] compressed, int compressedLength, long first, int records, long offset)
    {
        // Inflate what is there and keep every complete record.
        EnsureData(MaxMemberBytes / 16);
        int length = 0;
        try
        {
            using var source = new MemoryStream(compressed, 0, compressedLength, writable: false);
            using var inflate = new DeflateStream(source, CompressionMode.Decompress);
            int read;
            while ((read = inflate.Read(_data.AsSpan(length))) > 0)
            {
                length += read;
                EnsureData(length + 4096);
            }
        }
        catch (InvalidDataException)
        {
            // The cut usually lands mid-block: keep what inflated.
        }

        int complete = _data.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
        int kept = CountLines(_data.AsSpan(0, complete));
        _dataLength = complete;
        _nextIndex = first;
        _errors.Enqueue(new RawLogError(
            "truncated", offset, first + kept, records - kept,
            $"the log is cut off at offset {offset + RawLogFormat.MemberHeaderLength + compressedLength}: {records - kept} of the last part's {records} records are lost (was the capture interrupted?)"));
        LostRecords += records - kept;
    }

    private void ReadPlainGzip()
    {
        EnsureData(_dataLength + (1 << 16));
        try
        {
            int read = _plainGzip!.Read(_data.AsSpan(_dataLength));
            if (read == 0)
            {
                _ended = true;
            }

            _dataLength += read;
        }
        catch (InvalidDataException error)
        {
            _errors.Enqueue(new RawLogError("damaged-data", _input.Position, _nextIndex, 0, $"the gzip data is damaged ({error.Message}); the rest of the file cannot be read"));
            _ended = true;
        }

        if (_ended && _dataLength > _position && _data[_dataLength - 1] != '\n')
        {
            // A last record without its newline: cut off.
            _errors.Enqueue(new RawLogError("truncated", _input.Position, _nextIndex, 1, "the last record is cut off"));
            LostRecords++;
            _dataLength = _position + _data.AsSpan(_position, _dataLength - _position).LastIndexOf((byte)'\n') + 1;
        }
    }

    private void Resync(long from)
    {
        // Scan for the next member header; members start at record boundaries, so reading resumes cleanly.
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            ReadOnlySpan<byte> magic = RawLogFormat.MemberHeaderStart;
            long position = from;
            while (true)
            {
                _input.Position = position;
                int read = _input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                int found = buffer.AsSpan(0, read).IndexOf(magic);
                if (found >= 0)
                {
                    _input.Position = position + found;
                    return;
                }

                if (read < buffer.Length)
                {
                    _ended = true;
                    return;
                }

                position += read - magic.Length + 1;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int CountLines(ReadOnlySpan<byte> data) => System.MemoryExtensions.Count(data, (byte)'\n');

    private void EnsureData(int size)
    {
        if (_data.Length < size)
        {
            Array.Resize(ref _data, Math.Max(size, _data.Length * 2));
        }
    }
}

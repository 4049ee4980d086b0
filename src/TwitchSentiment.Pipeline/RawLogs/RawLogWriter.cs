using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace TwitchSentiment.Pipeline.RawLogs;

/// <summary>
/// Writes a raw log (<see cref="RawLogFormat"/>) to a stream: records are gathered in memory and written as one gzip
/// member when <see cref="MemberBytes"/> of them are pending or on <see cref="Flush"/>, so memory stays bounded for any
/// duration and a crash loses at most the pending member. Not thread-safe: one writer per log.
/// </summary>
public sealed class RawLogWriter : IDisposable
{
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _pending = new(1 << 16);
    private readonly MemoryStream _compressed = new();
    private readonly byte[] _header = new byte[RawLogFormat.MemberHeaderLength];
    private long _flushedRecords;
    private int _pendingRecords;

    /// <summary>Starts a log on <paramref name="output"/> (left open on dispose).</summary>
    public RawLogWriter(Stream output) => _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Uncompressed bytes that make a member (default 64 KiB).</summary>
    public int MemberBytes { get; init; } = 1 << 16;

    /// <summary>Records written so far (pending ones included).</summary>
    public long Records => _flushedRecords + _pendingRecords;

    /// <summary>When the first pending record was added (null when nothing is pending), for time-based flushing.</summary>
    public DateTimeOffset? PendingSince { get; private set; }

    /// <summary>
    /// Adds a line received from the chat server, exactly as received (without CR LF); with <paramref name="incomplete"/>
    /// as a line that arrived cut (<see cref="RawLogFormat.IncompleteLineKind"/>).
    /// </summary>
    public void WriteLine(DateTimeOffset receivedAt, ReadOnlySpan<byte> line, bool incomplete = false)
    {
        if (line.Contains((byte)'\n'))
        {
            // A line never holds LF (the transport splits on it); a lone CR is kept as it came.
            throw new ArgumentException("A received line cannot contain LF.", nameof(line));
        }

        Append(receivedAt, incomplete ? RawLogFormat.IncompleteLineKind : RawLogFormat.LineKind, line);
    }

    /// <summary>Adds a capture event.</summary>
    public void WriteEvent(DateTimeOffset at, CaptureEvent captureEvent)
    {
        ArgumentNullException.ThrowIfNull(captureEvent);
        Append(at, RawLogFormat.EventKind, Encoding.UTF8.GetBytes(captureEvent.ToJson()));
    }

    /// <summary>Writes the pending records as a gzip member and flushes the stream.</summary>
    public void Flush()
    {
        if (_pendingRecords > 0)
        {
            WriteMember();
        }

        _output.Flush();
    }

    /// <summary>Flushes the pending records.</summary>
    public void Dispose()
    {
        Flush();
        _compressed.Dispose();
    }

    private void Append(DateTimeOffset at, byte kind, ReadOnlySpan<byte> payload)
    {
        Span<byte> record = _pending.GetSpan(RawLogFormat.PayloadOffset + payload.Length + 1);
        RawLogFormat.FormatTime(at, record);
        record[RawLogFormat.TimeLength] = (byte)' ';
        record[RawLogFormat.TimeLength + 1] = kind;
        record[RawLogFormat.TimeLength + 2] = (byte)' ';
        payload.CopyTo(record[RawLogFormat.PayloadOffset..]);
        record[RawLogFormat.PayloadOffset + payload.Length] = (byte)'\n';
        _pending.Advance(RawLogFormat.PayloadOffset + payload.Length + 1);
        PendingSince ??= at;
        if (++_pendingRecords > 0 && _pending.WrittenCount >= MemberBytes)
        {
            WriteMember();
        }
    }

    private void WriteMember()
    {
        _compressed.SetLength(0);
        using (var deflate = new DeflateStream(_compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(_pending.WrittenSpan);
        }

        int compressedLength = checked((int)_compressed.Length);
        RawLogFormat.WriteMemberHeader(_header, _flushedRecords, _pendingRecords, compressedLength);
        _output.Write(_header);
        _output.Write(_compressed.GetBuffer().AsSpan(0, compressedLength));
        Span<byte> trailer = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, System.IO.Hashing.Crc32.HashToUInt32(_pending.WrittenSpan));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(trailer[4..], _pending.WrittenCount);
        _output.Write(trailer);
        _flushedRecords += _pendingRecords;
        _pendingRecords = 0;
        _pending.ResetWrittenCount();
        PendingSince = null;
    }
}

namespace TwitchSentiment.Storage.Tests;

/// <summary>
/// A caller's content stream as the stores meet it at worst: not seekable, no length, short reads, async only. It can
/// stop once at an offset to run a callback (while the put is under way) and then fail, as a broken source would.
/// </summary>
internal sealed class SourceStream(byte[] data, long pauseAt = -1, Func<Task>? atPause = null, Exception? failAtPause = null) : Stream
{
    private const int MaxChunk = 7_001; // odd, so reads never line up with buffer or part sizes

    private long _position;
    private bool _paused;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A source of unknown length.");

    public override long Position
    {
        get => throw new NotSupportedException("A source that cannot seek.");
        set => throw new NotSupportedException("A source that cannot seek.");
    }

    /// <summary>How many bytes the store has read.</summary>
    public long BytesRead => _position;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_paused && pauseAt >= 0 && _position >= pauseAt)
        {
            _paused = true;
            if (atPause is not null)
            {
                await atPause();
            }

            if (failAtPause is not null)
            {
                throw failAtPause;
            }
        }

        long end = !_paused && pauseAt >= 0 ? pauseAt : data.Length;
        int count = (int)Math.Min(Math.Min(buffer.Length, end - _position), MaxChunk);
        data.AsSpan((int)_position, count).CopyTo(buffer.Span);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The stores read asynchronously; a synchronous read would block a thread.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Holds each of <paramref name="parties"/> callers until all have arrived, so racing operations really overlap.</summary>
internal sealed class Rendezvous(int parties)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public async Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) == parties)
        {
            _all.SetResult();
        }

        await _all.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the racing puts reach their end of data within seconds
    }
}

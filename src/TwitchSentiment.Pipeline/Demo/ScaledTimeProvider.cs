namespace TwitchSentiment.Pipeline.Demo;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than real time from <see cref="Start"/>: the demo plays six
/// minutes of sample chat in seconds, and capturing on this clock gives receive times, coverage and a per-minute
/// timeline that span the six minutes, as a real capture of that chat would.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly long _realStart = System.GetTimestamp();

    /// <summary>A clock reading <paramref name="start"/> now and running <paramref name="speed"/> times faster.</summary>
    public ScaledTimeProvider(DateTimeOffset start, double speed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1);
        Start = start;
        Speed = speed;
    }

    /// <summary>What the clock read when created.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>How much faster than real time it runs.</summary>
    public double Speed { get; }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => Start + Elapsed(System.GetTimestamp());

    /// <inheritdoc/>
    public override long GetTimestamp() => _realStart + (long)((System.GetTimestamp() - _realStart) * Speed);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Elapsed(long now) => System.GetElapsedTime(_realStart, now) * Speed;

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / Speed;
}

namespace TwitchSentiment.Irc.Internal;

/// <summary>
/// At most <c>permits</c> JOINs in any <c>window</c> (Twitch: 20 per 10 s per account), shared by every
/// connection of one client. Waits on the given <see cref="TimeProvider"/>, so tests run on a fake clock.
/// </summary>
internal sealed class JoinRateLimiter(int permits, TimeSpan window, TimeProvider timeProvider)
{
    private readonly Queue<long> _recent = new(); // timestamps of the last JOINs, oldest first
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits until one more JOIN fits in the window, then counts it.</summary>
    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                long now = timeProvider.GetTimestamp();
                while (_recent.Count > 0 && timeProvider.GetElapsedTime(_recent.Peek(), now) >= window)
                {
                    _recent.Dequeue();
                }

                if (_recent.Count < permits)
                {
                    _recent.Enqueue(now);
                    return;
                }

                TimeSpan wait = window - timeProvider.GetElapsedTime(_recent.Peek(), now);
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

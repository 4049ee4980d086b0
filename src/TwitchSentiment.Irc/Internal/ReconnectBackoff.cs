namespace TwitchSentiment.Irc.Internal;

/// <summary>
/// Delay before reconnect attempt n after a failure: 0 for the first, then base·2^(n-2) capped at max, each
/// scaled by a random factor in [0.5, 1] so many clients do not reconnect in step (TWITCH_IRC.md §9).
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Random random)
{
    internal TimeSpan Delay(int attempt)
    {
        if (attempt <= 1)
        {
            return TimeSpan.Zero;
        }

        double exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 2, 30));
        double capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (random.NextDouble() * 0.5)));
    }
}

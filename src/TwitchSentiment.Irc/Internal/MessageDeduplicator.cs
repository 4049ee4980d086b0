namespace TwitchSentiment.Irc.Internal;

/// <summary>
/// Remembers the last <c>capacity</c> message ids, so a message delivered twice (two connections overlapping
/// during a reconnect, or a replay) reaches the consumer once. Bounded: the oldest id is forgotten first.
/// </summary>
internal sealed class MessageDeduplicator(int capacity)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True the first time <paramref name="id"/> is seen within the window.</summary>
    internal bool IsFirstSighting(string id)
    {
        lock (_lock)
        {
            if (!_seen.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}

namespace TwitchSentiment.Pipeline.Analysis;

/// <summary>A time span during which a capture was listening to a channel (start inclusive, end exclusive).</summary>
/// <param name="Start">From (UTC).</param>
/// <param name="End">To (UTC).</param>
public readonly record struct CoveredWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Its length.</summary>
    public TimeSpan Length => End - Start;

    /// <summary>
    /// Sorts <paramref name="windows"/> and merges those that overlap or touch, so the result is the exact set of
    /// covered instants, whatever order the windows came in.
    /// </summary>
    public static List<CoveredWindow> Merge(IEnumerable<CoveredWindow> windows)
    {
        var merged = new List<CoveredWindow>();
        foreach (CoveredWindow window in windows.Where(w => w.End > w.Start).OrderBy(w => w.Start).ThenBy(w => w.End))
        {
            if (merged.Count > 0 && window.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = window.End > merged[^1].End ? window.End : merged[^1].End };
            }
            else
            {
                merged.Add(window);
            }
        }

        return merged;
    }

    /// <summary>The parts of [<paramref name="from"/>, <paramref name="to"/>) not covered by the merged <paramref name="windows"/>.</summary>
    public static List<CoveredWindow> Gaps(IReadOnlyList<CoveredWindow> windows, DateTimeOffset from, DateTimeOffset to)
    {
        var gaps = new List<CoveredWindow>();
        DateTimeOffset cursor = from;
        foreach (CoveredWindow window in windows)
        {
            if (window.Start > cursor && cursor < to)
            {
                gaps.Add(new CoveredWindow(cursor, window.Start < to ? window.Start : to));
            }

            if (window.End > cursor)
            {
                cursor = window.End;
            }
        }

        if (cursor < to)
        {
            gaps.Add(new CoveredWindow(cursor, to));
        }

        return gaps;
    }
}

/// <summary>
/// Follows a raw log's capture events and works out when the channel was covered: from each <c>listening</c> to the
/// next <c>disconnected</c> of that connection or the <c>capture-end</c> (or, for a log cut off, its last record).
/// </summary>
internal sealed class CoverageTracker
{
    private readonly Dictionary<int, DateTimeOffset> _open = [];
    private readonly List<CoveredWindow> _windows = [];
    private DateTimeOffset? _last;

    internal List<CoveredWindow> Windows => _windows;

    internal void Seen(DateTimeOffset at) => _last = at;

    internal void On(RawLogs.CaptureEvent captureEvent, DateTimeOffset at)
    {
        switch (captureEvent.Event)
        {
            case RawLogs.CaptureEvent.Listening when captureEvent.Connection is int connection:
                _open.TryAdd(connection, at);
                break;
            case RawLogs.CaptureEvent.Disconnected when captureEvent.Connection is int connection:
                Close(connection, at);
                break;
            case RawLogs.CaptureEvent.End:
                CloseAll(at);
                break;
            default:
                break;
        }
    }

    /// <summary>Ends every window still open at the last record seen (a log that ended without capture-end).</summary>
    internal void Finish()
    {
        if (_last is DateTimeOffset last)
        {
            CloseAll(last);
        }
    }

    private void CloseAll(DateTimeOffset at)
    {
        foreach (int connection in _open.Keys.ToList())
        {
            Close(connection, at);
        }
    }

    private void Close(int connection, DateTimeOffset at)
    {
        if (_open.Remove(connection, out DateTimeOffset start) && at > start)
        {
            _windows.Add(new CoveredWindow(start, at));
        }
    }
}

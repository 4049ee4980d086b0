using System.Globalization;
using TwitchSentiment.Pipeline.Jobs;

namespace TwitchSentiment.Cli;

/// <summary>
/// The capture's live status on standard error: on a terminal one line rewritten every second (messages, rate,
/// rolling sentiment, reconnects, last message); otherwise a plain line every 10 seconds.
/// </summary>
internal sealed class LiveDisplay : IDisposable
{
    private readonly CaptureJob _job;
    private readonly CliConsole _console;
    private readonly bool _terminal;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private long _lastMessages;
    private bool _stopped;

    internal LiveDisplay(CaptureJob job, CliConsole console)
    {
        _job = job;
        _console = console;
        _terminal = ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected;
        TimeSpan every = _terminal ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
        _timer = new Timer(_ => Show(every), null, every, every);
    }

    internal void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _timer.Dispose();
            if (_terminal)
            {
                _console.Error.Write("\r\u001b[K");
            }
        }
    }

    public void Dispose() => Stop();

    private void Show(TimeSpan every)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            CaptureProgress progress = _job.Progress;
            double rate = (progress.Messages - _lastMessages) / every.TotalSeconds;
            _lastMessages = progress.Messages;
            string mood = progress.RollingCompound is double compound ? compound.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "  -   ";
            string status = string.Create(CultureInfo.InvariantCulture,
                $"{progress.Messages,8} messages  {rate,6:0.0}/s  sentiment (last minute) {mood}  reconnects {progress.Reconnects}");
            if (_terminal)
            {
                string last = progress.LastMessage ?? string.Empty;
                int room = Math.Max(0, Console.WindowWidth - status.Length - 5);
                _console.Error.Write($"\r\u001b[K{status}  {(last.Length > room ? last[..room] : last)}");
            }
            else
            {
                _console.Error.WriteLine($"{CliApp.Name} capture: {status}");
            }
        }
    }
}

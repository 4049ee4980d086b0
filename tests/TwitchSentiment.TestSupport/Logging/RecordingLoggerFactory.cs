using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TwitchSentiment.TestSupport.Logging;

/// <summary>An ILoggerFactory that keeps every formatted message, its state values and its exception's full text.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Each entry: level, category, event id, message, state values and exception.</summary>
    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Every entry, one per line.</summary>
    public string AllText => string.Join('\n', _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(pair => $"{pair.Key}={pair.Value}")) : string.Empty;
            factory._entries.Enqueue($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {{{values}}} {exception}");
        }
    }
}

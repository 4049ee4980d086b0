using Microsoft.Extensions.Logging;

namespace TwitchSentiment.Functions.Internal;

/// <summary>
/// Log lines on standard error, which Lambda sends to CloudWatch Logs: <c>LEVEL category[event id]: message</c>, one
/// line each (line breaks in a message are escaped), Information and above unless <c>minimum</c> says otherwise.
/// A failure to write is swallowed and counted: logging never stops a function.
/// </summary>
internal sealed class StandardErrorLoggerProvider(LogLevel minimum, TextWriter output) : ILoggerProvider, ILoggerFactory
{
    private readonly Lock _gate = new();
    private long _failures;

    internal long Failures => Interlocked.Read(ref _failures);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("This factory has one provider.");

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        try
        {
            lock (_gate)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    private sealed class Logger(StandardErrorLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string message = formatter(state, exception).ReplaceLineEndings("\\n");
            string failure = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings("\\n")})";
            provider.Write($"{Level(logLevel)} {category}[{eventId.Id}]: {message}{failure}");
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "TRACE",
            LogLevel.Debug => "DEBUG",
            LogLevel.Information => "INFO",
            LogLevel.Warning => "WARN",
            LogLevel.Error => "ERROR",
            _ => "FATAL",
        };
    }

    private LogLevel Minimum { get; } = minimum;
}

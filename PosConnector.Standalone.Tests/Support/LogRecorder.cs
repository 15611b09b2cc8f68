using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>
/// Records every log event a real host writes (what its logging filters let through), in order: category, level,
/// event id, message, structured fields and exception, so a test can see what the host did and that it raised no error.
/// </summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEvent> _events = new();

    public IReadOnlyList<LoggedEvent> Events => [.. _events];

    public IEnumerable<LoggedEvent> Errors => ErrorsSince(0);

    /// <summary>Errors logged after the first <paramref name="mark"/> events (a count of <see cref="Events"/> taken earlier).</summary>
    public IEnumerable<LoggedEvent> ErrorsSince(int mark) => Events.Skip(mark).Where(e => e.Level >= LogLevel.Error);

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _events);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<LoggedEvent> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, string?>();
            foreach (var (key, value) in state as IReadOnlyList<KeyValuePair<string, object?>> ?? [])
            {
                fields[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
            }

            events.Enqueue(new LoggedEvent(category, logLevel, eventId.Id, formatter(state, exception), fields, exception));
        }
    }
}

public sealed record LoggedEvent(
    string Category, LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, string?> Fields, Exception? Exception);

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PosConnector.Functions.Tests.TestSupport;

/// <summary>Records structured log events (event id and fields) in order, so a test can see what a real host did.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEvent> _events = new();

    public IReadOnlyList<LoggedEvent> Events => [.. _events];

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            owner._events.Enqueue(new LoggedEvent(eventId.Id, fields.ToDictionary(f => f.Key, f => Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture))));
        }
    }
}

public sealed record LoggedEvent(int EventId, IReadOnlyDictionary<string, string?> Fields);

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PosConnector.Functions.Tests.TestSupport;

/// <summary>
/// A logging provider that keeps what a hostile-input test asserts on: every warning or worse, and the
/// host's "Request finished" lines (so a test knows the server is done with a request it aborted).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public IEnumerable<CapturedLog> Errors => ErrorsSince(0);

    public IEnumerable<CapturedLog> ErrorsSince(int mark) => Entries.Skip(mark).Where(e => e.Level >= LogLevel.Error);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (logLevel >= LogLevel.Warning || message.StartsWith("Request finished", StringComparison.Ordinal))
            {
                entries.Enqueue(new CapturedLog(category, logLevel, message, exception));
            }
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception);

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Guohe.Tests.Support;

/// <summary>One log entry as the application wrote it: category, level, the rendered message and its structured values.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)
{
    /// <summary>The exception logged with the entry, if any.</summary>
    public Exception? Exception { get; init; }

    /// <summary>The structured value named <paramref name="key"/>, or null.</summary>
    public object? Value(string key) => State.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>Whether the message or one of the structured values names <paramref name="value"/> (a user id, an object id, a path).</summary>
    public bool Mentions(object value)
    {
        var text = value.ToString() ?? string.Empty;
        return Message.Contains(text, StringComparison.OrdinalIgnoreCase)
            || State.Any(p => p.Value is not null && (Equals(p.Value, value) || (p.Value.ToString() ?? string.Empty).Contains(text, StringComparison.OrdinalIgnoreCase)));
    }

    public override string ToString() => $"{Level} {Category}: {Message}";
}

/// <summary>
/// Keeps every log entry of one test application in memory, so a test can assert that something was logged
/// (e.g. a refused request). Thread-safe: requests log from several threads.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Everything logged so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>The entries at Warning level.</summary>
    public IReadOnlyList<LogEntry> Warnings() => [.. _entries.Where(e => e.Level == LogLevel.Warning)];

    /// <summary>The Warning entries naming every one of <paramref name="values"/>.</summary>
    public IReadOnlyList<LogEntry> WarningsMentioning(params object[] values) => [.. Warnings().Where(e => values.All(e.Mentions))];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // nothing to release: entries stay readable after the application stops
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            logs._entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), [.. values]) { Exception = exception });
        }
    }
}

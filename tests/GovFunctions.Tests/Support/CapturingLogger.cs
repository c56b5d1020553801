using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GovFunctions.Tests.Support;

/// <summary>A logger (and provider) that keeps what was logged, to check what an operator would see.</summary>
public sealed class CapturingLogger : ILogger, ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Entry> _entries = new();
    private readonly string _category;

    public CapturingLogger() : this("", new ConcurrentQueue<Entry>()) { }

    private CapturingLogger(string category, ConcurrentQueue<Entry> entries) => (_category, _entries) = (category, entries);

    public IReadOnlyList<Entry> Entries => _entries.ToList();

    public IReadOnlyList<Entry> Errors => Entries.Where(e => e.Level >= LogLevel.Error).ToList();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?,
        string> formatter) =>
        _entries.Enqueue(new Entry(_category, logLevel, formatter(state, exception), exception));

    public void Dispose() { }
}

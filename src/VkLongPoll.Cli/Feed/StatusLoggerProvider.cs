using Microsoft.Extensions.Logging;

namespace VkLongPoll.Cli.Feed;

/// <summary>Shows the session's warnings (failed codes, retries) as dim status lines in the feed.</summary>
internal sealed class StatusLoggerProvider(FeedPrinter printer) : ILoggerFactory, ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            printer.Status("· " + formatter(state, exception));
        }
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}

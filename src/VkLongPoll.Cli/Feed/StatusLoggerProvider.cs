using Microsoft.Extensions.Logging;

namespace VkLongPoll.Cli.Feed;

/// <summary>Shows the session's warnings (failed codes, retries) as dim status lines in the feed.</summary>
internal sealed class StatusLoggerProvider(FeedPrinter printer, FeedLanguage language = FeedLanguage.English) : ILoggerFactory, ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            var russian = language == FeedLanguage.Russian ? Russian(eventId.Id, state as IReadOnlyList<KeyValuePair<string, object?>>) : null;
            printer.Status("· " + (russian ?? formatter(state, exception)));
        }
    }

    /// <summary>The session's warnings in Russian (event ids of VkLongPoll's SessionLog); null to keep the English text.</summary>
    private static string? Russian(int eventId, IReadOnlyList<KeyValuePair<string, object?>>? values)
    {
        object? Value(string name) => values?.FirstOrDefault(v => v.Key == name).Value;
        return eventId switch
        {
            2 => $"Long Poll ответил failed: {Value("Failed")} — восстанавливаю",
            3 => $"сбой связи ({Value("Reason")}) — повтор с тем же ts через {Value("Delay")}",
            5 => $"версия {Value("Old")} не принята сервером — перехожу на {Value("New")}",
            6 => $"история с pts {Value("Pts")} недоступна (ошибка {Value("Code")}) — продолжаю с текущего момента",
            _ => null,
        };
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}

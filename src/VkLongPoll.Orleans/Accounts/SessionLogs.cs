using Microsoft.Extensions.Logging;

namespace VkLongPoll.Orleans;

/// <summary>The account grains' log lines (names and epochs only: never a token or a Long Poll key).</summary>
internal static partial class SessionLogs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "VK account {Account} started here under epoch {Epoch}, from pts {Pts}")]
    public static partial void Started(ILogger logger, string account, long epoch, long? pts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "VK account {Account} was taken by a newer owner (epoch {CurrentEpoch}, ours {Epoch}); its session here stops")]
    public static partial void Fenced(ILogger logger, string account, long epoch, long currentEpoch);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "VK account {Account}: the session failed; it starts again from its checkpoint")]
    public static partial void Failed(ILogger logger, Exception exception, string account);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "VK account {Account} is not in the account directory; it is not run")]
    public static partial void UnknownAccount(ILogger logger, string account);
}

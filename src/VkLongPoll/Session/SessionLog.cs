using Microsoft.Extensions.Logging;

namespace VkLongPoll.Session;

/// <summary>The session's log messages. Tokens and keys never appear in them.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(1, LogLevel.Information, "Long Poll session {Name} started at ts {Ts}, pts {Pts} (version {Version})")]
    public static partial void Started(ILogger logger, string name, long ts, long pts, int version);

    [LoggerMessage(2, LogLevel.Warning, "Long Poll answered failed: {Failed}; recovering")]
    public static partial void Failed(ILogger logger, int failed);

    [LoggerMessage(3, LogLevel.Warning, "Long Poll request failed ({Reason}); retry {Attempt} with the same ts {Ts} in {Delay}")]
    public static partial void Retrying(ILogger logger, string reason, int attempt, long ts, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Information, "Recovered {Count} events from pts {FromPts} to {NewPts} through getLongPollHistory")]
    public static partial void Recovered(ILogger logger, int count, long fromPts, long newPts);

    [LoggerMessage(5, LogLevel.Warning, "Long Poll version {Old} is not accepted; switching to {New}")]
    public static partial void VersionChanged(ILogger logger, int old, int @new);

    [LoggerMessage(6, LogLevel.Error, "pts {Pts} can no longer be recovered (API error {Code}); resynchronising from now, events in the gap are lost")]
    public static partial void Resync(ILogger logger, long pts, int code);
}

using Microsoft.Extensions.Logging;

namespace VkLongPoll;

/// <summary>The session's log lines, written from its <see cref="LongPollStatus"/> values. Tokens and keys never appear in them.</summary>
internal static partial class SessionLog
{
    public static void Write(ILogger logger, LongPollStatus status)
    {
        switch (status)
        {
            case LongPollStarted s:
                Started(logger, s.SessionName, s.Ts, s.Pts, s.Version, s.Resumed);
                break;
            case LongPollRetrying s:
                // A failure that passes is one line: its detail says what happened; the stack trace is for Debug.
                Retrying(logger, s.SessionName, s.Reason, s.Host, s.ApiMethod ?? "a_check", s.Detail, s.Attempt, Seconds(s.Delay));
                if (s.Exception is { } cause && logger.IsEnabled(LogLevel.Debug))
                {
                    RetryCause(logger, cause, s.SessionName, s.Attempt);
                }

                break;
            case LongPollReconnected s:
                Reconnected(logger, s.SessionName, s.FailedAttempts, Seconds(s.Downtime));
                break;
            case LongPollRecoveryStarted s:
                RecoveryStarted(logger, s.SessionName, s.Cause, s.FromPts);
                break;
            case LongPollRecoveryFinished s:
                RecoveryFinished(logger, s.SessionName, s.Cause, s.EventsRecovered, s.FromPts, s.ToPts);
                break;
            case LongPollVersionChanged s:
                VersionChanged(logger, s.SessionName, s.OldVersion, s.NewVersion);
                break;
            case LongPollResynced s:
                Resynced(logger, s.SessionName, s.LostFromPts, s.Reason, s.ApiErrorCode, s.NewPts);
                break;
            case CommunityEventsLost s:
                EventsLost(logger, s.SessionName, s.Describe());
                break;
            case LongPollStopped { Reason: LongPollStopReason.Cancelled or LongPollStopReason.ConsumerStopped } s:
                Stopped(logger, s.SessionName, s.Reason);
                break;
            case LongPollStopped s:
                // VK's refusals (a rejected token, no access, a captcha) say all in their message: no stack trace for them.
                Failed(logger, s.Error is VkLongPollException ? null : s.Error, s.SessionName, s.Reason, s.Error?.Message);
                break;
        }
    }

    [LoggerMessage(LongPollEventIds.Started, LogLevel.Information, "Long Poll session {Session} started at ts {Ts}, pts {Pts} (version {Version}, resumed {Resumed})")]
    private static partial void Started(ILogger logger, string session, long ts, long pts, int version, bool resumed);

    /// <summary>Seconds with one decimal: "1.1", not "00:00:01.0520187".</summary>
    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 1);

    [LoggerMessage(LongPollEventIds.Retrying, LogLevel.Warning, "Long Poll session {Session}: {Reason} from {Host} ({Method}): {Detail}; retry {Attempt} in {DelaySeconds} s")]
    private static partial void Retrying(ILogger logger, string session, LongPollRetryReason reason, string host, string method, string detail, int attempt, double delaySeconds);

    [LoggerMessage(LongPollEventIds.Retrying, LogLevel.Debug, "Long Poll session {Session}: what failed before retry {Attempt}")]
    private static partial void RetryCause(ILogger logger, Exception exception, string session, int attempt);

    [LoggerMessage(LongPollEventIds.Reconnected, LogLevel.Information, "Long Poll session {Session} connected again after {Attempts} failed attempts ({DowntimeSeconds} s)")]
    private static partial void Reconnected(ILogger logger, string session, int attempts, double downtimeSeconds);

    [LoggerMessage(LongPollEventIds.RecoveryStarted, LogLevel.Warning, "Long Poll session {Session} recovering ({Cause}) from pts {FromPts}")]
    private static partial void RecoveryStarted(ILogger logger, string session, LongPollRecoveryCause cause, long fromPts);

    [LoggerMessage(LongPollEventIds.RecoveryFinished, LogLevel.Information, "Long Poll session {Session} recovered ({Cause}) {Count} events from pts {FromPts} to {ToPts}")]
    private static partial void RecoveryFinished(ILogger logger, string session, LongPollRecoveryCause cause, int count, long fromPts, long toPts);

    [LoggerMessage(LongPollEventIds.VersionChanged, LogLevel.Warning, "Long Poll session {Session}: version {Old} is not accepted; switched to {New}")]
    private static partial void VersionChanged(ILogger logger, string session, int old, int @new);

    [LoggerMessage(LongPollEventIds.Resynced, LogLevel.Error, "Long Poll session {Session}: events from pts {LostFromPts} can no longer be fetched ({Reason}, API error {Code}); continuing from pts {NewPts}, the gap is lost")]
    private static partial void Resynced(ILogger logger, string session, long lostFromPts, LongPollResyncReason reason, int? code, long newPts);

    [LoggerMessage(LongPollEventIds.CommunityEventsLost, LogLevel.Warning, "Long Poll session {Session}: {What}")]
    private static partial void EventsLost(ILogger logger, string session, string what);

    [LoggerMessage(LongPollEventIds.Stopped, LogLevel.Information, "Long Poll session {Session} stopped ({Reason})")]
    private static partial void Stopped(ILogger logger, string session, LongPollStopReason reason);

    [LoggerMessage(LongPollEventIds.Stopped, LogLevel.Error, "Long Poll session {Session} stopped ({Reason}): {Message}")]
    private static partial void Failed(ILogger logger, Exception? exception, string session, LongPollStopReason reason, string? message);
}

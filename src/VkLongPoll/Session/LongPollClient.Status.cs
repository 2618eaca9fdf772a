using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace VkLongPoll;

/// <summary>Status reporting, retry pacing and the end of a session.</summary>
public sealed partial class LongPollClient
{
    private int _failedAttempts;
    private DateTimeOffset _firstFailureAt;
    private LongPollStatus? _status;

    /// <summary>The last status the session reported; null before it started.</summary>
    public LongPollStatus? Status => Volatile.Read(ref _status);

    /// <summary>Stamps, keeps, logs and hands a status to <see cref="LongPollClientOptions.OnStatus"/>.</summary>
    private void Report(LongPollStatus status)
    {
        // Each status is made for this one report: stamped here, never changed after it is published.
        status.SessionName = Name;
        status.Time = _options.TimeProvider.GetUtcNow();
        Volatile.Write(ref _status, status);
        SessionLog.Write(_logger, status);
        if (_options.OnStatus is not { } onStatus)
        {
            return;
        }

        try
        {
            onStatus(status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Reporting must not stop the session; the handler's bug is logged instead.
            StatusHandlerFailed(_logger, e, Name);
        }
    }

    /// <summary>Reports a failure that passes and waits out the backoff; one count of attempts for polls and API calls alike (one outage).</summary>
    /// <param name="cause">What failed.</param>
    /// <param name="host">Where.</param>
    /// <param name="apiMethod">The API method, or null for a poll.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <param name="attempt">A count of its own (failed: 4 answers, which come between successful calls); the outage's count when null.</param>
    private async Task RetryAfterAsync(RetryCause cause, string host, string? apiMethod, CancellationToken cancellationToken, int? attempt = null)
    {
        if (attempt is null && _failedAttempts++ == 0)
        {
            _firstFailureAt = _options.TimeProvider.GetUtcNow();
        }

        var number = attempt ?? _failedAttempts;
        var delay = _options.Backoff().DelayFor(number);
        if (cause.ApiErrorCode == 29)
        {
            // "Rate limit reached" for the method: VK wants it left alone for a while, not retried at once (vkbottle #54, vk-io #288).
            delay = TimeSpan.FromTicks(Math.Max(delay.Ticks, _options.MaxRetryDelay.Ticks));
        }

        Report(new LongPollRetrying(cause.Reason, host, apiMethod, number, delay, cause.Detail)
        {
            HttpStatusCode = cause.HttpStatus,
            ApiErrorCode = cause.ApiErrorCode,
            Exception = cause.Exception,
        });
        LongPollMetrics.Retries.Add(1);
        await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A request went through: ends a run of failures.</summary>
    private void Succeeded()
    {
        if (_failedAttempts > 0)
        {
            Report(new LongPollReconnected(_failedAttempts, _options.TimeProvider.GetUtcNow() - _firstFailureAt));
            _failedAttempts = 0;
        }
    }

    /// <summary>Passes <paramref name="items"/> through and reports <see cref="LongPollStopped"/> when the enumeration ends, however it ends.</summary>
    private async IAsyncEnumerable<T> ReportingEndAsync<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stopped = new LongPollStopped(LongPollStopReason.ConsumerStopped);
        var enumerator = items.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    stopped = new LongPollStopped(LongPollStopReason.Cancelled);
                    throw;
                }
                catch (Exception e)
                {
                    stopped = new LongPollStopped(StopReasonOf(e)) { Error = e };
                    throw;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            Report(stopped);
        }
    }

    private static LongPollStopReason StopReasonOf(Exception e) => e switch
    {
        VkAuthorizationException => LongPollStopReason.TokenRejected,
        VkCaptchaException => LongPollStopReason.CaptchaRequired,
        VkAccessDeniedException or VkApiException { ErrorCode: 15 } => LongPollStopReason.AccessDenied,
        VkValidationException => LongPollStopReason.CaptchaRequired,
        VkApiException => LongPollStopReason.ApiError,
        LongPollVersionException => LongPollStopReason.VersionUnsupported,
        CheckpointStoreException => LongPollStopReason.CheckpointStoreFailed,
        _ => LongPollStopReason.Faulted,
    };

    [LoggerMessage(9, LogLevel.Error, "Long Poll session {Session}: the status handler threw")]
    private static partial void StatusHandlerFailed(ILogger logger, Exception exception, string session);
}

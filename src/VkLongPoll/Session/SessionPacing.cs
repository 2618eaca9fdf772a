using Microsoft.Extensions.Logging;

namespace VkLongPoll;

/// <summary>
/// A session's status reports and retry pacing, shared by every transport (the User Long Poll, the Bots Long Poll): one
/// count of failures for polls and API calls alike, one backoff, one way to report.
/// </summary>
internal sealed partial class SessionPacing
{
    private readonly LongPollClientOptions _options;
    private readonly ILogger _logger;

    /// <summary>A community's transports run at once and share one pacing: its count and its status callback are taken in turn.</summary>
    private readonly Lock _sync = new();
    private int _failedAttempts;
    private DateTimeOffset _firstFailureAt;
    private LongPollStatus? _status;

    /// <param name="name">The session's name, stamped on every status.</param>
    /// <param name="options">Its time, backoff and status callback.</param>
    /// <param name="logger">Where statuses are logged.</param>
    public SessionPacing(string name, LongPollClientOptions options, ILogger logger)
    {
        Name = name;
        _options = options;
        _logger = logger;
    }

    /// <summary>The session's name.</summary>
    public string Name { get; }

    /// <summary>The last status reported; null before the first.</summary>
    public LongPollStatus? Status => Volatile.Read(ref _status);

    /// <summary>Stamps, keeps, logs and hands a status to <see cref="LongPollClientOptions.OnStatus"/>.</summary>
    public void Report(LongPollStatus status)
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
            lock (_sync)
            {
                onStatus(status);
            }
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
    public async Task RetryAfterAsync(RetryCause cause, string host, string? apiMethod, CancellationToken cancellationToken, int? attempt = null)
    {
        int number;
        lock (_sync)
        {
            if (attempt is null && _failedAttempts++ == 0)
            {
                _firstFailureAt = _options.TimeProvider.GetUtcNow();
            }

            number = attempt ?? _failedAttempts;
        }

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
    public void Succeeded()
    {
        LongPollReconnected? reconnected = null;
        lock (_sync)
        {
            if (_failedAttempts > 0)
            {
                reconnected = new LongPollReconnected(_failedAttempts, _options.TimeProvider.GetUtcNow() - _firstFailureAt);
                _failedAttempts = 0;
            }
        }

        if (reconnected is not null)
        {
            Report(reconnected);
        }
    }

    /// <summary>
    /// An API call that outlives outages: network failures, unreadable answers and VK errors that pass are retried
    /// with the session's backoff for as long as it takes. A rejected token, a captcha nobody answered and other
    /// API errors are not: retrying cannot fix them. With <paramref name="giveUp"/> (history), 100 and 927 are retried too, until it says so.
    /// </summary>
    public async Task<T> ResilientAsync<T>(string method, Func<Task<T>> call, CancellationToken cancellationToken, Func<Exception, int, bool>? giveUp = null)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                var result = await call().ConfigureAwait(false);
                Succeeded();
                return result;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && (RetryCause.Of(e) ?? (e is VkApiException { ErrorCode: 100 or 927 } api && giveUp is not null ? RetryCause.ApiError(api) : null)) is { } cause && giveUp?.Invoke(e, failures) != true)
            {
                await RetryAfterAsync(cause, cause.Host ?? _options.ApiBaseUrl.Authority, cause.Host is null ? method : null, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(9, LogLevel.Error, "Long Poll session {Session}: the status handler threw")]
    private static partial void StatusHandlerFailed(ILogger logger, Exception exception, string session);
}

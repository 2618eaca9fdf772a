namespace VkLongPoll;

/// <summary>Why a request is retried (<see cref="LongPollRetrying.Reason"/>).</summary>
public enum LongPollRetryReason
{
    /// <summary>The host could not be reached: name resolution, connection refused or unreachable, a proxy that would not connect.</summary>
    NetworkUnreachable,

    /// <summary>The TLS handshake failed (an untrusted or invalid certificate, an interrupted handshake).</summary>
    SecureConnectionFailed,

    /// <summary>No answer in time (<c>wait</c> plus the margin for a poll, the request timeout for an API call).</summary>
    Timeout,

    /// <summary>The connection broke off while the answer was being read.</summary>
    ConnectionLost,

    /// <summary>The server answered with an HTTP status other than 200.</summary>
    HttpStatus,

    /// <summary>The answer was not the JSON expected.</summary>
    UnreadableAnswer,

    /// <summary>The VK API answered an error that passes (1, 6, 9, 10, 29, 36); 29 (a method's rate limit) waits the longest delay.</summary>
    ApiError,

    /// <summary>The Long Poll server keeps answering <c>failed: 4</c> for a version it says it accepts: asked again after a pause.</summary>
    VersionRejected,

    /// <summary>
    /// Renewing the access token failed in a way that passes (VK ID answered HTTP 5xx or an HTML page, <c>server_error</c>,
    /// <c>temporarily_unavailable</c>, or not in time): the refresh token is kept and the renewal is tried again.
    /// </summary>
    TokenRenewalFailed,

    /// <summary>The Callback inbox (the checkpoint store's) could not be read (a locked or unavailable database): read again after a pause.</summary>
    InboxUnavailable,
}

/// <summary>Why a recovery started (<see cref="LongPollRecoveryStarted.Cause"/>).</summary>
public enum LongPollRecoveryCause
{
    /// <summary><c>failed: 1</c>: the <c>ts</c> is older than what the server keeps; events come from <c>getLongPollHistory</c>.</summary>
    HistoryLost,

    /// <summary><c>failed: 2</c>: the key expired; a new key, the same <c>ts</c>.</summary>
    KeyExpired,

    /// <summary><c>failed: 3</c>: the server lost the session; events come from <c>getLongPollHistory</c>.</summary>
    UserDataLost,

    /// <summary><c>failed: 4</c>: the version is not accepted; another is chosen.</summary>
    VersionRejected,

    /// <summary>A checkpoint without a key (a restart, or a recovery that was interrupted): events come from <c>getLongPollHistory</c>.</summary>
    NoKeyInCheckpoint,
}

/// <summary>Why a gap could not be recovered (<see cref="LongPollResynced.Reason"/>).</summary>
public enum LongPollResyncReason
{
    /// <summary>The <c>pts</c> is older than the history VK keeps (error 907).</summary>
    HistoryTooOld,

    /// <summary>VK cannot give the history now and will not later (error 908).</summary>
    HistoryUnavailable,

    /// <summary>VK told the client to drop what it keeps (error 990, "Drop device cache").</summary>
    DeviceCacheDropped,

    /// <summary>
    /// <c>getLongPollHistory</c> kept refusing the gap with an error that repeats (36: the method's own timeout, 5 in a row;
    /// 100 or 927, 3 in a row). Error 10 is not one: it is VK's outage and is retried while the <c>pts</c> is good.
    /// </summary>
    HistoryRefused,

    /// <summary><c>getLongPollHistory</c> said <c>more</c> while its <c>new_pts</c> did not move, three pages in a row: paging would never end.</summary>
    PagingStalled,

    /// <summary>
    /// VK's history began later than the <c>pts</c> asked for (<c>from_pts</c> &gt; <c>pts</c>): the events between the two are
    /// lost; the rest of the gap is recovered.
    /// </summary>
    HistoryTruncated,
}

/// <summary>Why a session ended (<see cref="LongPollStopped.Reason"/>).</summary>
public enum LongPollStopReason
{
    /// <summary>The cancellation token was cancelled.</summary>
    Cancelled,

    /// <summary>The consumer stopped reading (left the <c>await foreach</c>).</summary>
    ConsumerStopped,

    /// <summary>VK rejected the token (error 5).</summary>
    TokenRejected,

    /// <summary>The token may not call the method (error 15: no <c>messages</c> access, or not an admin of the community).</summary>
    AccessDenied,

    /// <summary>The server accepts no version this library speaks.</summary>
    VersionUnsupported,

    /// <summary>A captcha or validation nobody answered.</summary>
    CaptchaRequired,

    /// <summary>Another VK API error that retrying cannot fix.</summary>
    ApiError,

    /// <summary>The checkpoint store failed to load or save.</summary>
    CheckpointStoreFailed,

    /// <summary>Anything else (an unexpected error, reported with <see cref="LongPollStopped.Error"/>).</summary>
    Faulted,
}

using System.Globalization;

namespace VkLongPoll;

/// <summary>What a session is doing, as a value: reported to <see cref="LongPollClientOptions.OnStatus"/>, logged, and kept in <see cref="LongPollClient.Status"/>.</summary>
/// <remarks>
/// One of <see cref="LongPollStarted"/>, <see cref="LongPollRetrying"/>, <see cref="LongPollReconnected"/>,
/// <see cref="LongPollRecoveryStarted"/>, <see cref="LongPollRecoveryFinished"/>, <see cref="LongPollVersionChanged"/>,
/// <see cref="LongPollResynced"/> and <see cref="LongPollStopped"/>; match on the type. <see cref="ToString"/> gives one
/// plain English line without tokens or keys, so <c>OnStatus = s =&gt; Console.Error.WriteLine(s)</c> is a usable start.
/// </remarks>
public abstract class LongPollStatus
{
    private protected LongPollStatus()
    {
    }

    /// <summary>The session's checkpoint name (never the token).</summary>
    public string SessionName { get; internal set; } = string.Empty;

    /// <summary>When it happened, on the session's <see cref="LongPollClientOptions.TimeProvider"/>.</summary>
    public DateTimeOffset Time { get; internal set; }

    /// <summary>One plain English line saying what happened.</summary>
    public abstract string Describe();

    /// <summary>The session name and <see cref="Describe"/>.</summary>
    public sealed override string ToString() => $"{SessionName}: {Describe()}";

    private protected static string Seconds(TimeSpan delay) =>
        delay < TimeSpan.FromSeconds(1) ? string.Create(CultureInfo.InvariantCulture, $"{delay.TotalMilliseconds:F0} ms") : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(delay.TotalSeconds):F0} s");
}

/// <summary>The session knows where it stands and starts polling.</summary>
public sealed class LongPollStarted : LongPollStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="ts">The <c>ts</c> it polls from.</param>
    /// <param name="pts">The <c>pts</c> it would recover from.</param>
    /// <param name="version">The Long Poll version.</param>
    /// <param name="resumed">True when it continues from a checkpoint, false when it starts from now.</param>
    public LongPollStarted(long ts, long pts, int version, bool resumed)
    {
        Ts = ts;
        Pts = pts;
        Version = version;
        Resumed = resumed;
    }

    /// <summary>The <c>ts</c> it polls from.</summary>
    public long Ts { get; }

    /// <summary>The <c>pts</c> it would recover from.</summary>
    public long Pts { get; }

    /// <summary>The Long Poll version.</summary>
    public int Version { get; }

    /// <summary>True when it continues from a checkpoint, false when it starts from now.</summary>
    public bool Resumed { get; }

    /// <summary>
    /// True when a call to VK succeeded on the way here (a start from now asks for a server; a checkpoint without a key is
    /// recovered through history); false when it resumes with the checkpoint's own key and has not heard from VK yet —
    /// its first poll may still fail.
    /// </summary>
    public bool Connected { get; init; } = true;

    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{(Resumed ? "resumed" : "started")} at ts {Ts}, pts {Pts} (version {Version})");
}

/// <summary>A request failed in a way that passes; the same request is sent again after <see cref="Delay"/>.</summary>
public sealed class LongPollRetrying : LongPollStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="reason">What went wrong.</param>
    /// <param name="host">The host that was asked (the API's, the Long Poll server's or VK ID's), with its port when it is not the scheme's (an emulator's).</param>
    /// <param name="apiMethod">The API method, or null for a Long Poll request.</param>
    /// <param name="attempt">How many times in a row it has failed (1 for the first failure).</param>
    /// <param name="delay">The pause before the next attempt.</param>
    /// <param name="detail">What the network or the server said, in its words (never a token or key).</param>
    public LongPollRetrying(LongPollRetryReason reason, string host, string? apiMethod, int attempt, TimeSpan delay, string detail)
    {
        Reason = reason;
        Host = host;
        ApiMethod = apiMethod;
        Attempt = attempt;
        Delay = delay;
        Detail = detail;
    }

    /// <summary>What went wrong.</summary>
    public LongPollRetryReason Reason { get; }

    /// <summary>The host that was asked (the API's, the Long Poll server's or VK ID's), with its port when it is not the scheme's (an emulator's).</summary>
    public string Host { get; }

    /// <summary>The API method, or null for a Long Poll request.</summary>
    public string? ApiMethod { get; }

    /// <summary>How many times in a row it has failed (1 for the first failure).</summary>
    public int Attempt { get; }

    /// <summary>The pause before the next attempt.</summary>
    public TimeSpan Delay { get; }

    /// <summary>What the network or the server said, in its words (never a token or key).</summary>
    public string Detail { get; }

    /// <summary>The HTTP status, for <see cref="LongPollRetryReason.HttpStatus"/>.</summary>
    public int? HttpStatusCode { get; init; }

    /// <summary>VK's <c>error_code</c>, for <see cref="LongPollRetryReason.ApiError"/>.</summary>
    public int? ApiErrorCode { get; init; }

    /// <summary>The exception behind it, if any (for logs; its message never carries a token or key).</summary>
    public Exception? Exception { get; init; }

    /// <inheritdoc/>
    public override string Describe()
    {
        var what = Reason switch
        {
            LongPollRetryReason.NetworkUnreachable => $"cannot reach {Host}: {Detail}",
            LongPollRetryReason.SecureConnectionFailed => $"secure connection to {Host} failed: {Detail}",
            LongPollRetryReason.Timeout => $"{Host} did not answer in time",
            LongPollRetryReason.ConnectionLost => $"connection to {Host} lost: {Detail}",
            LongPollRetryReason.HttpStatus when HttpStatusCode is >= 300 and < 400 => $"{Host} answered HTTP {HttpStatusCode}, a redirect to {Detail}: not followed (a request that carries a token is never sent on)",
            LongPollRetryReason.HttpStatus => $"{Host} answered HTTP {HttpStatusCode}",
            LongPollRetryReason.UnreadableAnswer => $"{Host} sent an unreadable answer: {Detail}",
            LongPollRetryReason.ApiError => $"VK API error {ApiErrorCode} in {ApiMethod}: {Detail}",
            LongPollRetryReason.VersionRejected => $"{Host} keeps refusing the protocol version ({Detail})",
            LongPollRetryReason.TokenRenewalFailed => $"could not renew the access token at {Host}: {Detail}",
            _ => $"{Host}: {Detail}",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{what}; retry {Attempt} in {Seconds(Delay)}");
    }
}

/// <summary>A request succeeded after one or more failures: the session is connected again.</summary>
public sealed class LongPollReconnected : LongPollStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="failedAttempts">How many attempts failed before this one.</param>
    /// <param name="downtime">From the first failure to now.</param>
    public LongPollReconnected(int failedAttempts, TimeSpan downtime)
    {
        FailedAttempts = failedAttempts;
        Downtime = downtime;
    }

    /// <summary>How many attempts failed before this one.</summary>
    public int FailedAttempts { get; }

    /// <summary>From the first failure to now.</summary>
    public TimeSpan Downtime { get; }

    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"connected again after {FailedAttempts} failed attempt{(FailedAttempts == 1 ? "" : "s")} ({Seconds(Downtime)})");
}

/// <summary>The Long Poll server answered a <c>failed</c> code (or a restart found no usable key) and the session recovers.</summary>
public sealed class LongPollRecoveryStarted : LongPollStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="cause">Why.</param>
    /// <param name="fromPts">The <c>pts</c> recovery starts from.</param>
    public LongPollRecoveryStarted(LongPollRecoveryCause cause, long fromPts)
    {
        Cause = cause;
        FromPts = fromPts;
    }

    /// <summary>Why.</summary>
    public LongPollRecoveryCause Cause { get; }

    /// <summary>The <c>pts</c> recovery starts from.</summary>
    public long FromPts { get; }

    /// <inheritdoc/>
    public override string Describe() => Cause switch
    {
        LongPollRecoveryCause.KeyExpired => "the Long Poll key expired (failed: 2); taking a new one, keeping ts",
        LongPollRecoveryCause.VersionRejected => "the server does not accept this version (failed: 4); renegotiating",
        LongPollRecoveryCause.HistoryLost => string.Create(CultureInfo.InvariantCulture, $"events were lost from the server's memory (failed: 1); fetching them from pts {FromPts}"),
        LongPollRecoveryCause.UserDataLost => string.Create(CultureInfo.InvariantCulture, $"the server lost the session (failed: 3); fetching events from pts {FromPts}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"no usable key in the checkpoint; fetching events from pts {FromPts}"),
    };
}

/// <summary>A recovery is over: the events in the gap were delivered as recovered batches.</summary>
public sealed class LongPollRecoveryFinished : LongPollStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="cause">Why it was needed.</param>
    /// <param name="eventsRecovered">Events fetched through <c>getLongPollHistory</c>.</param>
    /// <param name="fromPts">The <c>pts</c> it started from.</param>
    /// <param name="toPts">The <c>pts</c> it ended at.</param>
    public LongPollRecoveryFinished(LongPollRecoveryCause cause, int eventsRecovered, long fromPts, long toPts)
    {
        Cause = cause;
        EventsRecovered = eventsRecovered;
        FromPts = fromPts;
        ToPts = toPts;
    }

    /// <summary>Why it was needed.</summary>
    public LongPollRecoveryCause Cause { get; }

    /// <summary>Events fetched through <c>getLongPollHistory</c>.</summary>
    public int EventsRecovered { get; }

    /// <summary>The <c>pts</c> it started from.</summary>
    public long FromPts { get; }

    /// <summary>The <c>pts</c> it ended at.</summary>
    public long ToPts { get; }

    /// <inheritdoc/>
    public override string Describe() => Cause is LongPollRecoveryCause.KeyExpired or LongPollRecoveryCause.VersionRejected
        ? "polling again with a new key"
        : string.Create(CultureInfo.InvariantCulture, $"recovered {EventsRecovered} event{(EventsRecovered == 1 ? "" : "s")} (pts {FromPts} to {ToPts})");
}

/// <summary>The session switched Long Poll version after <c>failed: 4</c>.</summary>
public sealed class LongPollVersionChanged : LongPollStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="oldVersion">The version the server refused.</param>
    /// <param name="newVersion">The version used from now on.</param>
    public LongPollVersionChanged(int oldVersion, int newVersion)
    {
        OldVersion = oldVersion;
        NewVersion = newVersion;
    }

    /// <summary>The version the server refused.</summary>
    public int OldVersion { get; }

    /// <summary>The version used from now on.</summary>
    public int NewVersion { get; }

    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"version {OldVersion} is not accepted; switched to {NewVersion}");
}

/// <summary>
/// The gap could not be recovered: the session starts again from now, and the events in between are lost; or, for
/// <see cref="LongPollResyncReason.HistoryTruncated"/>, VK's history begins later and the events before it are lost.
/// </summary>
public sealed class LongPollResynced : LongPollStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="reason">Why VK would not give the gap.</param>
    /// <param name="lostFromPts">The <c>pts</c> from which events are lost.</param>
    /// <param name="newPts">The <c>pts</c> the session continues from (for a truncation: where VK's history begins).</param>
    public LongPollResynced(LongPollResyncReason reason, long lostFromPts, long newPts)
    {
        Reason = reason;
        LostFromPts = lostFromPts;
        NewPts = newPts;
    }

    /// <summary>Why VK would not give the gap.</summary>
    public LongPollResyncReason Reason { get; }

    /// <summary>The <c>pts</c> from which events are lost.</summary>
    public long LostFromPts { get; }

    /// <summary>The <c>pts</c> the session continues from (for a truncation: where VK's history begins).</summary>
    public long NewPts { get; }

    /// <summary>VK's <c>error_code</c> that ended the recovery.</summary>
    public int? ApiErrorCode { get; init; }

    /// <inheritdoc/>
    public override string Describe() => Reason == LongPollResyncReason.HistoryTruncated
        ? string.Create(CultureInfo.InvariantCulture, $"VK's history begins at pts {NewPts}: the events from pts {LostFromPts} to {NewPts} can no longer be fetched; recovering the rest")
        : string.Create(CultureInfo.InvariantCulture,
            $"events from pts {LostFromPts} can no longer be fetched ({Reason}{(ApiErrorCode is { } code ? $", API error {code}" : "")}); continuing from now at pts {NewPts}, the gap is lost");
}

/// <summary>The session ended.</summary>
public sealed class LongPollStopped : LongPollStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="reason">Why.</param>
    public LongPollStopped(LongPollStopReason reason)
    {
        Reason = reason;
    }

    /// <summary>Why.</summary>
    public LongPollStopReason Reason { get; }

    /// <summary>The error that ended it, for <see cref="LongPollStopReason"/> values other than <see cref="LongPollStopReason.Cancelled"/> and <see cref="LongPollStopReason.ConsumerStopped"/>.</summary>
    public Exception? Error { get; init; }

    /// <inheritdoc/>
    public override string Describe() => Reason switch
    {
        LongPollStopReason.Cancelled => "stopped (cancelled)",
        LongPollStopReason.ConsumerStopped => "stopped (the consumer stopped reading)",
        _ => $"stopped: {Error?.Message ?? Reason.ToString()}",
    };
}

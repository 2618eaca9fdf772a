using System.Globalization;

namespace VkLongPoll;

/// <summary>What a session is doing, as a value: reported to <see cref="LongPollClientOptions.OnStatus"/>, logged, and kept in <see cref="LongPollClient.Status"/>.</summary>
/// <remarks>
/// One of <see cref="LongPollStarted"/>, <see cref="LongPollRetrying"/>, <see cref="LongPollReconnected"/>,
/// <see cref="LongPollRecoveryStarted"/>, <see cref="LongPollRecoveryFinished"/>, <see cref="LongPollVersionChanged"/>,
/// <see cref="LongPollResynced"/> and <see cref="LongPollStopped"/>; match on the type. <see cref="ToString"/> gives one
/// plain English line without tokens or keys, so <c>OnStatus = s =&gt; Console.Error.WriteLine(s)</c> is a usable start.
/// </remarks>
public abstract record LongPollStatus
{
    private protected LongPollStatus()
    {
    }

    /// <summary>The session's checkpoint name (never the token).</summary>
    public string SessionName { get; init; } = string.Empty;

    /// <summary>When it happened, on the session's <see cref="LongPollClientOptions.TimeProvider"/>.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>One plain English line saying what happened.</summary>
    public abstract string Describe();

    /// <summary>The session name and <see cref="Describe"/>.</summary>
    public sealed override string ToString() => $"{SessionName}: {Describe()}";

    private protected static string Seconds(TimeSpan delay) =>
        delay < TimeSpan.FromSeconds(1) ? string.Create(CultureInfo.InvariantCulture, $"{delay.TotalMilliseconds:F0} ms") : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(delay.TotalSeconds):F0} s");
}

/// <summary>The session knows where it stands and starts polling.</summary>
/// <param name="Ts">The <c>ts</c> it polls from.</param>
/// <param name="Pts">The <c>pts</c> it would recover from.</param>
/// <param name="Version">The Long Poll version.</param>
/// <param name="Resumed">True when it continues from a checkpoint, false when it starts from now.</param>
public sealed record LongPollStarted(long Ts, long Pts, int Version, bool Resumed) : LongPollStatus
{
    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{(Resumed ? "resumed" : "started")} at ts {Ts}, pts {Pts} (version {Version})");
}

/// <summary>A request failed in a way that passes; the same request is sent again after <see cref="Delay"/>.</summary>
/// <param name="Reason">What went wrong.</param>
/// <param name="Host">The host that was asked (the API's, the Long Poll server's or VK ID's), with its port when it is not the scheme's (an emulator's).</param>
/// <param name="ApiMethod">The API method, or null for a Long Poll request.</param>
/// <param name="Attempt">How many times in a row it has failed (1 for the first failure).</param>
/// <param name="Delay">The pause before the next attempt.</param>
/// <param name="Detail">What the network or the server said, in its words (never a token or key).</param>
public sealed record LongPollRetrying(LongPollRetryReason Reason, string Host, string? ApiMethod, int Attempt, TimeSpan Delay, string Detail) : LongPollStatus
{
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
/// <param name="FailedAttempts">How many attempts failed before this one.</param>
/// <param name="Downtime">From the first failure to now.</param>
public sealed record LongPollReconnected(int FailedAttempts, TimeSpan Downtime) : LongPollStatus
{
    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"connected again after {FailedAttempts} failed attempt{(FailedAttempts == 1 ? "" : "s")} ({Seconds(Downtime)})");
}

/// <summary>The Long Poll server answered a <c>failed</c> code (or a restart found no usable key) and the session recovers.</summary>
/// <param name="Cause">Why.</param>
/// <param name="FromPts">The <c>pts</c> recovery starts from.</param>
public sealed record LongPollRecoveryStarted(LongPollRecoveryCause Cause, long FromPts) : LongPollStatus
{
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
/// <param name="Cause">Why it was needed.</param>
/// <param name="EventsRecovered">Events fetched through <c>getLongPollHistory</c>.</param>
/// <param name="FromPts">The <c>pts</c> it started from.</param>
/// <param name="ToPts">The <c>pts</c> it ended at.</param>
public sealed record LongPollRecoveryFinished(LongPollRecoveryCause Cause, int EventsRecovered, long FromPts, long ToPts) : LongPollStatus
{
    /// <inheritdoc/>
    public override string Describe() => Cause is LongPollRecoveryCause.KeyExpired or LongPollRecoveryCause.VersionRejected
        ? "polling again with a new key"
        : string.Create(CultureInfo.InvariantCulture, $"recovered {EventsRecovered} event{(EventsRecovered == 1 ? "" : "s")} (pts {FromPts} to {ToPts})");
}

/// <summary>The session switched Long Poll version after <c>failed: 4</c>.</summary>
/// <param name="OldVersion">The version the server refused.</param>
/// <param name="NewVersion">The version used from now on.</param>
public sealed record LongPollVersionChanged(int OldVersion, int NewVersion) : LongPollStatus
{
    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"version {OldVersion} is not accepted; switched to {NewVersion}");
}

/// <summary>
/// The gap could not be recovered: the session starts again from now, and the events in between are lost; or, for
/// <see cref="LongPollResyncReason.HistoryTruncated"/>, VK's history begins later and the events before it are lost.
/// </summary>
/// <param name="Reason">Why VK would not give the gap.</param>
/// <param name="LostFromPts">The <c>pts</c> from which events are lost.</param>
/// <param name="NewPts">The <c>pts</c> the session continues from (for a truncation: where VK's history begins).</param>
public sealed record LongPollResynced(LongPollResyncReason Reason, long LostFromPts, long NewPts) : LongPollStatus
{
    /// <summary>VK's <c>error_code</c> that ended the recovery.</summary>
    public int? ApiErrorCode { get; init; }

    /// <inheritdoc/>
    public override string Describe() => Reason == LongPollResyncReason.HistoryTruncated
        ? string.Create(CultureInfo.InvariantCulture, $"VK's history begins at pts {NewPts}: the events from pts {LostFromPts} to {NewPts} can no longer be fetched; recovering the rest")
        : string.Create(CultureInfo.InvariantCulture,
            $"events from pts {LostFromPts} can no longer be fetched ({Reason}{(ApiErrorCode is { } code ? $", API error {code}" : "")}); continuing from now at pts {NewPts}, the gap is lost");
}

/// <summary>The session ended.</summary>
/// <param name="Reason">Why.</param>
public sealed record LongPollStopped(LongPollStopReason Reason) : LongPollStatus
{
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

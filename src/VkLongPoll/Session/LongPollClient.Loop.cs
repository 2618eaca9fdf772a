using System.Globalization;
using System.Runtime.CompilerServices;

namespace VkLongPoll;

/// <summary>The poll loop and its recoveries.</summary>
public sealed partial class LongPollClient
{
    /// <summary>A bound on one a_check answer (VK's are kilobytes; this stops a broken server from exhausting memory).</summary>
    private const int MaxAnswerBytes = 64 * 1024 * 1024;

    /// <summary>Pages in a row that say <c>more</c> without moving <c>new_pts</c> before paging counts as stalled.</summary>
    private const int StalledPagesBeforeResync = 3;

    private async IAsyncEnumerable<LongPollBatch> ReadBatchesCoreAsync(LongPollCheckpoint? from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = from;
        if (state is not null)
        {
            _version = LongPollClientOptions.SupportedVersions.Contains(state.Version) ? state.Version : _version;
        }

        if (state is null)
        {
            var server = await ServerAsync(cancellationToken).ConfigureAwait(false);
            state = new LongPollCheckpoint(server.Ts, server.Pts ?? 0, server.Server, server.Key, _version);

            // The starting point itself, so a store keeps it: a restart before the first event must not start from a later "now".
            yield return new LongPollBatch([], state, Recovered: false);
        }
        else if (state.Server is null || state.Key is null)
        {
            // A restart without a usable key: everything since pts comes from history.
            await foreach (var batch in RecoverAsync(state, LongPollRecoveryCause.NoKeyInCheckpoint, cancellationToken).ConfigureAwait(false))
            {
                state = batch.Checkpoint;
                yield return batch;
            }
        }

        Report(new LongPollStarted(state.Ts, state.Pts, _version, from is not null) { Connected = from is null || from.Server is null || from.Key is null });
        var versionRejections = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (response, problem) = await PollAsync(state, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                await RetryAfterAsync(problem!.Value, PollHost(state), apiMethod: null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            Succeeded();
            if (response.Failed != 4)
            {
                versionRejections = 0;
            }

            if (response.Failed is { } failed)
            {
                LongPollMetrics.Recoveries.Add(1, new KeyValuePair<string, object?>("kind", "failed_" + failed.ToString(CultureInfo.InvariantCulture)));
            }

            switch (response.Failed)
            {
                case null:
                    var next = state with { Ts = response.Ts ?? state.Ts, Pts = response.Pts ?? state.Pts, Version = _version };
                    // An answer that moved ts without updates for us (events this version does not send) still moves the checkpoint.
                    if (response.Updates.Count > 0 || next.Ts != state.Ts || next.Pts != state.Pts)
                    {
                        var updates = await CompleteShortNewAsync(response.Updates, cancellationToken).ConfigureAwait(false);
                        LongPollMetrics.Events.Add(updates.Count);
                        LongPollMetrics.RecordLag(updates, _options.TimeProvider);
                        yield return new LongPollBatch(updates, next, Recovered: false);
                    }

                    state = next;
                    break;
                case 2:
                    Report(new LongPollRecoveryStarted(LongPollRecoveryCause.KeyExpired, state.Pts));
                    var renewed = await ServerAsync(cancellationToken).ConfigureAwait(false);
                    state = state with { Server = renewed.Server, Key = renewed.Key }; // keep ts: nothing is lost
                    Report(new LongPollRecoveryFinished(LongPollRecoveryCause.KeyExpired, 0, state.Pts, state.Pts));
                    yield return new LongPollBatch([], state, Recovered: false); // so a store keeps the live key
                    break;
                case 4:
                    Report(new LongPollRecoveryStarted(LongPollRecoveryCause.VersionRejected, state.Pts));
                    if (++versionRejections > 1)
                    {
                        // failed: 4 again right after renegotiating: the server is confused; do not hammer it.
                        var again = new RetryCause(LongPollRetryReason.VersionRejected, $"failed: 4 again (versions {response.MinVersion}–{response.MaxVersion})");
                        await RetryAfterAsync(again, PollHost(state), apiMethod: null, cancellationToken, attempt: versionRejections - 1).ConfigureAwait(false);
                    }

                    Renegotiate(response.MinVersion ?? 0, response.MaxVersion ?? 0);
                    var server = await ServerAsync(cancellationToken).ConfigureAwait(false);
                    state = state with { Server = server.Server, Key = server.Key, Version = _version };
                    Report(new LongPollRecoveryFinished(LongPollRecoveryCause.VersionRejected, 0, state.Pts, state.Pts));
                    yield return new LongPollBatch([], state, Recovered: false); // a new version, server and key: a store keeps them
                    break;
                default:
                    // 1: history lost; 3: user data lost (and the key with it). Both: recover from pts.
                    var cause = response.Failed == 3 ? LongPollRecoveryCause.UserDataLost : LongPollRecoveryCause.HistoryLost;
                    await foreach (var batch in RecoverAsync(state with { Server = null, Key = null }, cause, cancellationToken).ConfigureAwait(false))
                    {
                        state = batch.Checkpoint;
                        yield return batch;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Fetches everything persistent since <paramref name="state"/>'s pts, page by page, then resumes with the
    /// credentials of the last page (a ts that matches the pts it ends at, so nothing comes twice).
    /// </summary>
    /// <remarks>
    /// Only 907, 908 and 990 (and errors that keep repeating, <see cref="HistoryGivesUp"/>), a stalled paging or a
    /// truncated history lose events, each reported as <see cref="LongPollResynced"/>; error 10 is VK's outage while the
    /// <c>pts</c> is good (VK ties it to an old <c>ts</c>, which is never sent) and is retried for as long as it lasts.
    /// </remarks>
    private async IAsyncEnumerable<LongPollBatch> RecoverAsync(LongPollCheckpoint state, LongPollRecoveryCause cause, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One span from the failed code to polling again (it stays open while the consumer takes the recovered batches).
        using var activity = LongPollMetrics.Source.StartActivity("vk.longpoll.recovery", System.Diagnostics.ActivityKind.Internal);
        activity?.SetTag("vk.longpoll.session", Name);
        activity?.SetTag("vk.longpoll.recovery.cause", cause.ToString());
        activity?.SetTag("vk.longpoll.from_pts", state.Pts);
        Report(new LongPollRecoveryStarted(cause, state.Pts));
        var pts = state.Pts;
        var startPts = pts;
        var recovered = 0;
        var stalled = 0;
        while (true)
        {
            LongPollHistory? history = null;
            var unusable = 0;
            try
            {
                // Only pts: VK recovers persistent events from it, and a ts older than about a day would make it answer error 10.
                history = await ResilientAsync("messages.getLongPollHistory", () => _api.GetLongPollHistoryAsync(pts, null, Decoder(), _options.GroupId, cancellationToken), cancellationToken,
                    giveUp: HistoryGivesUp).ConfigureAwait(false);
            }
            catch (VkApiException e) when (e.ErrorCode is 907 or 908 or 990 or 36 or 100 or 927)
            {
                unusable = e.ErrorCode;
            }

            if (history is not null && history.More && (history.NewPts ?? pts) <= pts)
            {
                // A page that did not move pts brings no persistent event not already delivered: ask again, a few times;
                // "more" for ever from the same pts is a resync, never a spin.
                if (++stalled < StalledPagesBeforeResync)
                {
                    continue;
                }

                history = null;
            }

            if (history is null)
            {
                // The pts is unusable: start over from now. What happened in between cannot be fetched.
                var fresh = await ServerAsync(cancellationToken).ConfigureAwait(false);
                var reason = unusable switch
                {
                    0 => LongPollResyncReason.PagingStalled,
                    907 => LongPollResyncReason.HistoryTooOld,
                    990 => LongPollResyncReason.DeviceCacheDropped,
                    908 => LongPollResyncReason.HistoryUnavailable,
                    _ => LongPollResyncReason.HistoryRefused,
                };
                Report(new LongPollResynced(reason, pts, fresh.Pts ?? 0) { ApiErrorCode = unusable == 0 ? null : unusable });
                activity?.SetTag("vk.longpoll.resynced", reason.ToString());
                yield return new LongPollBatch([], new LongPollCheckpoint(fresh.Ts, fresh.Pts ?? 0, fresh.Server, fresh.Key, _version), Recovered: true);
                yield break;
            }

            LongPollMetrics.HistoryPages.Add(1);
            var newPts = history.NewPts ?? pts;
            stalled = 0;
            if (history.FromPts is { } from && from > pts)
            {
                // VK's history begins later than asked (vk-desktop: "glph история обрезалась"): say what is lost, keep the rest.
                Report(new LongPollResynced(LongPollResyncReason.HistoryTruncated, pts, from));
                activity?.SetTag("vk.longpoll.truncated_to", from);
            }

            if (history.More)
            {
                history = await CompleteCutMessagesAsync(history, pts, cancellationToken).ConfigureAwait(false);
            }

            LongPollMetrics.Events.Add(history.Events.Count);
            var credentials = history.Credentials;
            // While paging, a restart must recover again from the new pts: no server or key in the checkpoint.
            var checkpoint = !history.More && credentials is not null && (credentials.Pts ?? newPts) == newPts
                ? new LongPollCheckpoint(credentials.Ts, newPts, credentials.Server, credentials.Key, _version)
                : new LongPollCheckpoint(state.Ts, newPts, null, null, _version);
            recovered += history.Events.Count;
            if (history.Events.Count > 0 || checkpoint.Key is not null)
            {
                yield return new LongPollBatch(history.Events, checkpoint, Recovered: true);
            }

            if (checkpoint.Key is not null)
            {
                Report(new LongPollRecoveryFinished(cause, recovered, startPts, newPts));
                activity?.SetTag("vk.longpoll.events_recovered", recovered);
                yield break;
            }

            if (!history.More && credentials is null)
            {
                // No credentials: take a fresh server and ask history again for anything that came in between.
                var fresh = await ServerAsync(cancellationToken).ConfigureAwait(false);
                if ((fresh.Pts ?? newPts) == newPts)
                {
                    Report(new LongPollRecoveryFinished(cause, recovered, startPts, newPts));
                    activity?.SetTag("vk.longpoll.events_recovered", recovered);
                    yield return new LongPollBatch([], new LongPollCheckpoint(fresh.Ts, newPts, fresh.Server, fresh.Key, _version), Recovered: true);
                    yield break;
                }
            }

            pts = newPts;
        }
    }

    /// <summary>
    /// When a history error that repeats stops being retried: 36 (the method's own timeout) after 5 in a row, 100 and 927
    /// (a parameter or a chat VK will not take) after 3. Error 10 never: it is VK's outage, and the pts stays good.
    /// </summary>
    private static bool HistoryGivesUp(Exception e, int failures) => e is VkApiException api && api.ErrorCode switch
    {
        36 => failures >= 5,
        100 or 927 => failures >= 3,
        _ => false,
    };

    private Task<LongPollServer> ServerAsync(CancellationToken cancellationToken) =>
        ResilientAsync("messages.getLongPollServer", () => _api.GetLongPollServerAsync(_version, _options.GroupId, cancellationToken), cancellationToken);

    private Task<T> ResilientAsync<T>(string method, Func<Task<T>> call, CancellationToken cancellationToken, Func<Exception, int, bool>? giveUp = null) =>
        _pacing.ResilientAsync(method, call, cancellationToken, giveUp);

    /// <summary>One a_check; a null response with the cause for anything that should be retried with the same ts.</summary>
    private async Task<(LongPollResponse? Response, RetryCause? Problem)> PollAsync(LongPollCheckpoint state, CancellationToken cancellationToken)
    {
        using var activity = LongPollMetrics.Source.StartActivity("vk.longpoll.poll", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("vk.longpoll.session", Name);
        activity?.SetTag("server.address", PollHost(state));
        activity?.SetTag("vk.longpoll.version", _version);
        var (response, problem) = await PollOnceAsync(state, cancellationToken).ConfigureAwait(false);
        if (activity is not null)
        {
            if (response is not null)
            {
                activity.SetTag("vk.longpoll.events", response.Updates.Count);
                activity.SetTag("vk.longpoll.failed", response.Failed);
            }
            else if (problem is { } cause)
            {
                activity.SetTag("vk.longpoll.retry_reason", cause.Reason.ToString());
                activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, cause.Detail);
            }
        }

        return (response, problem);
    }

    private Task<(LongPollResponse? Answer, RetryCause? Problem)> PollOnceAsync(LongPollCheckpoint state, CancellationToken cancellationToken)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{PollRequest.BaseOf(state.Server!)}?act=a_check&key={Uri.EscapeDataString(state.Key!)}&ts={state.Ts}&wait={_options.Wait}&mode={_options.EffectiveMode(_version)}&version={_version}"));
        var limit = TimeSpan.FromSeconds(_options.Wait) + _options.RequestTimeoutMargin;
        // Read into a pooled buffer and decoded there: no per-poll byte[] beyond the events themselves.
        return PollRequest.GetAsync(_http, uri, "the Long Poll server", limit, _options.TimeProvider, MaxAnswerBytes, body => Decoder().ReadResponse(body), cancellationToken);
    }

    private static string PollHost(LongPollCheckpoint state) => PollRequest.HostOf(state.Server!);

    private void Renegotiate(int min, int max)
    {
        if (_version >= min && _version <= max)
        {
            return; // ours is accepted: the answer was a glitch, ask again
        }

        var chosen = LongPollClientOptions.SupportedVersions.FirstOrDefault(v => v >= min && v <= max, -1);
        if (chosen < 0)
        {
            throw new LongPollVersionException(min, max);
        }

        Report(new LongPollVersionChanged(_version, chosen));
        _version = chosen;
    }
}

using System.Buffers;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using VkLongPoll.Api;
using VkLongPoll.Protocol;

namespace VkLongPoll.Session;

/// <summary>The poll loop and its recoveries.</summary>
public sealed partial class LongPollClient
{
    /// <summary>A bound on one a_check answer (VK's are kilobytes; this stops a broken server from exhausting memory).</summary>
    private const int MaxAnswerBytes = 64 * 1024 * 1024;

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
            await foreach (var batch in RecoverAsync(state, cancellationToken).ConfigureAwait(false))
            {
                state = batch.Checkpoint;
                yield return batch;
            }
        }

        SessionLog.Started(_logger, Name, state.Ts, state.Pts, _version);
        var attempt = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (response, problem) = await PollAsync(state, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                var delay = Backoff.For(attempt, _options.RetryDelay, _options.MaxRetryDelay);
                SessionLog.Retrying(_logger, problem!, ++attempt, state.Ts, delay);
                LongPollMetrics.Retries.Add(1);
                await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            attempt = 0;
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
                        LongPollMetrics.Events.Add(response.Updates.Count);
                        LongPollMetrics.RecordLag(response.Updates, _options.TimeProvider);
                        yield return new LongPollBatch(response.Updates, next, Recovered: false);
                    }

                    state = next;
                    break;
                case 2:
                    SessionLog.Failed(_logger, 2);
                    var renewed = await ServerAsync(cancellationToken).ConfigureAwait(false);
                    state = state with { Server = renewed.Server, Key = renewed.Key }; // keep ts: nothing is lost
                    yield return new LongPollBatch([], state, Recovered: false); // so a store keeps the live key
                    break;
                case 4:
                    SessionLog.Failed(_logger, 4);
                    Renegotiate(response.MinVersion ?? 0, response.MaxVersion ?? 0);
                    var server = await ServerAsync(cancellationToken).ConfigureAwait(false);
                    state = state with { Server = server.Server, Key = server.Key, Version = _version };
                    break;
                default:
                    // 1: history lost; 3: user data lost (and the key with it). Both: recover from pts.
                    SessionLog.Failed(_logger, response.Failed.Value);
                    await foreach (var batch in RecoverAsync(state with { Server = null, Key = null }, cancellationToken).ConfigureAwait(false))
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
    private async IAsyncEnumerable<LongPollBatch> RecoverAsync(LongPollCheckpoint state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pts = state.Pts;
        var startPts = pts;
        var recovered = 0;
        while (true)
        {
            LongPollHistory? history = null;
            var unusable = 0;
            try
            {
                history = await ResilientAsync(() => _api.GetLongPollHistoryAsync(pts, state.Ts, Decoder(), _options.GroupId, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (VkApiException e) when (e.ErrorCode is 907 or 908)
            {
                unusable = e.ErrorCode;
            }

            if (history is null)
            {
                // The pts is unusable: start over from now. What happened in between cannot be fetched.
                SessionLog.Resync(_logger, pts, unusable);
                var fresh = await ServerAsync(cancellationToken).ConfigureAwait(false);
                yield return new LongPollBatch([], new LongPollCheckpoint(fresh.Ts, fresh.Pts ?? 0, fresh.Server, fresh.Key, _version), Recovered: true);
                yield break;
            }

            LongPollMetrics.HistoryPages.Add(1);
            LongPollMetrics.Events.Add(history.Events.Count);
            var newPts = history.NewPts ?? pts;
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
                SessionLog.Recovered(_logger, recovered, startPts, newPts);
                yield break;
            }

            if (!history.More && credentials is null)
            {
                // No credentials: take a fresh server and ask history again for anything that came in between.
                var fresh = await ServerAsync(cancellationToken).ConfigureAwait(false);
                if ((fresh.Pts ?? newPts) == newPts)
                {
                    SessionLog.Recovered(_logger, recovered, startPts, newPts);
                    yield return new LongPollBatch([], new LongPollCheckpoint(fresh.Ts, newPts, fresh.Server, fresh.Key, _version), Recovered: true);
                    yield break;
                }
            }

            pts = newPts;
        }
    }

    private Task<LongPollServer> ServerAsync(CancellationToken cancellationToken) =>
        ResilientAsync(() => _api.GetLongPollServerAsync(_version, _options.GroupId, cancellationToken), cancellationToken);

    /// <summary>
    /// An API call that outlives outages: network failures, unreadable answers and VK errors that pass are retried
    /// with the session's backoff for as long as it takes. A rejected token, a captcha nobody answered and other
    /// API errors are not: retrying cannot fix them.
    /// </summary>
    private async Task<T> ResilientAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsTransient(e))
            {
                var delay = Backoff.For(attempt, _options.RetryDelay, _options.MaxRetryDelay);
                SessionLog.Retrying(_logger, "API: " + e.GetType().Name, attempt + 1, -1, delay);
                LongPollMetrics.Retries.Add(1);
                await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        VkAuthorizationException or VkCaptchaException => false,
        VkApiException api => api.ErrorCode is 1 or 6 or 9 or 10 or 36,
        HttpRequestException or LongPollProtocolException or OperationCanceledException => true,
        _ => false,
    };

    /// <summary>One a_check; a null response with a reason for anything that should be retried with the same ts.</summary>
    private async Task<(LongPollResponse? Response, string? Problem)> PollAsync(LongPollCheckpoint state, CancellationToken cancellationToken)
    {
        var server = state.Server!;
        var baseUri = server.StartsWith("http://", StringComparison.Ordinal) || server.StartsWith("https://", StringComparison.Ordinal) ? server : "https://" + server;
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{baseUri}?act=a_check&key={Uri.EscapeDataString(state.Key!)}&ts={state.Ts}&wait={_options.Wait}&mode={_options.EffectiveMode(_version)}&version={_version}"));
        Transport.EnsureSecure(uri, "the Long Poll server");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.Wait) + _options.RequestTimeoutMargin, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            return (await ReadAnswerAsync(response.Content, linked.Token).ConfigureAwait(false), null);
        }
        catch (IOException e)
        {
            // The body broke off mid-way (a reset, a truncated answer): read with the headers only, it surfaces here.
            return (null, e is HttpIOException http ? http.HttpRequestError.ToString() : "connection lost");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timed out");
        }
        catch (HttpRequestException e)
        {
            return (null, e.HttpRequestError.ToString());
        }
        catch (LongPollProtocolException e)
        {
            return (null, "unreadable answer: " + e.Reason);
        }
    }

    /// <summary>Reads the body into a pooled buffer and decodes it there: no per-poll byte[] beyond the events themselves.</summary>
    private async Task<LongPollResponse> ReadAnswerAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > MaxAnswerBytes)
        {
            throw new LongPollProtocolException($"the answer is larger than {MaxAnswerBytes} bytes", 0);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(declared ?? 16 * 1024, 256));
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var filled = 0;
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        if (buffer.Length >= MaxAnswerBytes)
                        {
                            throw new LongPollProtocolException($"the answer is larger than {MaxAnswerBytes} bytes", filled);
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return Decoder().ReadResponse(buffer.AsSpan(0, filled));
                    }

                    filled += read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

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

        SessionLog.VersionChanged(_logger, _version, chosen);
        _version = chosen;
    }
}

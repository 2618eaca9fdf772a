using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace VkLongPoll.Community;

/// <summary>
/// The Bots Long Poll of one community: <c>groups.getLongPollServer</c>, then <c>{server}?act=a_check&amp;key=&amp;ts=&amp;wait=</c>
/// for ever. <c>failed: 1</c> (the <c>ts</c> is outdated and the events in between are gone: VK gives the <c>ts</c> to go
/// on from), <c>2</c> (the key expired: a new one, the same <c>ts</c>) and <c>3</c> (the information is lost: a new key and
/// <c>ts</c>) are followed as VK defines them; HTTP errors, timeouts, resets and unreadable answers retry the same <c>ts</c>.
/// </summary>
internal sealed class BotsLongPollTransport
{
    /// <summary>A bound on one answer (VK's are kilobytes).</summary>
    private const int MaxAnswerBytes = 64 * 1024 * 1024;

    private readonly long _groupId;
    private readonly VkApiClient _api;
    private readonly HttpClient _http;
    private readonly LongPollClientOptions _options;
    private readonly SessionPacing _pacing;

    public BotsLongPollTransport(long groupId, VkApiClient api, HttpClient http, LongPollClientOptions options, SessionPacing pacing)
    {
        _groupId = groupId;
        _api = api;
        _http = http;
        _options = options;
        _pacing = pacing;
    }

    /// <summary><c>groups.getLongPollServer</c>, retried through outages.</summary>
    public Task<LongPollServer> ServerAsync(CancellationToken cancellationToken) =>
        _pacing.ResilientAsync("groups.getLongPollServer", async () =>
        {
            var body = await _api.CallAsync("groups.getLongPollServer", [new("group_id", _groupId.ToString(CultureInfo.InvariantCulture))], cancellationToken).ConfigureAwait(false);
            return ApiEnvelope.ReadLongPollServer(body);
        }, cancellationToken);

    /// <summary>Polls from <paramref name="ts"/> with <paramref name="server"/> and <paramref name="key"/>, writing each answer that moved to <paramref name="output"/>.</summary>
    public async Task RunAsync(long ts, string server, string key, ChannelWriter<TransportBatch> output, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (answer, problem) = await PollAsync(server, key, ts, cancellationToken).ConfigureAwait(false);
            if (answer is null)
            {
                await _pacing.RetryAfterAsync(problem!.Value, PollRequest.HostOf(server), apiMethod: null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            _pacing.Succeeded();
            switch (answer.Failed)
            {
                case null:
                    if (answer.Updates.Count > 0 || answer.Ts != ts)
                    {
                        LongPollMetrics.Events.Add(answer.Updates.Count);
                        ts = answer.Ts ?? ts;
                        await output.WriteAsync(new TransportBatch(CommunityTransport.BotsLongPoll, answer.Updates, ts, server, key), cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case 1 when answer.Ts is { } next:
                    // The ts is older than the server keeps: VK says where to go on from, and what was in between is gone.
                    // (A failed 1 without the ts to go on from is taken as 3: a new key and ts, never the same ts again.)
                    LongPollMetrics.Recoveries.Add(1, new KeyValuePair<string, object?>("kind", "bots_failed_1"));
                    await output.WriteAsync(new TransportBatch(CommunityTransport.BotsLongPoll, [], next, server, key)
                    {
                        Gap = LongPollRecoveryCause.HistoryLost,
                        LostEvents = next > ts ? next - ts : null,
                    }, cancellationToken).ConfigureAwait(false);
                    ts = next;
                    break;
                case 2:
                    LongPollMetrics.Recoveries.Add(1, new KeyValuePair<string, object?>("kind", "bots_failed_2"));
                    _pacing.Report(new LongPollRecoveryStarted(LongPollRecoveryCause.KeyExpired, 0));
                    var renewed = await ServerAsync(cancellationToken).ConfigureAwait(false);
                    (server, key) = (renewed.Server, renewed.Key); // keep ts: nothing is lost
                    _pacing.Report(new LongPollRecoveryFinished(LongPollRecoveryCause.KeyExpired, 0, 0, 0));
                    await output.WriteAsync(new TransportBatch(CommunityTransport.BotsLongPoll, [], ts, server, key), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    // 3: the information is lost; a new key and ts, and the events in between are gone from this transport.
                    LongPollMetrics.Recoveries.Add(1, new KeyValuePair<string, object?>("kind", "bots_failed_" + answer.Failed.Value.ToString(CultureInfo.InvariantCulture)));
                    var fresh = await ServerAsync(cancellationToken).ConfigureAwait(false);
                    (server, key, ts) = (fresh.Server, fresh.Key, fresh.Ts);
                    await output.WriteAsync(new TransportBatch(CommunityTransport.BotsLongPoll, [], ts, server, key) { Gap = LongPollRecoveryCause.UserDataLost }, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task<(BotsAnswer? Answer, RetryCause? Problem)> PollAsync(string server, string key, long ts, CancellationToken cancellationToken)
    {
        using var activity = LongPollMetrics.Source.StartActivity("vk.longpoll.poll", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("vk.longpoll.session", _pacing.Name);
        activity?.SetTag("vk.longpoll.transport", "bots");
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{PollRequest.BaseOf(server)}?act=a_check&key={Uri.EscapeDataString(key)}&ts={ts}&wait={_options.Wait}"));
        var limit = TimeSpan.FromSeconds(_options.Wait) + _options.RequestTimeoutMargin;
        var (answer, problem) = await PollRequest.GetAsync(_http, uri, "the Bots Long Poll server", limit, _options.TimeProvider, MaxAnswerBytes, BotsAnswer.Read, cancellationToken).ConfigureAwait(false);
        if (answer is not null)
        {
            activity?.SetTag("vk.longpoll.events", answer.Updates.Count);
        }
        else if (problem is { } cause)
        {
            activity?.SetTag("vk.longpoll.retry_reason", cause.Reason.ToString());
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, cause.Detail);
        }

        return (answer, problem);
    }

    /// <summary>One a_check answer: <c>{"ts":"N","updates":[…]}</c> or <c>{"failed":N[,"ts":N]}</c>.</summary>
    private sealed record BotsAnswer(long? Ts, int? Failed, IReadOnlyList<CommunityEvent> Updates)
    {
        public static BotsAnswer Read(ReadOnlySpan<byte> body)
        {
            try
            {
                // Forwarded messages nest deep (the reader takes 256 levels, as the Callback endpoint does).
                var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
                using var document = JsonDocument.ParseValue(ref reader);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new LongPollProtocolException("a Bots Long Poll answer must be a JSON object", 0);
                }

                long? ts = root.TryGetProperty("ts", out var t) ? Number(t) : null;
                int? failed = root.TryGetProperty("failed", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt32() : null;
                if (failed is null && (ts is null || !root.TryGetProperty("updates", out _)))
                {
                    throw new LongPollProtocolException("a Bots Long Poll answer has neither failed nor ts and updates", 0);
                }

                var updates = failed is null && root.TryGetProperty("updates", out var list) && list.ValueKind == JsonValueKind.Array
                    ? CommunityEventReader.ReadUpdates(list)
                    : [];
                return new BotsAnswer(ts, failed, updates);
            }
            catch (JsonException e)
            {
                throw new LongPollProtocolException("the Bots Long Poll answer is not JSON: " + e.Message, e.BytePositionInLine ?? 0, e);
            }
        }

        private static long? Number(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }
}

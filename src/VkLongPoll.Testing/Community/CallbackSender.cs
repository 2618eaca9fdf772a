using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Community;

/// <summary>
/// VK's Callback API, the sending side: for each configured server of each community, confirm the address, then POST
/// every wanted event in order and wait for <c>ok</c>; retry with <c>X-Retry-Counter</c>, honour <c>Retry-After</c>, pause
/// a server after failures in a row. Waits run on the world's clock; every request is bounded; redirects are not followed.
/// </summary>
/// <remarks>
/// VK's rules it follows (sources in docs/real-vk.md, "Communities"): a delivery counts only as HTTP 200 with the body
/// <c>ok</c>; <c>confirmation</c> must be answered with the community's code; after several errors in a row VK stops
/// sending for a while; a body <c>remove</c> deletes the server. The retry schedule and answer timeout are not published
/// by VK: <see cref="EmulatorOptions.CallbackRetryDelay"/> (doubling), <see cref="EmulatorOptions.CallbackTimeout"/>.
/// </remarks>
internal sealed class CallbackSender : IAsyncDisposable
{
    private readonly World _world;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public CallbackSender(World world)
    {
        _world = world;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        // Receivers in tests are loopback servers with self-signed certificates: any certificate on loopback, a valid one elsewhere.
        handler.SslOptions.RemoteCertificateValidationCallback = (sender, _, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None || (sender is System.Net.Security.SslStream stream && IsLoopback(stream.TargetHostName));
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("VKCallbackAPI-Emulator/1.0");
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    public void Start()
    {
        foreach (var community in _world.Communities)
        {
            _loops.Add(Task.Run(() => WatchAsync(community, _stop.Token)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _http.Dispose();
        _stop.Dispose();
    }

    /// <summary>Starts a loop for every server a community gets.</summary>
    private async Task WatchAsync(EmulatedCommunity community, CancellationToken stop)
    {
        var running = new HashSet<long>();
        var loops = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            Task changed;
            List<CallbackServer> servers;
            lock (community.Sync)
            {
                changed = community.Changed;
                servers = community.CallbackServers.Where(s => !s.Removed && running.Add(s.Id)).ToList();
            }

            loops.AddRange(servers.Select(server => Task.Run(() => SendAsync(community, server, stop), CancellationToken.None)));
            try
            {
                await changed.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task SendAsync(EmulatedCommunity community, CallbackServer server, CancellationToken stop)
    {
        var options = _world.Options;
        var retry = 0;
        var failuresInRow = 0;
        while (!stop.IsCancellationRequested)
        {
            CommunityEvent? next = null;
            Task wake;
            string code;
            bool confirmed, configured;
            lock (community.Sync)
            {
                if (server.Removed)
                {
                    return;
                }

                code = community.ConfirmationCode;
                confirmed = server.ConfirmedCode == code;
                configured = server.Events.Count > 0;
                wake = Task.WhenAny(community.Changed, community.Log.Appended);
                if (configured && confirmed)
                {
                    // Walked in place, not copied: a sender far behind (retries, a pause) must not copy the journal's tail per event.
                    next = community.Log.FirstAfter(server.DeliveredTs, e => server.Events.Contains(e.Type), passedOver => server.DeliveredTs = passedOver);
                }
            }

            Outcome outcome;
            if (!configured)
            {
                await WaitAsync(wake, stop).ConfigureAwait(false); // unconfigured: nothing to send until events are chosen
                continue;
            }
            else if (!confirmed)
            {
                outcome = await ConfirmAsync(community, server, code, stop).ConfigureAwait(false);
            }
            else if (next is null)
            {
                await WaitAsync(wake, stop).ConfigureAwait(false);
                continue;
            }
            else
            {
                outcome = await DeliverAsync(community, server, next, retry, stop).ConfigureAwait(false);
            }

            if (outcome.Ok)
            {
                // A confirmation is not the event: the event still owes its retry count (VK's X-Retry-Counter is per event).
                retry = next is null ? retry : 0;
                failuresInRow = 0;
                continue;
            }

            retry = next is null ? retry : retry + 1;
            if (++failuresInRow >= options.CallbackFailuresBeforePause)
            {
                // VK: "If a server returns several errors in a row, Callback API will temporarily stop sending notifications to it."
                lock (community.Sync)
                {
                    server.Status = "failed";
                }

                failuresInRow = 0;
                await DelayAsync(options.CallbackPause, stop).ConfigureAwait(false);
                lock (community.Sync)
                {
                    server.ConfirmedCode = null; // a paused server is confirmed again before it gets events
                }

                continue;
            }

            var backoff = options.CallbackRetryDelay * Math.Pow(2, Math.Clamp(retry - 1, 0, 10));
            await DelayAsync(outcome.RetryAfter ?? backoff, stop).ConfigureAwait(false);
        }
    }

    /// <summary><c>{"type":"confirmation","group_id":G}</c> (with <c>secret</c> when set); the trimmed answer must be the code.</summary>
    private async Task<Outcome> ConfirmAsync(EmulatedCommunity community, CallbackServer server, string code, CancellationToken stop)
    {
        Uri url;
        string secret;
        lock (community.Sync)
        {
            server.Status = "wait";
            url = server.Url;
            secret = server.SecretKey;
        }

        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"type":"confirmation","group_id":{{community.Id}}""")
            + (secret.Length > 0 ? $",\"secret\":{System.Text.Json.JsonSerializer.Serialize(secret)}" : string.Empty) + "}");
        var answer = await PostAsync(url, new ByteArrayContent(body), retry: 0, stop).ConfigureAwait(false);
        lock (community.Sync)
        {
            var ok = answer.Status == HttpStatusCode.OK && answer.Body?.Trim() == code;
            server.ConfirmedCode = ok ? code : null;
            server.Status = ok ? "ok" : "failed";
            return answer with { Ok = ok };
        }
    }

    private async Task<Outcome> DeliverAsync(EmulatedCommunity community, CallbackServer server, CommunityEvent e, int retry, CancellationToken stop)
    {
        // One fault per event, drawn on its first try: its retries are the fault's consequence, not new chances for one.
        var fault = retry == 0 ? community.CallbackFaults.Next() : null;
        Uri url;
        byte[] body;
        lock (community.Sync)
        {
            url = server.Url;
            body = CommunityUpdate.Callback(community.Id, e.Type, e.EventId, server.ApiVersion, e.Object, server.SecretKey);
        }

        if (fault == CallbackFaultKind.RotateCode)
        {
            community.RotateConfirmationCode();
            return new Outcome(true, null, null, null); // the loop confirms again (new code) and then sends this event
        }

        if (fault == CallbackFaultKind.ForgedSecret)
        {
            // Someone else's request: a wrong secret and an event id VK never made. Its answer does not matter.
            var forgedId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            var forged = CommunityUpdate.Callback(community.Id, e.Type, forgedId, server.ApiVersion, e.Object, "forged-" + forgedId[..8]);
            await PostAsync(url, new ByteArrayContent(forged), retry: 0, stop).ConfigureAwait(false);
        }

        HttpContent content = fault == CallbackFaultKind.ServerError ? new AbandonedContent(body) : new ByteArrayContent(body);
        var answer = await PostAsync(url, content, retry, stop).ConfigureAwait(false);
        var ok = answer.Status == HttpStatusCode.OK && answer.Body?.Trim() == "ok" && fault is not (CallbackFaultKind.TimeoutAfterRecord or CallbackFaultKind.ServerError);
        lock (community.Sync)
        {
            if (answer.Status == HttpStatusCode.OK && answer.Body?.Trim() == "remove")
            {
                // VK (2021): a server may switch itself off by answering "remove".
                server.Removed = true;
                return answer with { Ok = true };
            }

            if (ok)
            {
                server.DeliveredTs = e.Ts;
                server.Status = "ok";
            }
        }

        if (ok && fault == CallbackFaultKind.Duplicate)
        {
            await PostAsync(url, new ByteArrayContent(body), retry: 0, stop).ConfigureAwait(false);
        }

        return answer with { Ok = ok };
    }

    /// <summary>One bounded POST; any failure to get an answer is an outcome, not an exception.</summary>
    private async Task<Outcome> PostAsync(Uri url, HttpContent content, int retry, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(_world.Options.CallbackTimeout, _world.Time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stop);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/json");
        if (retry > 0)
        {
            request.Headers.Add("X-Retry-Counter", retry.ToString(CultureInfo.InvariantCulture));
        }

        try
        {
            using var response = await _http.SendAsync(request, both.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(both.Token).ConfigureAwait(false);
            return new Outcome(false, response.StatusCode, text, RetryAfter(response));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !stop.IsCancellationRequested)
        {
            return new Outcome(false, null, null, null);
        }
    }

    /// <summary><c>Retry-After</c> on 429/503/410, in seconds or as a date (vksdk sends a date), capped at VK's 3 hours.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.Gone)
            || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - _world.Time.GetUtcNow() : TimeSpan.Zero);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromHours(3) ? TimeSpan.FromHours(3) : wait;
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, _world.Time, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private static async Task WaitAsync(Task wake, CancellationToken stop)
    {
        try
        {
            await wake.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>What an attempt came to: ok, the HTTP status and body (null when there was no answer), and a <c>Retry-After</c>.</summary>
    private sealed record Outcome(bool Ok, HttpStatusCode? Status, string? Body, TimeSpan? RetryAfter);
}

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VkLongPoll.Testing.Hosting;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Community;

/// <summary>
/// Bots Long Poll at the <c>server</c> <c>groups.getLongPollServer</c> hands out (<c>/wh{group_id}</c>):
/// <c>?act=a_check&amp;key=&amp;ts=&amp;wait=</c> → <c>{"ts": "N", "updates": [...]}</c>, held up to <c>wait</c> seconds (at most 90).
/// </summary>
/// <remarks>
/// <c>failed</c> as dev.vk.com's Bots Long Poll page has it: 1 — events lost, go on from the <c>ts</c> given (a number
/// there, vksdk's longpoll-bot notes <c>{"ts":8,"failed":1}</c>); 2 — the key expired, get a new one and keep your ts;
/// 3 — information lost, get a new key and ts. Faults come from their own <see cref="FaultInjector"/>, keyed by <c>-group_id</c>.
/// </remarks>
internal sealed class BotsLongPollEndpoint(World world, FaultInjector faults)
{
    private const int MaxWaitSeconds = 90;

    public async Task HandleAsync(HttpContext context, long groupId)
    {
        var aborted = context.RequestAborted;
        var parameters = await RequestParameters.ReadAsync(context.Request, aborted).ConfigureAwait(false);
        var community = world.Communities.Find(c => c.Id == groupId);
        if (community is null || parameters["act"] != "a_check")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (faults.Next(-groupId) is { } fault && await ApplyFaultAsync(context, community, fault).ConfigureAwait(false))
        {
            return;
        }

        if (!community.IsKeyValid(parameters["key"]))
        {
            await WriteAsync(context, """{"failed":2}""").ConfigureAwait(false);
            return;
        }

        var wait = TimeSpan.FromSeconds(Math.Clamp(parameters.Int64("wait", 0) ?? 0, 0, MaxWaitSeconds));
        var ts = parameters.Int64("ts", -1) ?? -1;
        using var waited = new CancellationTokenSource(wait, world.Time);
        using var waitOrAbort = CancellationTokenSource.CreateLinkedTokenSource(waited.Token, aborted);
        while (true)
        {
            List<CommunityEvent>? events;
            Task appended;
            long currentTs;
            string version;
            lock (community.Sync)
            {
                events = community.Log.After(ts);
                appended = community.Log.Appended;
                currentTs = community.Log.Ts;
                version = community.LongPollApiVersion;
                events = events?.Where(e => community.LongPollEvents.Contains(e.Type)).ToList();
            }

            if (events is null)
            {
                await WriteAsync(context, string.Create(CultureInfo.InvariantCulture, $$"""{"failed":1,"ts":{{currentTs}}}""")).ConfigureAwait(false);
                return;
            }

            if (events.Count > 0 || waited.IsCancellationRequested)
            {
                await WriteAsync(context, Encode(community.Id, events, currentTs, version)).ConfigureAwait(false);
                return;
            }

            try
            {
                await appended.WaitAsync(waitOrAbort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                // wait ran out: answer with nothing and the current ts.
            }
        }
    }

    private static string Encode(long groupId, List<CommunityEvent> events, long ts, string version)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Wire.JsonOptions.Writer))
        {
            json.WriteStartObject();
            json.WriteString("ts", ts.ToString(CultureInfo.InvariantCulture));
            json.WriteStartArray("updates");
            foreach (var e in events)
            {
                CommunityUpdate.WriteLongPoll(json, groupId, e, version);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Answers with the fault; false when it only delays the normal answer. <c>failed: 1</c> gives the newest ts, so the
    /// events in between are lost to this poller, as with VK (they stay in the journal and in getLongPollHistory).
    /// </summary>
    private async Task<bool> ApplyFaultAsync(HttpContext context, EmulatedCommunity community, FaultKind fault)
    {
        long ts;
        lock (community.Sync)
        {
            ts = community.Log.Ts;
        }

        switch (fault)
        {
            case FaultKind.Failed1:
                await WriteAsync(context, string.Create(CultureInfo.InvariantCulture, $$"""{"failed":1,"ts":{{ts}}}""")).ConfigureAwait(false);
                return true;
            case FaultKind.Failed2:
                community.ExpireKeys();
                await WriteAsync(context, """{"failed":2}""").ConfigureAwait(false);
                return true;
            case FaultKind.Failed3:
                community.ExpireKeys();
                await WriteAsync(context, """{"failed":3}""").ConfigureAwait(false);
                return true;
            case FaultKind.Http500 or FaultKind.Http502:
                context.Response.StatusCode = fault == FaultKind.Http500 ? 500 : 502;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>Bad Gateway</body></html>", context.RequestAborted).ConfigureAwait(false);
                return true;
            case FaultKind.Reset:
                context.Abort();
                return true;
            case FaultKind.Hang:
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(10), world.Time, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                context.Abort();
                return true;
            case FaultKind.Malformed:
                await WriteAsync(context, "<html>upstream sent garbage</html>").ConfigureAwait(false);
                return true;
            case FaultKind.Truncated:
                await WriteAsync(context, string.Create(CultureInfo.InvariantCulture, $$"""{"ts":"{{ts}}","updates":[{"type":"mess""")).ConfigureAwait(false);
                return true;
            case FaultKind.Slow:
                await Task.Delay(TimeSpan.FromSeconds(5), world.Time, context.RequestAborted).ConfigureAwait(false);
                return false;
            default:
                return false; // failed 4 (versions) is a User Long Poll answer; Bots Long Poll has no version parameter
        }
    }

    private static Task WriteAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}

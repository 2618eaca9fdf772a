using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VkLongPoll.Testing.Hosting;
using VkLongPoll.Testing.Model;
using VkLongPoll.Testing.Wire;

namespace VkLongPoll.Testing.LongPoll;

/// <summary>The <c>a_check</c> endpoint at the <c>server</c> address handed out (<c>/nim{user_id}</c>).</summary>
internal sealed class LongPollEndpoint(World world, FaultInjector faults)
{
    private const int MaxWaitSeconds = 90;

    public async Task HandleAsync(HttpContext context, long userId)
    {
        var aborted = context.RequestAborted;
        var parameters = await RequestParameters.ReadAsync(context.Request, aborted).ConfigureAwait(false);
        var account = world.LongPollAccount(userId);
        if (account is null || parameters["act"] != "a_check")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (faults.Next(account.Self.Id) is { } fault && await ApplyFaultAsync(context, account, fault).ConfigureAwait(false))
        {
            return;
        }

        var version = (int)Math.Clamp(parameters.Int64("version", 0) ?? -1, -1, int.MaxValue);
        if (version < 0 || version > world.Options.MaxVersion)
        {
            await WriteAsync(context, $$"""{"failed":4,"min_version":0,"max_version":{{world.Options.MaxVersion}}}""").ConfigureAwait(false);
            return;
        }

        if (!account.IsKeyValid(parameters["key"]))
        {
            await WriteAsync(context, """{"failed":2,"error":"Key is invalid"}""").ConfigureAwait(false);
            return;
        }

        var format = new WireFormat(version, (int)(parameters.Int64("mode", 0) ?? 0));
        var wait = TimeSpan.FromSeconds(Math.Clamp(parameters.Int64("wait", 0) ?? 0, 0, MaxWaitSeconds));
        var ts = parameters.Int64("ts", -1) ?? -1;
        using var waited = new CancellationTokenSource(wait, world.Time);
        using var waitOrAbort = CancellationTokenSource.CreateLinkedTokenSource(waited.Token, aborted);
        while (true)
        {
            List<LoggedEvent>? events;
            Task appended;
            long currentTs, pts;
            lock (account.Sync)
            {
                events = ShortenDeletedForAll(account, account.Log.After(ts));
                appended = account.Log.Appended;
                currentTs = account.Log.Ts;
                pts = account.Log.Pts;
            }

            if (events is null)
            {
                await WriteAsync(context, $$"""{"failed":1,"ts":{{currentTs}}}""").ConfigureAwait(false);
                return;
            }

            if (events.Count > 0 || waited.IsCancellationRequested)
            {
                await WriteAsync(context, Encode(events, currentTs, pts, format)).ConfigureAwait(false);
                return;
            }

            // Hold the request until an event arrives, wait runs out, or the client goes away.
            try
            {
                await appended.WaitAsync(waitOrAbort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                // wait ran out: answer with what there is (nothing) and the current ts.
            }
        }
    }

    /// <summary>
    /// A new message deleted for everyone before the poll that brings it comes short, as VK sends it:
    /// <c>[10004, cmid, flags, minor_id]</c>, no peer and no text (the client fetches its <c>random_id</c> by <c>minor_id</c>).
    /// </summary>
    private static List<LoggedEvent>? ShortenDeletedForAll(Account account, List<LoggedEvent>? events)
    {
        if (events is null)
        {
            return null;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Event is { Kind: WorldEventKind.MessageNew, Message: { } sent } e
                && account.Messages.TryGetValue(sent.Id, out var now) && (now.Flags & Account.DeletedForAll) != 0)
            {
                events[i] = events[i] with { Event = e with { Shortened = true, Message = sent with { Flags = now.Flags } } };
            }
        }

        return events;
    }

    internal static string Encode(List<LoggedEvent> events, long ts, long pts, WireFormat format)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Wire.JsonOptions.Writer))
        {
            json.WriteStartObject();
            json.WriteNumber("ts", ts);
            if (format.Pts)
            {
                json.WriteNumber("pts", pts);
            }

            json.WriteStartArray("updates");
            foreach (var logged in events)
            {
                if (UpdateEncoder.IsSent(logged.Event, format))
                {
                    UpdateEncoder.Write(json, logged.Event, format);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Answers with the fault; false when the fault only delays the normal answer.</summary>
    private async Task<bool> ApplyFaultAsync(HttpContext context, Account account, FaultKind fault)
    {
        long ts;
        lock (account.Sync)
        {
            ts = account.Log.Ts;
        }

        switch (fault)
        {
            case FaultKind.Failed1:
                await WriteAsync(context, $$"""{"failed":1,"ts":{{ts}}}""").ConfigureAwait(false);
                return true;
            case FaultKind.Failed2:
                account.ExpireKey();
                await WriteAsync(context, """{"failed":2,"error":"Key is invalid"}""").ConfigureAwait(false);
                return true;
            case FaultKind.Failed3:
                account.ExpireKey();
                await WriteAsync(context, """{"failed":3}""").ConfigureAwait(false);
                return true;
            case FaultKind.Failed4:
                await WriteAsync(context, $$"""{"failed":4,"min_version":0,"max_version":{{world.Options.MaxVersion}}}""").ConfigureAwait(false);
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
                await WriteAsync(context, $$"""{"ts":{{ts}},"updates":[[4,1,""").ConfigureAwait(false);
                return true;
            default:
                await Task.Delay(TimeSpan.FromSeconds(5), world.Time, context.RequestAborted).ConfigureAwait(false);
                return false;
        }
    }

    private static Task WriteAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}

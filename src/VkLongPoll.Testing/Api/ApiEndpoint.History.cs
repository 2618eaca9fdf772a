using System.Text.Json;
using VkLongPoll.Testing.Model;
using VkLongPoll.Testing.Wire;

namespace VkLongPoll.Testing.Api;

/// <summary><c>messages.getLongPollHistory</c>: persistent events since a <c>pts</c>, shortened, with the messages they name.</summary>
internal sealed partial class ApiEndpoint
{
    private void GetLongPollHistory(Utf8JsonWriter json, Hosting.RequestParameters p, Account account)
    {
        var pts = p.Int64("pts", -1) ?? throw ApiError.BadParameter("pts", "must be an integer");
        if (pts < 0)
        {
            throw ApiError.BadParameter("pts", "is required");
        }

        var version = (int)(p.Int64("lp_version", 0) ?? throw ApiError.BadParameter("lp_version", "must be an integer"));
        var eventsLimit = (int)Math.Clamp(p.Int64("events_limit", 1000) ?? 1000, 1000, 10_000);
        var messagesLimit = (int)Math.Clamp(p.Int64("msgs_limit", 200) ?? 200, 200, 10_000);
        if (pts > account.Log.Pts)
        {
            throw new ApiError(908, "pts is too new");
        }

        // VK's method text: a ts older than about a day, without max_msg_id, may answer error 10.
        if (p.Int64("ts", -1) is { } ts and >= 0 && p["max_msg_id"] is null && account.Log.IsOlderThan(ts, world.Options.HistoryTsLifetime))
        {
            throw new ApiError(10, "Internal server error");
        }

        if (HistoryFaults.TakeStall())
        {
            json.WriteStartObject();
            json.WriteStartArray("history");
            json.WriteEndArray();
            json.WriteStartObject("messages");
            json.WriteNumber("count", 0);
            json.WriteStartArray("items");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteNumber("from_pts", pts);
            json.WriteNumber("new_pts", pts);
            json.WriteBoolean("more", true);
            json.WriteEndObject();
            return;
        }

        var asked = pts;
        if (HistoryFaults.TakeTruncation() is > 0 and var lost)
        {
            // The history kept begins later: the first events after pts are gone.
            var skipped = account.Log.PersistentAfter(pts, lost)?.Events;
            pts = skipped is { Count: > 0 } ? skipped[^1].Pts : pts;
        }

        var page = account.Log.PersistentAfter(pts, eventsLimit) ?? throw new ApiError(907, "pts is too old, refresh it with messages.getLongPollServer");
        var events = page.Events;
        var more = page.More;
        var byMaxMessageId = world.Options.HistoryPaging == HistoryPaging.ByMaxMessageId;
        var messageEvents = 0;
        for (var i = 0; i < events.Count && !byMaxMessageId; i++)
        {
            if (events[i].Event.Message is not null && ++messageEvents > messagesLimit)
            {
                events = events[..i];
                more = true;
                break;
            }
        }

        var format = new WireFormat(version, 2 | 8 | 128, History: true);
        json.WriteStartObject();
        json.WriteStartArray("history");
        foreach (var logged in events)
        {
            if (UpdateEncoder.IsSent(logged.Event, format))
            {
                UpdateEncoder.Write(json, logged.Event, format);
            }
        }

        json.WriteEndArray();
        var messages = events.Select(e => e.Event.Message).OfType<StoredMessage>()
            .Select(m => account.Messages.GetValueOrDefault(m.Id) ?? m).DistinctBy(m => m.Id).Where(IsVisible).ToList();
        if (byMaxMessageId)
        {
            // The events are whole; the message objects above max_msg_id are cut at msgs_limit.
            var above = p.Int64("max_msg_id", 0) ?? 0;
            var wanted = messages.Where(m => m.Id > above).OrderBy(m => m.Id).ToList();
            more |= wanted.Count > messagesLimit;
            messages = wanted.Take(messagesLimit).ToList();
        }

        json.WriteStartObject("messages");
        json.WriteNumber("count", messages.Count);
        json.WriteStartArray("items");
        foreach (var message in messages)
        {
            ApiObjects.WriteMessage(json, message, account.IsCommunity);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        WriteProfiles(json, messages.Select(m => m.FromId).Append(account.Self.Id).Distinct(), "nom", fields: ["sex", "photo_100"]);
        json.WriteStartArray("conversations");
        foreach (var peer in messages.Select(m => m.PeerId).Distinct())
        {
            WriteConversation(json, account, peer);
        }

        json.WriteEndArray();
        json.WriteNumber("from_pts", pts);
        json.WriteNumber("new_pts", events.Count > 0 ? events[^1].Pts : Math.Max(pts, asked));
        if (more)
        {
            json.WriteBoolean("more", true);
        }

        // Credentials only with the last page: a client that resumed from a page in the middle would skip the rest.
        if (p.Flag("credentials") && !more)
        {
            json.WriteStartObject("credentials");
            json.WriteString("server", account.Server);
            json.WriteString("key", account.IssueKey());
            json.WriteNumber("ts", account.Log.Ts);
            json.WriteNumber("pts", account.Log.Pts);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}

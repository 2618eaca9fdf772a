using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VkLongPoll.Testing.Community;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Control;

/// <summary><c>/_emulator/community_*</c>: make things happen in a community, read its journal, set up and break its callbacks.</summary>
internal sealed partial class ControlEndpoint
{
    private void Community(Utf8JsonWriter json, string action, ControlRequest r, IQueryCollection query)
    {
        var index = r.Community ?? (int.TryParse(query["community"], System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : 0);
        var community = index >= 0 && index < world.Communities.Count ? world.Communities[index] : throw new EmulatorRequestException($"no community {index}");
        json.WriteStartObject();
        switch (action)
        {
            case "community_message":
                var from = r.FromId ?? (community.Subscribers.Count > 0 ? community.Subscribers[0] : throw new EmulatorRequestException("the community has no subscribers"));
                WriteEventWithUpdate(json, community, community.Receive(from, r.Text ?? string.Empty, r.InChat).Event);
                break;
            case "community_event":
                WriteEventWithUpdate(json, community, Happen(community, r));
                break;
            case "community_scenario":
                var random = new Random(r.Seed ?? world.Options.Seed);
                for (var i = 0; i < (r.Events ?? 100); i++)
                {
                    CommunityScenario.Step(community, random);
                }

                lock (community.Sync)
                {
                    json.WriteNumber("ts", community.Log.Ts);
                }

                break;
            case "community_journal":
                WriteCommunityJournal(json, community);
                break;
            case "community_callback":
                var url = Uri.TryCreate(r.Url, UriKind.Absolute, out var parsed) ? parsed : throw new EmulatorRequestException("url must be an absolute URL");
                lock (community.Sync)
                {
                    var server = community.AddCallbackServer(url, r.Title ?? "emulator", r.Secret);
                    server.Events.UnionWith(CommunitySettings.EventTypes);
                    server.Status = "wait";
                    community.SignalChanged();
                    json.WriteNumber("server_id", server.Id);
                    json.WriteString("code", community.ConfirmationCode);
                }

                break;
            case "community_rotate_code":
                json.WriteString("code", community.RotateConfirmationCode());
                break;
            case "community_callback_faults":
                SetCallbackFaults(community.CallbackFaults, r);
                json.WriteBoolean("ok", true);
                break;
            case "community_faults":
                BotsFaults.EnqueueFor(-community.Id, ParseFault(r.Fault ?? throw new EmulatorRequestException("fault is required")), r.Count ?? 1);
                json.WriteBoolean("ok", true);
                break;
            default:
                throw new EmulatorRequestException($"unknown action '{action}'");
        }

        json.WriteEndObject();
    }

    /// <summary><c>community_event</c>: one event of <c>type</c>, by <c>user_id</c> (default: the first subscriber).</summary>
    private static CommunityEvent Happen(EmulatedCommunity community, ControlRequest r)
    {
        lock (community.Sync)
        {
            var user = r.UserId ?? community.Subscribers.FirstOrDefault();
            var last = community.Messages.Recent.Select(community.Messages.Find).LastOrDefault(m => !m.Out);
            long Peer() => r.PeerId ?? last?.PeerId ?? user;
            long Cmid() => r.ConversationMessageId ?? last?.ConversationMessageId ?? throw new EmulatorRequestException("no message to act on: send one first");
            return r.Type switch
            {
                "message_reply" => community.Send(Peer(), r.Text ?? "ok", r.RandomId ?? 0).Event ?? throw new EmulatorRequestException("random_id already used: nothing sent"),
                "message_edit" => community.Edit(r.MessageId ?? community.Messages.Recent.LastOrDefault(), r.Text ?? "edited"),
                "message_typing_state" => community.Typing(user),
                "message_allow" => community.Allow(user),
                "message_deny" => community.Deny(user),
                "message_event" => community.ButtonPressed(user, Peer(), Cmid()),
                "message_reaction_event" => community.Reacted(user, Peer(), Cmid(), r.ReactionId ?? 1),
                "group_join" => community.Join(user),
                "group_leave" => community.Leave(user, self: true),
                "wall_post_new" => community.Post(r.Text ?? "Новости").Event,
                "wall_reply_new" => community.Comment(user, r.MessageId ?? 1, r.Text ?? "Комментарий"),
                "like_add" => community.Like(user, r.MessageId ?? 1, add: true),
                "like_remove" => community.Like(user, r.MessageId ?? 1, add: false),
                "photo_new" => community.PhotoAdded(r.MessageId ?? 457_000_001),
                "user_block" => community.Block(user),
                "user_unblock" => community.Unblock(user),
                _ => throw new EmulatorRequestException($"community_event: type must be one of {string.Join(", ", CommunitySettings.EventTypes.Where(t => t != "message_new"))}"),
            };
        }
    }

    private static void WriteEvent(Utf8JsonWriter json, EmulatedCommunity community, CommunityEvent e)
    {
        json.WriteNumber("ts", e.Ts);
        json.WriteString("event_id", e.EventId);
        json.WriteString("type", e.Type);
        if (e.PeerId is { } peer)
        {
            json.WriteNumber("peer_id", peer);
        }

        if (e.ConversationMessageId is { } cmid)
        {
            json.WriteNumber("conversation_message_id", cmid);
        }

        json.WriteNumber("group_id", community.Id);
    }

    private static void WriteEventWithUpdate(Utf8JsonWriter json, EmulatedCommunity community, CommunityEvent e, string? version = null)
    {
        WriteEvent(json, community, e);
        json.WritePropertyName("update");
        lock (community.Sync)
        {
            CommunityUpdate.WriteLongPoll(json, community.Id, e, version ?? community.LongPollApiVersion);
        }
    }

    /// <summary>Every event still in the community's journal, as Bots Long Poll would carry it.</summary>
    private static void WriteCommunityJournal(Utf8JsonWriter json, EmulatedCommunity community)
    {
        List<CommunityEvent> events;
        string version;
        lock (community.Sync)
        {
            events = community.Log.Snapshot();
            version = community.LongPollApiVersion;
        }

        json.WriteNumber("count", events.Count);
        json.WriteStartArray("events");
        foreach (var e in events)
        {
            json.WriteStartObject();
            WriteEventWithUpdate(json, community, e, version);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private void SetCallbackFaults(CallbackFaults callbackFaults, ControlRequest r)
    {
        static CallbackFaultKind Parse(string name) => CallbackFaults.Names.TryGetValue(name, out var kind)
            ? kind
            : throw new EmulatorRequestException($"unknown callback fault '{name}'; known: {string.Join(", ", CallbackFaults.Names.Keys)}");

        if (r.Fault is "none")
        {
            callbackFaults.Clear();
        }
        else if (r.Fault is { } name)
        {
            callbackFaults.Enqueue(Parse(name), r.Count ?? 1);
        }
        else if (r.Rate is { } rate)
        {
            callbackFaults.SetRandom(rate, r.Seed ?? world.Options.Seed, r.Kinds?.Select(Parse).ToList());
        }
        else
        {
            throw new EmulatorRequestException("give \"fault\" (and \"count\"), or \"rate\" (with \"seed\" and \"kinds\")");
        }
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VkLongPoll.Testing.Model;
using VkLongPoll.Testing.Wire;

namespace VkLongPoll.Testing.Control;

/// <summary><c>GET /_emulator/state</c> and <c>GET /_emulator/journal</c>.</summary>
internal sealed partial class ControlEndpoint
{
    private void WriteState(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartArray("accounts");
        foreach (var account in world.Accounts)
        {
            lock (account.Sync)
            {
                json.WriteStartObject();
                json.WriteString("token", account.Token);
                json.WriteNumber("user_id", account.Self.Id);
                json.WriteNumber("ts", account.Log.Ts);
                json.WriteNumber("pts", account.Log.Pts);
                json.WriteStartArray("friends");
                foreach (var friend in account.Friends)
                {
                    json.WriteNumberValue(friend);
                }

                json.WriteEndArray();
                json.WriteStartArray("chats");
                foreach (var chat in account.Chats.Values)
                {
                    json.WriteStartObject();
                    json.WriteNumber("chat_id", chat.Id);
                    json.WriteNumber("peer_id", chat.PeerId);
                    json.WriteString("title", chat.Title);
                    json.WriteNumber("admin_id", chat.AdminId);
                    json.WriteStartArray("members");
                    foreach (var member in chat.Members)
                    {
                        json.WriteNumberValue(member);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteNumber("messages", account.Messages.Count);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("users");
        foreach (var user in world.Users)
        {
            json.WriteStartObject();
            json.WriteNumber("id", user.Id);
            json.WriteString("first_name", user.FirstName);
            json.WriteString("last_name", user.LastName);
            json.WriteNumber("sex", user.Sex);
            json.WriteBoolean("online", user.Online);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Every event of the account still in the journal, in order, with its ts/pts and update array (?version=&amp;mode=).</summary>
    private static void WriteJournal(Utf8JsonWriter json, Account account, IQueryCollection query)
    {
        var version = int.TryParse(query["version"], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 19;
        var mode = int.TryParse(query["mode"], System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 2 | 8 | 32 | 64 | 128;
        var format = new WireFormat(version, mode);
        List<LoggedEvent> events;
        lock (account.Sync)
        {
            events = account.Log.Snapshot();
        }

        json.WriteStartObject();
        json.WriteNumber("count", events.Count);
        json.WriteStartArray("events");
        foreach (var logged in events)
        {
            json.WriteStartObject();
            json.WriteNumber("ts", logged.Ts);
            json.WriteNumber("pts", logged.Pts);
            json.WriteBoolean("persistent", logged.Event.IsPersistent);
            json.WriteString("kind", JsonNamingPolicy.SnakeCaseLower.ConvertName(logged.Event.Kind.ToString()));
            json.WriteBoolean("sent", UpdateEncoder.IsSent(logged.Event, format));
            json.WritePropertyName("update");
            UpdateEncoder.Write(json, logged.Event, format);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

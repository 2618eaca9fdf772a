using System.Globalization;
using System.Text.Json;
using VkLongPoll.Testing.Community;
using VkLongPoll.Testing.Hosting;

namespace VkLongPoll.Testing.Api;

/// <summary>
/// <c>groups.*</c>: the group itself, Bots Long Poll's server and settings, Callback API servers and settings — the
/// shapes of vk-api-schema's groups/responses.json.
/// </summary>
internal sealed partial class ApiEndpoint
{
    private const int MaxCallbackServers = 10;

    /// <summary>
    /// <c>groups.getById</c> in its 5.194+ shape <c>{"groups": [...], "profiles": []}</c> (vk-api-schema
    /// <c>groups_getById_object_response</c>): <c>group_ids</c>/<c>group_id</c>, or without them the token's own group.
    /// </summary>
    private void GroupsGetById(Utf8JsonWriter json, RequestParameters p, EmulatedCommunity? own)
    {
        var ids = p.Int64List("group_ids") ?? throw ApiError.BadParameter("group_ids", "must be a list of ids");
        if (p.Int64("group_id", 0) is not { } single)
        {
            throw ApiError.BadParameter("group_id", "must be an integer");
        }

        if (single != 0)
        {
            ids.Add(single);
        }

        if (ids.Count == 0)
        {
            ids.Add(own?.Id ?? throw ApiError.BadParameter("group_ids", "is undefined"));
        }

        json.WriteStartObject();
        json.WriteStartArray("groups");
        foreach (var community in ids.Select(id => world.Communities.Find(c => c.Id == Math.Abs(id))).OfType<EmulatedCommunity>())
        {
            json.WriteStartObject();
            json.WriteNumber("id", community.Id);
            json.WriteString("name", community.Name);
            json.WriteString("screen_name", community.ScreenName);
            json.WriteNumber("is_closed", 0);
            json.WriteString("type", "group");
            foreach (var size in (ReadOnlySpan<int>)[50, 100, 200])
            {
                json.WriteString(string.Create(CultureInfo.InvariantCulture, $"photo_{size}"), string.Create(CultureInfo.InvariantCulture, $"https://vk.example/images/g{community.Id}_{size}.jpg"));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("profiles");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void Groups(Utf8JsonWriter json, string method, RequestParameters p, EmulatedCommunity community)
    {
        lock (community.Sync)
        {
            switch (method)
            {
                case "groups.getLongPollServer": GetBotsLongPollServer(json, p, community); break;
                case "groups.getLongPollSettings": WriteSettings(json, community.LongPollEnabled, community.LongPollApiVersion, community.LongPollEvents); break;
                case "groups.setLongPollSettings":
                    if (p["enabled"] is { } enabled)
                    {
                        community.LongPollEnabled = enabled is "1" or "true";
                    }

                    community.LongPollApiVersion = p["api_version"] ?? community.LongPollApiVersion;
                    SetEvents(p, community.LongPollEvents);
                    json.WriteNumberValue(1);
                    break;
                case "groups.getCallbackConfirmationCode":
                    json.WriteStartObject();
                    json.WriteString("code", community.ConfirmationCode);
                    json.WriteEndObject();
                    break;
                case "groups.addCallbackServer": AddCallbackServer(json, p, community); break;
                case "groups.getCallbackServers": GetCallbackServers(json, p, community); break;
                case "groups.editCallbackServer":
                    var edited = community.CallbackServer(ServerId(p));
                    edited.Url = CallbackUrl(p["url"]) ?? edited.Url;
                    edited.Title = p["title"] ?? edited.Title;
                    edited.SecretKey = p["secret_key"] ?? edited.SecretKey;
                    edited.ConfirmedCode = null; // a new address is confirmed again
                    edited.Version++;
                    community.SignalChanged();
                    json.WriteNumberValue(1);
                    break;
                case "groups.deleteCallbackServer":
                    community.CallbackServer(ServerId(p)).Removed = true;
                    community.SignalChanged();
                    json.WriteNumberValue(1);
                    break;
                case "groups.setCallbackSettings":
                    var server = community.CallbackServer(ServerId(p));
                    server.ApiVersion = p["api_version"] ?? server.ApiVersion;
                    SetEvents(p, server.Events);
                    server.Version++;
                    community.SignalChanged();
                    json.WriteNumberValue(1);
                    break;
                case "groups.getCallbackSettings":
                    var read = community.CallbackServer(ServerId(p));
                    WriteSettings(json, null, read.ApiVersion, read.Events);
                    break;
                default: throw new ApiError(3, "Unknown method passed");
            }
        }
    }

    /// <summary>
    /// <c>groups.getLongPollServer</c>: <c>{"key", "server", "ts"}</c>, ts a string (vk-api-schema <c>groups_long_poll_server</c>),
    /// server a full URL with its path (VK: <c>https://lp.vk.com/wh{group_id}</c>; here <c>{BaseUri}wh{group_id}</c>). With Bots
    /// Long Poll off, VK's error 100 "longpoll for this group is not enabled." (vksdk/vk-sdk-kotlin#27).
    /// </summary>
    private void GetBotsLongPollServer(Utf8JsonWriter json, RequestParameters p, EmulatedCommunity community)
    {
        if (p["group_id"] is null)
        {
            throw ApiError.BadParameter("group_id", "is undefined");
        }

        if (!community.LongPollEnabled)
        {
            throw new ApiError(100, "One of the parameters specified was missing or invalid: longpoll for this group is not enabled.");
        }

        json.WriteStartObject();
        json.WriteString("key", community.IssueKey());
        json.WriteString("server", BotsServer(community));
        json.WriteString("ts", community.Log.Ts.ToString(CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private string BotsServer(EmulatedCommunity community) => world.BaseUri + "wh" + community.Id.ToString(CultureInfo.InvariantCulture);

    private static void AddCallbackServer(Utf8JsonWriter json, RequestParameters p, EmulatedCommunity community)
    {
        var url = CallbackUrl(p["url"]) ?? throw ApiError.BadParameter("url", "is undefined");
        if (community.CallbackServers.Count(s => !s.Removed) >= MaxCallbackServers)
        {
            throw new ApiError(2000, "Servers number limit is reached");
        }

        var title = p["title"] ?? throw ApiError.BadParameter("title", "is undefined");
        var server = community.AddCallbackServer(url, title, p["secret_key"]);
        json.WriteStartObject();
        json.WriteNumber("server_id", server.Id);
        json.WriteEndObject();
    }

    /// <summary><c>{"count", "items": [{id, title, creator_id, url, secret_key, status}]}</c> (vk-api-schema <c>groups_callback_server</c>).</summary>
    private static void GetCallbackServers(Utf8JsonWriter json, RequestParameters p, EmulatedCommunity community)
    {
        var wanted = p.Int64List("server_ids") ?? throw ApiError.BadParameter("server_ids", "must be a list of ids");
        var servers = community.CallbackServers.Where(s => !s.Removed && (wanted.Count == 0 || wanted.Contains(s.Id))).ToList();
        json.WriteStartObject();
        json.WriteNumber("count", servers.Count);
        json.WriteStartArray("items");
        foreach (var s in servers)
        {
            json.WriteStartObject();
            json.WriteNumber("id", s.Id);
            json.WriteString("title", s.Title);
            json.WriteNumber("creator_id", s.CreatorId);
            json.WriteString("url", s.Url.ToString());
            json.WriteString("secret_key", s.SecretKey);
            json.WriteString("status", s.Status);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Settings as VK reads them: <c>{"is_enabled"?, "api_version", "events": {name: 0|1, …}}</c>.</summary>
    private static void WriteSettings(Utf8JsonWriter json, bool? enabled, string apiVersion, HashSet<string> events)
    {
        json.WriteStartObject();
        if (enabled is { } on)
        {
            json.WriteBoolean("is_enabled", on);
        }

        json.WriteString("api_version", apiVersion);
        json.WriteStartObject("events");
        foreach (var name in CommunitySettings.SettingNames)
        {
            json.WriteNumber(name, events.Contains(name) ? 1 : 0);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Every event flag given (<c>message_new=1</c>, <c>group_join=0</c>…) switches that event on or off.</summary>
    private static void SetEvents(RequestParameters p, HashSet<string> events)
    {
        foreach (var name in CommunitySettings.SettingNames)
        {
            if (p[name] is { } value)
            {
                _ = value is "1" or "true" ? events.Add(name) : events.Remove(name);
            }
        }
    }

    private static long ServerId(RequestParameters p) =>
        p.Int64("server_id", 0) is { } id and > 0 ? id : throw ApiError.BadParameter("server_id", "is undefined");

    private static Uri? CallbackUrl(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url
        : throw ApiError.BadParameter("url", "is not a valid http(s) URL");
}

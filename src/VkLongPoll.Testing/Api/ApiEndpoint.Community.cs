using System.Text.Json;
using VkLongPoll.Testing.Community;
using VkLongPoll.Testing.Hosting;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Api;

/// <summary>
/// Calls with a community access token: they act as the group. The group's methods, and <c>messages.*</c> on the group's
/// own dialogs (the same answers a user gets for theirs, from the community's side).
/// </summary>
internal sealed partial class ApiEndpoint
{
    private void AnswerCommunity(Utf8JsonWriter json, string method, RequestParameters p, EmulatedCommunity community)
    {
        if (!_communityLimiter.TryAcquire(community.Token))
        {
            throw new ApiError(6, "Too many requests per second");
        }

        if (Faults.Check(community.Messages, method, p, world.BaseUri) is { } injected)
        {
            throw injected;
        }

        json.WritePropertyName("response");
        lock (community.Sync)
        {
            switch (method)
            {
                case "groups.getById": GroupsGetById(json, p, community); break;
                case ['g', 'r', 'o', 'u', 'p', 's', '.', ..]: Groups(json, method, p, OwnManaged(p, community)); break;
                case "messages.getLongPollServer": GetLongPollServer(json, p, OwnManaged(p, community).Messages); break;
                case "messages.getLongPollHistory": GetLongPollHistory(json, p, OwnManaged(p, community).Messages); break;
                case "messages.getById": GetById(json, p, OwnManaged(p, community).Messages); break;
                case "messages.getConversationsById": GetConversationsById(json, p, OwnManaged(p, community).Messages); break;
                case "messages.send": MessagesSend(json, p, OwnManaged(p, community)); break;
                case "users.get": UsersGet(json, p, community.Messages); break;
                default: throw new ApiError(3, "Unknown method passed");
            }
        }
    }

    /// <summary>
    /// <c>messages.send</c> as the group: <c>peer_id</c> (or <c>user_id</c>), <c>random_id</c>, <c>message</c>; answers the new
    /// message's id (0 in a chat: a group has no global ids there). A <c>random_id</c> the group used before sends nothing and
    /// answers the first message's id (vk.com/dev/messages.send: unique per app and sender, checked over the whole history).
    /// </summary>
    private static void MessagesSend(Utf8JsonWriter json, RequestParameters p, EmulatedCommunity community)
    {
        var peer = p.Int64("peer_id", 0) ?? throw ApiError.BadParameter("peer_id", "must be an integer");
        peer = peer != 0 ? peer : p.Int64("user_id", 0) ?? throw ApiError.BadParameter("user_id", "must be an integer");
        if (peer == 0)
        {
            throw ApiError.BadParameter("peer_id", "is required");
        }

        var randomId = p.Int64("random_id", long.MinValue) ?? throw ApiError.BadParameter("random_id", "must be an integer");
        if (randomId == long.MinValue)
        {
            // Required since API 5.90.
            throw ApiError.BadParameter("random_id", "is a required parameter");
        }

        var text = p["message"] ?? string.Empty;
        if (text.Length == 0 && string.IsNullOrEmpty(p["attachment"]))
        {
            throw ApiError.BadParameter("message", "is empty or invalid");
        }

        if (peer > 0 && peer < 2_000_000_000 && !community.Subscribers.Contains(peer))
        {
            throw new ApiError(901, "Can't send messages for users without permission");
        }

        var (message, _) = community.Send(peer, text, randomId);
        json.WriteNumberValue(message.PeerId > 2_000_000_000 ? 0 : message.Id);
    }

    /// <summary>
    /// The group a community token may act on: its own. A <c>group_id</c> of another group is refused with error 15, as VK
    /// refuses a token the rights to a group it has not (the exact wording VK uses for this case is not confirmed).
    /// </summary>
    private static EmulatedCommunity OwnManaged(RequestParameters p, EmulatedCommunity community)
    {
        var groupId = p.Int64("group_id", 0) ?? throw ApiError.BadParameter("group_id", "must be an integer");
        return groupId == 0 || Math.Abs(groupId) == community.Id ? community : throw new ApiError(15, "Access denied: no access to call this method");
    }

    /// <summary>The group a user token names by <c>group_id</c>: only one the user administers (else VK's error 15).</summary>
    private EmulatedCommunity UserManaged(RequestParameters p, Account account)
    {
        var groupId = p.Int64("group_id", 0) ?? throw ApiError.BadParameter("group_id", "must be an integer");
        if (groupId == 0)
        {
            throw ApiError.BadParameter("group_id", "is undefined");
        }

        var community = world.Communities.Find(c => c.Id == Math.Abs(groupId));
        return community is not null && community.AdminId == account.Self.Id
            ? community
            : throw new ApiError(15, "Access denied: no access to call this method");
    }
}

using System.Globalization;
using System.Text.Json;

namespace VkLongPoll.Cli.Feed;

/// <summary>A user as <c>users.get</c> gives it, in one grammatical case.</summary>
/// <param name="Id">The user id.</param>
/// <param name="FirstName">First name in the case asked for.</param>
/// <param name="LastName">Last name in the case asked for.</param>
/// <param name="Sex">1 female, 2 male, 0 unknown.</param>
internal sealed record VkUser(long Id, string FirstName, string LastName, int Sex);

/// <summary>Lookups for showing events to people: names, chat titles, attachment URLs (not on the hot path), through <see cref="VkApiClient.CallAsync"/>.</summary>
internal static class FeedLookups
{
    /// <summary><c>users.get</c> for up to 1000 ids in one call (none: the token's own user), with <c>sex</c>, in <paramref name="nameCase"/> (nom, gen, dat, acc, ins, abl).</summary>
    public static async Task<IReadOnlyList<VkUser>> GetUsersAsync(this VkApiClient api, IReadOnlyCollection<long> userIds, string nameCase = "nom", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var parameters = new List<KeyValuePair<string, string>> { new("fields", "sex"), new("name_case", nameCase) };
        if (userIds.Count > 0)
        {
            parameters.Add(new("user_ids", string.Join(',', userIds.Take(1000).Select(id => id.ToString(CultureInfo.InvariantCulture)))));
        }

        var body = await api.CallAsync("users.get", parameters, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var users = new List<VkUser>();
        foreach (var user in document.RootElement.GetProperty("response").EnumerateArray())
        {
            users.Add(new VkUser(
                user.GetProperty("id").GetInt64(),
                user.TryGetProperty("first_name", out var first) ? first.GetString() ?? string.Empty : string.Empty,
                user.TryGetProperty("last_name", out var last) ? last.GetString() ?? string.Empty : string.Empty,
                user.TryGetProperty("sex", out var sex) && sex.ValueKind == JsonValueKind.Number ? sex.GetInt32() : 0));
        }

        return users;
    }

    /// <summary>
    /// <c>users.get</c> for up to 1000 ids with every grammatical case in one call: the fields <c>first_name_{case}</c> and
    /// <c>last_name_{case}</c> of <c>users_user_full</c> (one call per case, five in Russian, was slower than VK's 3 calls a
    /// second and left raw ids on screen). A case VK leaves out falls back to the plain name.
    /// </summary>
    public static async Task<IReadOnlyList<(long Id, Dictionary<string, string> Names, int Sex)>> GetUserNamesAsync(this VkApiClient api, IReadOnlyCollection<long> userIds, IReadOnlyCollection<string> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(cases);
        var fields = string.Join(',', cases.SelectMany(c => new[] { "first_name_" + c, "last_name_" + c }).Prepend("sex"));
        var body = await api.CallAsync("users.get", [new("fields", fields), new("user_ids", string.Join(',', userIds.Take(1000).Select(id => id.ToString(CultureInfo.InvariantCulture))))], cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var users = new List<(long, Dictionary<string, string>, int)>();
        foreach (var user in document.RootElement.GetProperty("response").EnumerateArray())
        {
            var first = Text(user, "first_name");
            var last = Text(user, "last_name");
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var nameCase in cases)
            {
                names[nameCase] = $"{Text(user, "first_name_" + nameCase) ?? first} {Text(user, "last_name_" + nameCase) ?? last}".Trim();
            }

            users.Add((user.GetProperty("id").GetInt64(), names, user.TryGetProperty("sex", out var sex) && sex.ValueKind == JsonValueKind.Number ? sex.GetInt32() : 0));
        }

        return users;

        static string? Text(JsonElement o, string name) => o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary><c>messages.getConversationsById</c>: the titles of the group chats among <paramref name="peerIds"/>.</summary>
    public static async Task<IReadOnlyDictionary<long, string>> GetChatTitlesAsync(this VkApiClient api, IReadOnlyCollection<long> peerIds, long? groupId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peerIds);
        var titles = new Dictionary<long, string>();
        if (peerIds.Count == 0)
        {
            return titles;
        }

        List<KeyValuePair<string, string>> parameters = [new("peer_ids", string.Join(',', peerIds.Take(100).Select(id => id.ToString(CultureInfo.InvariantCulture))))];
        if (groupId is { } group)
        {
            // A community's chats are the community's: asked without it, VK answers for the admin's own dialogs.
            parameters.Add(new("group_id", group.ToString(CultureInfo.InvariantCulture)));
        }

        var body = await api.CallAsync("messages.getConversationsById", parameters, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        foreach (var item in document.RootElement.GetProperty("response").GetProperty("items").EnumerateArray())
        {
            if (item.TryGetProperty("chat_settings", out var settings) && settings.TryGetProperty("title", out var title))
            {
                titles[item.GetProperty("peer").GetProperty("id").GetInt64()] = title.GetString() ?? string.Empty;
            }
        }

        return titles;
    }
}

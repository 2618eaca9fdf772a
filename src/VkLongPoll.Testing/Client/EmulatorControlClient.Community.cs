using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VkLongPoll.Testing;

/// <summary>The control API's community actions (<c>community_*</c>, docs/emulator.md), typed.</summary>
public sealed partial class EmulatorControlClient
{
    /// <summary>A subscriber writes to community <paramref name="community"/> (an index), or in its chat; returns the <c>message_new</c> event.</summary>
    public async Task<CommunityJournalEntry> SendCommunityMessageAsync(int community, string text, bool inChat = false, CancellationToken cancellationToken = default)
    {
        using var document = await PostAsync("community_message", new Dictionary<string, object?> { ["community"] = community, ["text"] = text, ["in_chat"] = inChat }, cancellationToken).ConfigureAwait(false);
        return ToEntry(document.RootElement);
    }

    /// <summary>One event of VK type <paramref name="type"/> in community <paramref name="community"/> (e.g. <c>group_join</c>, <c>message_event</c>); returns it.</summary>
    public async Task<CommunityJournalEntry> CommunityEventAsync(int community, string type, long? userId = null, CancellationToken cancellationToken = default)
    {
        using var document = await PostAsync("community_event", new Dictionary<string, object?> { ["community"] = community, ["type"] = type, ["user_id"] = userId }, cancellationToken).ConfigureAwait(false);
        return ToEntry(document.RootElement);
    }

    /// <summary>Runs <paramref name="steps"/> steps of the community scenario from <paramref name="seed"/>; returns the newest Bots Long Poll ts.</summary>
    public async Task<long> EmitCommunityScenarioAsync(int community, int seed, int steps, CancellationToken cancellationToken = default)
    {
        using var document = await PostAsync("community_scenario", new Dictionary<string, object?> { ["community"] = community, ["seed"] = seed, ["events"] = steps }, cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("ts").GetInt64();
    }

    /// <summary>Every event still in the community's journal, in order.</summary>
    public async Task<IReadOnlyList<CommunityJournalEntry>> GetCommunityJournalAsync(int community, CancellationToken cancellationToken = default)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"community_journal?community={community}");
        using var response = await _http.GetAsync(new Uri(_controlUrl, query), cancellationToken).ConfigureAwait(false);
        using var document = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return [.. document.RootElement.GetProperty("events").EnumerateArray().Select(ToEntry)];
    }

    /// <summary>A callback server at <paramref name="url"/> with every event on; returns its id (the sender confirms it first).</summary>
    public async Task<long> ConfigureCallbackAsync(int community, Uri url, string? secret = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var document = await PostAsync("community_callback", new Dictionary<string, object?> { ["community"] = community, ["url"] = url.ToString(), ["secret"] = secret }, cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("server_id").GetInt64();
    }

    /// <summary>The next <paramref name="count"/> callback deliveries of the community go wrong with <paramref name="kind"/>.</summary>
    public async Task InjectCallbackFaultAsync(int community, CallbackFaultKind kind, int count = 1, CancellationToken cancellationToken = default)
    {
        var name = CallbackFaults.Names.Single(pair => pair.Value == kind).Key;
        using var _ = await PostAsync("community_callback_faults", new Dictionary<string, object?> { ["community"] = community, ["fault"] = name, ["count"] = count }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new confirmation code for the community; returns it.</summary>
    public async Task<string> RotateCallbackCodeAsync(int community, CancellationToken cancellationToken = default)
    {
        using var document = await PostAsync("community_rotate_code", new Dictionary<string, object?> { ["community"] = community }, cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("code").GetString()!;
    }

    private static CommunityJournalEntry ToEntry(JsonElement e)
    {
        long? Optional(string name) => e.TryGetProperty(name, out var value) ? value.GetInt64() : null;
        return new CommunityJournalEntry(
            e.GetProperty("ts").GetInt64(),
            e.GetProperty("event_id").GetString()!,
            e.GetProperty("type").GetString()!,
            Optional("peer_id"),
            Optional("conversation_message_id"),
            Encoding.UTF8.GetBytes(e.GetProperty("update").GetRawText()));
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>
/// Friends coming online and going offline, for Long Poll versions that no longer send events 8 and 9 (11 and later):
/// every interval it asks <c>friends.getOnline</c> (<c>online_mobile=1</c>) and <c>users.get</c> (<c>online</c>,
/// <c>last_seen</c> — the platform) and gives the changes as <see cref="FriendOnlineEvent"/>/<see cref="FriendOfflineEvent"/>
/// marked <see cref="FriendOnlineEvent.IsPolled"/>.
/// </summary>
/// <remarks>
/// The first look only learns who is online (it reports nothing, unless <see cref="ReportOnlineAtStart"/>); changes shorter than the interval are not seen. Two API
/// calls per interval (of the token's 3 a second). A failed look is skipped, not fatal: presence is a nicety, not a guarantee.
/// </remarks>
public sealed class FriendPresenceWatcher
{
    /// <summary>The shortest interval allowed (vklp asks for 5 s at least: the two calls share the token's 3 a second with everything else).</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    private readonly VkApiClient _api;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private Dictionary<long, Platform>? _online;

    /// <summary>A watcher asking through <paramref name="api"/> every <paramref name="interval"/> (at least <see cref="MinimumInterval"/>).</summary>
    public FriendPresenceWatcher(VkApiClient api, TimeSpan interval, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, MinimumInterval);
        _api = api;
        _interval = interval;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// True: the first look reports everyone online then (as <see cref="FriendOnlineEvent"/>s), so a feed can say who is
    /// online when it starts; false (the default): the first look only learns it.
    /// </summary>
    public bool ReportOnlineAtStart { get; init; }

    /// <summary>The changes of each look (only non-empty ones, but for the first with <see cref="ReportOnlineAtStart"/>), until cancelled.</summary>
    public IAsyncEnumerable<IReadOnlyList<LongPollEvent>> WatchAsync(CancellationToken cancellationToken = default) => WatchCoreAsync(cancellationToken);

    /// <summary>One look: the changes since the last (none on the first). Throws what the API throws.</summary>
    public async Task<IReadOnlyList<LongPollEvent>> LookAsync(CancellationToken cancellationToken = default)
    {
        var now = await OnlineNowAsync(cancellationToken).ConfigureAwait(false);
        var before = _online;
        _online = now;
        if (before is null && !ReportOnlineAtStart)
        {
            return [];
        }

        before ??= [];

        var stamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var changes = new List<LongPollEvent>();
        foreach (var (id, platform) in now)
        {
            if (!before.ContainsKey(id))
            {
                changes.Add(new FriendOnlineEvent(8, id, platform, stamp) { PlatformId = (int)platform, IsMobile = platform is >= Platform.Mobile and <= Platform.WindowsPhone, IsPolled = true });
            }
        }

        foreach (var id in before.Keys.Where(id => !now.ContainsKey(id)))
        {
            changes.Add(new FriendOfflineEvent(9, id, IsTimeout: false, stamp) { IsPolled = true });
        }

        return changes;
    }

    private async IAsyncEnumerable<IReadOnlyList<LongPollEvent>> WatchCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            IReadOnlyList<LongPollEvent> changes = [];
            var firstLook = _online is null;
            try
            {
                changes = await LookAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is VkLongPollException or HttpRequestException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                // Skipped: the next look compares with the last good one.
            }

            // With ReportOnlineAtStart the first good look is given even when no one is online: it is the starting picture.
            if (changes.Count > 0 || (firstLook && ReportOnlineAtStart && _online is not null))
            {
                yield return changes;
            }

            await Task.Delay(_interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Who is online now, with the platform VK names (<c>last_seen.platform</c>; mobile when only <c>online_mobile</c> says so).</summary>
    private async Task<Dictionary<long, Platform>> OnlineNowAsync(CancellationToken cancellationToken)
    {
        var body = await _api.CallAsync("friends.getOnline", [new("online_mobile", "1")], cancellationToken).ConfigureAwait(false);
        var online = new Dictionary<long, Platform>();
        using (var document = JsonDocument.Parse(body))
        {
            var response = document.RootElement.GetProperty("response");
            foreach (var (list, platform) in new[] { ("online", Platform.Web), ("online_mobile", Platform.Mobile) })
            {
                var ids = response.ValueKind == JsonValueKind.Array ? (list == "online" ? response : default) : response.TryGetProperty(list, out var found) ? found : default;
                if (ids.ValueKind == JsonValueKind.Array)
                {
                    foreach (var id in ids.EnumerateArray())
                    {
                        online[id.GetInt64()] = platform;
                    }
                }
            }
        }

        if (online.Count == 0)
        {
            return online;
        }

        // The device: users.get's last_seen.platform (1 mobile web, 2 iPhone, 3 iPad, 4 Android, 5 Windows Phone, 6 Windows, 7 web).
        foreach (var chunk in online.Keys.ToList().Chunk(1000))
        {
            var users = await _api.CallAsync("users.get", [
                new("user_ids", string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)))),
                new("fields", "online,last_seen"),
            ], cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(users);
            foreach (var user in document.RootElement.GetProperty("response").EnumerateArray())
            {
                if (user.TryGetProperty("last_seen", out var seen) && seen.TryGetProperty("platform", out var platform) && platform.TryGetInt32(out var number)
                    && number is >= 1 and <= 7 && user.TryGetProperty("id", out var id))
                {
                    online[id.GetInt64()] = (Platform)number;
                }
            }
        }

        return online;
    }
}

using System.Security.Cryptography;
using System.Text;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Community;

/// <summary>
/// One VK community (a group) in the emulated world: its access token, admin and subscribers, its dialogs (an
/// <see cref="Account"/> whose own id is <c>-id</c>, so <c>getLongPollHistory</c> and the User Long Poll work for it as
/// for a person), its Bots Long Poll journal and settings, and its Callback API servers.
/// </summary>
/// <remarks>Everything is changed under <see cref="Sync"/> (the dialogs' lock, so a message and its event are one step).</remarks>
internal sealed partial class EmulatedCommunity
{
    private readonly World _world;
    private readonly Random _random;
    private readonly List<(string Key, DateTimeOffset IssuedAt)> _keys = [];
    private long _nextServerId;
    private long _nextPostId = 1;

    public EmulatedCommunity(World world, long id, string name, string token, long adminId, IReadOnlyList<long> subscribers, int seed)
    {
        _world = world;
        _random = new Random(seed);
        Id = id;
        Name = name;
        Token = token;
        AdminId = adminId;
        Subscribers.AddRange(subscribers);
        var self = new EmulatedUser { Id = -id, Sex = 0, Names = new Dictionary<string, (string, string)> { ["nom"] = (name, string.Empty) } };
        Messages = new Account(world, self, token, seed, world.Options);
        Log = new CommunityLog(seed % 1000, world.Options.RetainedEvents, world.Options.JournalCapacity);
        ConfirmationCode = NewHex(4);
        LongPollEvents.UnionWith(CommunitySettings.EventTypes);
    }

    public object Sync => Messages.Sync;

    public long Id { get; }

    public string Name { get; }

    /// <summary>VK's default short name of a community without one: <c>club{id}</c>.</summary>
    public string ScreenName => "club" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The community access token: its API calls act as the group.</summary>
    public string Token { get; }

    public long AdminId { get; }

    /// <summary>Users who may write to it (the first account's friends).</summary>
    public List<long> Subscribers { get; } = [];

    /// <summary>The community's dialogs and messages, seen from the community (<c>Self.Id == -Id</c>).</summary>
    public Account Messages { get; }

    public CommunityLog Log { get; }

    /// <summary>Bots Long Poll on (<c>groups.setLongPollSettings enabled</c>); VK's default is off, the emulator's on, so a client needs no setup.</summary>
    public bool LongPollEnabled { get; set; } = true;

    public string LongPollApiVersion { get; set; } = CommunitySettings.DefaultApiVersion;

    /// <summary>Event types Bots Long Poll carries.</summary>
    public HashSet<string> LongPollEvents { get; } = new(StringComparer.Ordinal);

    /// <summary>The string a callback server must answer to <c>confirmation</c> (<c>groups.getCallbackConfirmationCode</c>).</summary>
    public string ConfirmationCode { get; private set; }

    public List<CallbackServer> CallbackServers { get; } = [];

    /// <summary>What goes wrong with this community's callback deliveries.</summary>
    public CallbackFaults CallbackFaults { get; } = new();

    /// <summary>Community chat the emulator writes to (peer 2000000001): messages there carry id 0 in the API.</summary>
    public const long ChatPeerId = 2_000_000_001;

    /// <summary>Completes when a callback server is added or changed, or the code rotates (the sender re-reads).</summary>
    public Task Changed => _changed.Task;

    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Tells the callback sender its servers changed.</summary>
    public void SignalChanged()
    {
        var signal = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.TrySetResult();
    }

    /// <summary>A new confirmation code: every server must confirm again before the next event (VK: "the confirmation string changes from time to time").</summary>
    public string RotateConfirmationCode()
    {
        lock (Sync)
        {
            ConfirmationCode = NewHex(4);
            foreach (var server in CallbackServers)
            {
                server.Version++;
            }

            SignalChanged();
            return ConfirmationCode;
        }
    }

    public CallbackServer AddCallbackServer(Uri url, string title, string? secret)
    {
        lock (Sync)
        {
            var server = new CallbackServer
            {
                Id = ++_nextServerId,
                Title = title,
                CreatorId = AdminId,
                Url = url,
                SecretKey = secret ?? string.Empty,
                DeliveredTs = Log.Ts, // a new server gets what happens from now on
            };
            CallbackServers.Add(server);
            SignalChanged();
            return server;
        }
    }

    public CallbackServer CallbackServer(long serverId) =>
        CallbackServers.Find(s => s.Id == serverId && !s.Removed) ?? throw new Api.ApiError(104, "Not found");

    /// <summary>A new Bots Long Poll key (<c>groups.getLongPollServer</c>); the last few stay valid until their lifetime ends.</summary>
    public string IssueKey()
    {
        lock (Sync)
        {
            var key = NewHex(20);
            _keys.Add((key, _world.Time.GetUtcNow()));
            if (_keys.Count > 8)
            {
                _keys.RemoveAt(0);
            }

            return key;
        }
    }

    /// <summary>Makes every key unusable (a forced <c>failed: 2</c> or <c>3</c>).</summary>
    public void ExpireKeys()
    {
        lock (Sync)
        {
            _keys.Clear();
        }
    }

    public bool IsKeyValid(string? key)
    {
        lock (Sync)
        {
            var now = _world.Time.GetUtcNow();
            return key is not null && _keys.Exists(k => string.Equals(k.Key, key, StringComparison.Ordinal) && now - k.IssuedAt < _world.Options.KeyLifetime);
        }
    }

    /// <summary>VK's <c>event_id</c>: 40 hex digits (the size of dev.vk.com's examples); derived from the community and the event number, so a seed replays.</summary>
    private string NewEventId(long ts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{Id}:{ts}:{_world.Options.Seed}"))))[..40];

    private string NewHex(int bytes)
    {
        var buffer = new byte[bytes];
        _random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private long Now() => _world.Time.GetUtcNow().ToUnixTimeSeconds();
}

namespace VkLongPoll.Testing.Model;

/// <summary>One VK account in the emulated world: its token, dialogs, messages and event log.</summary>
/// <remarks>Every change goes through a method here, under <see cref="Sync"/>, and emits exactly the events VK would.</remarks>
internal sealed partial class Account
{
    private readonly World _world;
    private readonly Random _random;
    private long _nextMessageId = 100;

    public Account(World world, EmulatedUser self, string token, int seed, EmulatorOptions options)
    {
        _world = world;
        Self = self;
        Token = token;
        _random = new Random(seed);
        Log = new EventLog(1_780_000_000 + (seed % 1000 * 1000), 10_000_000, options.RetainedEvents, options.JournalCapacity, world.Time);
    }

    public object Sync { get; } = new();

    public EmulatedUser Self { get; }

    public string Token { get; }

    /// <summary>A community's dialogs (its own id is the negative group id): its chat messages show id 0 in the API.</summary>
    public bool IsCommunity => Self.Id < 0;

    public EventLog Log { get; }

    public List<long> Friends { get; } = [];

    public Dictionary<long, Conversation> Conversations { get; } = [];

    public Dictionary<long, StoredMessage> Messages { get; } = [];

    public Dictionary<long, EmulatedChat> Chats { get; } = [];

    // The last few keys stay valid (each until its lifetime ends), so two clients of one token do not evict each other.
    private readonly List<(string Key, DateTimeOffset IssuedAt)> _keys = [];

    /// <summary>The newest Long Poll key; null after <c>failed: 2</c>/<c>3</c> was forced, until a new one is asked for.</summary>
    public string? Key => _keys.Count == 0 ? null : _keys[^1].Key;

    public string Server => _world.LongPollServerFor(this);

    /// <summary>A new key (as <c>getLongPollServer</c> does); old keys stop working.</summary>
    public string IssueKey()
    {
        lock (Sync)
        {
            var key = NewKey();
            _keys.Add((key, _world.Time.GetUtcNow()));
            if (_keys.Count > 8)
            {
                _keys.RemoveAt(0);
            }

            return key;
        }
    }

    /// <summary>Makes the current key unusable (a forced <c>failed: 2</c> or <c>3</c>).</summary>
    public void ExpireKey()
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

    public Conversation ConversationWith(long peerId)
    {
        if (!Conversations.TryGetValue(peerId, out var conversation))
        {
            conversation = new Conversation(peerId);
            Conversations[peerId] = conversation;
        }

        return conversation;
    }

    /// <summary>Unread conversations (the counter of event 80).</summary>
    public int UnreadConversations() => Conversations.Values.Count(c => UnreadIn(c) > 0);

    /// <summary>The newest messages, newest last (for scenarios that edit or delete something recent).</summary>
    public List<long> Recent { get; } = [];

    private static int UnreadIn(Conversation conversation) => Conversation.CountAfter(conversation.Incoming, conversation.InRead);

    private static int UnreadOut(Conversation conversation) => Conversation.CountAfter(conversation.Outgoing, conversation.OutRead);

    private long Now() => _world.Time.GetUtcNow().ToUnixTimeSeconds();

    private LoggedEvent Emit(WorldEvent e) => Log.Append(e with { Timestamp = e.Timestamp == 0 ? Now() : e.Timestamp });

    private string NewKey()
    {
        Span<byte> bytes = stackalloc byte[20];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}

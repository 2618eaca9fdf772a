using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace VkLongPoll.Community;

/// <summary>
/// The deliveries a community handled lately, bounded by age and by count: what makes an event that comes again be
/// recognised. Keys are hashed to 64 bits (a false match among 10,000 is about 1 in 3·10¹²), so the checkpoint stays small.
/// </summary>
/// <remarks>
/// Age is counted back from the newest delivery, not from the clock: a process that was down for a day still remembers
/// what it handled just before it stopped, which is exactly what a gap's recovery and VK's late retries bring again.
/// </remarks>
internal sealed class SeenDeliveries
{
    private const int EntryBytes = 12;
    private readonly Queue<(ulong Hash, long Seconds)> _order = new();
    private readonly Dictionary<ulong, int> _present = [];

    public SeenDeliveries(int capacity, TimeSpan keepFor)
    {
        Capacity = capacity;
        KeepFor = keepFor;
    }

    public int Capacity { get; }

    public TimeSpan KeepFor { get; }

    public int Count => _order.Count;

    /// <summary>The key of an event by its <c>event_id</c>.</summary>
    public static string EventKey(string eventId) => "e" + eventId;

    /// <summary>
    /// The key of a message by where it is: its peer and its conversation message id (messages in community chats all have
    /// id 0), or its id when VK gave no conversation id.
    /// </summary>
    public static string? MessageKey(Events.LongPollMessage message) =>
        message.PeerId is { } peer && message.ConversationMessageId is { } cmid and > 0 ? $"m{peer.Value}:{cmid}"
        : message.MessageId is { } id and > 0 ? $"i{id}"
        : null;

    public bool Contains(string key) => _present.ContainsKey(Hash(key));

    /// <summary>
    /// True, and remembered from now on, when <paramref name="e"/> was not handed over before: known neither by its
    /// <c>event_id</c> nor — for a new message — by its place. A recovered message (no <c>event_id</c>) is remembered at the
    /// time it was sent, so a recovery after a long stop does not push out what was handled just before it.
    /// </summary>
    public bool TryTake(CommunityEvent e, DateTimeOffset now)
    {
        var eventKey = e.EventId.Length > 0 ? EventKey(e.EventId) : null;
        var messageKey = CreatedMessage(e) is { } message ? MessageKey(message) : null;
        if ((eventKey is not null && Contains(eventKey)) || (messageKey is not null && Contains(messageKey)))
        {
            return false;
        }

        var at = eventKey is null && CreatedMessage(e)?.Time is { } sent ? sent : now;
        if (eventKey is not null)
        {
            Add(eventKey, at);
        }

        if (messageKey is not null)
        {
            Add(messageKey, at);
        }

        return true;
    }

    /// <summary>True when a recovered message is known: by its place, or as older than what is remembered at all.</summary>
    public bool Knows(Events.LongPollMessage message) =>
        (MessageKey(message) is { } key && Contains(key)) || (message.Time is { } sent && Horizon is { } horizon && sent < horizon);

    /// <summary>The message an event creates (a new message, or the community's own reply); edits are not creations.</summary>
    public static Events.LongPollMessage? CreatedMessage(CommunityEvent e) => e switch
    {
        CommunityMessageNew created => created.Message,
        CommunityMessageReply reply => reply.Message,
        _ => null,
    };

    public void Add(string key, DateTimeOffset now)
    {
        var hash = Hash(key);
        // Kept in the order handed over: a recovered message's own (earlier) time may sit behind a later one, which only keeps
        // it a little longer (trimming stops at the first delivery that is young enough).
        _order.Enqueue((hash, now.ToUnixTimeSeconds()));
        _present[hash] = _present.GetValueOrDefault(hash) + 1;
        Trim(now);
    }

    /// <summary>When the newest delivery was remembered; null when none is.</summary>
    public DateTimeOffset? Newest { get; private set; }

    /// <summary>The time before which a delivery is no longer remembered (<see cref="KeepFor"/> before the newest).</summary>
    public DateTimeOffset? Horizon => Newest - KeepFor;

    /// <summary>Forgets what is older than <see cref="KeepFor"/> before the newest delivery and what is past <see cref="Capacity"/>, oldest first.</summary>
    public void Trim(DateTimeOffset now)
    {
        if (Newest is not { } newest || now > newest)
        {
            Newest = now;
        }

        var oldest = (Newest.Value - KeepFor).ToUnixTimeSeconds();
        while (_order.Count > 0 && (_order.Count > Capacity || _order.Peek().Seconds < oldest))
        {
            var (hash, _) = _order.Dequeue();
            if (--_present[hash] == 0)
            {
                _present.Remove(hash);
            }
        }
    }

    public string Encode()
    {
        var bytes = new byte[8 + (_order.Count * EntryBytes)];
        var origin = _order.Count > 0 ? _order.Peek().Seconds : 0;
        BinaryPrimitives.WriteInt64LittleEndian(bytes, origin);
        var at = 8;
        foreach (var (hash, seconds) in _order)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), hash);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 8), (uint)Math.Clamp(seconds - origin, 0, uint.MaxValue));
            at += EntryBytes;
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Reads <see cref="Encode"/>'s text; an empty text is an empty set.</summary>
    /// <exception cref="FormatException">The text is not one this class wrote.</exception>
    public static SeenDeliveries Decode(string text, int capacity, TimeSpan keepFor)
    {
        var seen = new SeenDeliveries(capacity, keepFor);
        if (text.Length == 0)
        {
            return seen;
        }

        var bytes = Convert.FromBase64String(text);
        if (bytes.Length < 8 || (bytes.Length - 8) % EntryBytes != 0)
        {
            throw new FormatException("not a seen set written by this library");
        }

        var origin = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        for (var at = 8; at < bytes.Length; at += EntryBytes)
        {
            var hash = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
            seen._order.Enqueue((hash, origin + BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8))));
            seen._present[hash] = seen._present.GetValueOrDefault(hash) + 1;
        }

        if (seen._order.Count > 0)
        {
            seen.Newest = DateTimeOffset.FromUnixTimeSeconds(seen._order.Max(e => e.Seconds));
        }

        return seen;
    }

    /// <summary>How many deliveries an encoded set holds (for printing).</summary>
    public static int CountIn(string text) =>
        text.Length == 0 ? 0 : Math.Max(0, (Convert.FromBase64String(text).Length - 8) / EntryBytes);

    private static ulong Hash(string key)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }
}

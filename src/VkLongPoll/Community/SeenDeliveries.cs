using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace VkLongPoll.Community;

/// <summary>
/// The deliveries a community handled lately, bounded by age and by count: what makes an event that comes again be
/// recognised. Keys are hashed to 64 bits (a false match among 10,000 is about 1 in 3·10¹²), so the checkpoint stays small.
/// </summary>
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

    public void Add(string key, DateTimeOffset now)
    {
        var hash = Hash(key);
        _order.Enqueue((hash, now.ToUnixTimeSeconds()));
        _present[hash] = _present.GetValueOrDefault(hash) + 1;
        Trim(now);
    }

    /// <summary>Forgets what is older than <see cref="KeepFor"/> and what is past <see cref="Capacity"/>, oldest first.</summary>
    public void Trim(DateTimeOffset now)
    {
        var oldest = (now - KeepFor).ToUnixTimeSeconds();
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

using VkLongPoll.Community;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Writes events as NDJSON: one JSON object per line, snake_case fields as documented in docs/events.md (what <c>vklp decode</c> prints).</summary>
/// <remarks>
/// Fields that are unknown for an event are left out rather than written as null. Text is written as UTF-8 — Cyrillic
/// and emoji as they are; only quotes, backslashes, control characters (C0, DEL, C1) and U+2028/U+2029 are escaped, so
/// a line is always one line and never drives a terminal. Lines are buffered and handed to the stream in pieces of
/// about 64 KB: call <see cref="Flush"/> when a consumer must see them (disposing hands over the rest too). A
/// <see cref="CommunityEvent"/> is written as VK's envelope: <c>type</c>, <c>event_id</c>, <c>group_id</c>, <c>v</c> and the
/// raw <c>object</c>, without <c>code</c>.
/// </remarks>
public sealed partial class EventJsonWriter : IDisposable
{
    private readonly Stream _output;
    private readonly JsonLineBuffer _out;
    private readonly int _version;
    private readonly Dictionary<MessageFlags, byte[]> _flagNames = [];
    private byte[] _textScratch = new byte[1024];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ChatInfoType, string> ChatInfoTypeNames = new();

    /// <summary>Writes to <paramref name="output"/>; <paramref name="version"/> is the Long Poll version the events were read with (it names message flags).</summary>
    public EventJsonWriter(Stream output, int version)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _out = new JsonLineBuffer(output);
        _version = version;
    }

    /// <summary>Writes one event as one line; with <paramref name="names"/>, the names of the ids it mentions beside them.</summary>
    /// <exception cref="LongPollProtocolException">The event's own content cannot be written as JSON: nothing of it was written,
    /// and the writer goes on with the next event (a failure of the stream itself is an <see cref="IOException"/>).</exception>
    public void Write(LongPollEvent e, IEventNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is CommunityEvent community)
        {
            // One type test, then the user events' path as before: community events have a line of their own shape.
            WriteCommunity(community);
            return;
        }

        var start = _out.LineStart;
        try
        {
            _out.StartObject();
            _out.String("type"u8, e.Type);
            _out.Number("code"u8, e.Code);
            WriteFields(e);
            if (names is not null)
            {
                WriteNames(e, names);
            }

            _out.EndObject();
        }
        catch (Exception failure) when (failure is not (IOException or OutOfMemoryException))
        {
            _out.DiscardLine(start);
            throw new LongPollProtocolException($"event {e.Code} ({e.Type}) cannot be written as JSON: {failure.Message}", 0, failure);
        }

        EndLine();
    }

    /// <summary>The names resolved for the ids, beside them (<c>from_name</c>, <c>user_name</c>, <c>peer_name</c>, <c>chat_title</c>).</summary>
    private void WriteNames(LongPollEvent e, IEventNames names)
    {
        var (user, peer) = e switch
        {
            MessageNewEvent m => (m.Message.FromId, m.Message.PeerId),
            MessageEditEvent m => (m.Message.FromId, m.Message.PeerId),
            FriendOnlineEvent f => (f.UserId, (PeerId?)null),
            FriendOfflineEvent f => (f.UserId, null),
            ActivityEvent a => (a.UserIds.Count > 0 ? a.UserIds[0] : (long?)null, a.PeerId),
            MessagesReadInboxEvent r => (null, r.PeerId),
            MessagesReadOutboxEvent r => (null, r.PeerId),
            ChatInfoEvent c => (c.MemberId, c.PeerId),
            _ => ((long?)null, (PeerId?)null),
        };
        if (user is { } id && names.UserName(id) is { } name)
        {
            String(e is MessageNewEvent or MessageEditEvent ? "from_name"u8 : "user_name"u8, name);
        }

        if (peer is { IsChat: true } chat)
        {
            String("chat_title"u8, names.ChatTitle(chat.Value));
        }
        else if (peer is { } dialog && names.UserName(dialog.Value) is { } other)
        {
            String("peer_name"u8, other);
        }
    }

    /// <summary>A <c>failed</c> answer of <c>a_check</c> as a line of its own (<c>"type":"failed"</c>), so scripts see the recovery the stream needs.</summary>
    public void WriteFailed(LongPollResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _out.StartObject();
        _out.String("type"u8, "failed");
        _out.Number("failed"u8, response.Failed ?? 0);
        Number("ts"u8, response.Ts);
        Number("pts"u8, response.Pts);
        Number("min_version"u8, response.MinVersion);
        Number("max_version"u8, response.MaxVersion);
        String("error"u8, response.Error);
        _out.EndObject();
        EndLine();
    }

    /// <summary>Writes everything buffered to the stream and flushes it.</summary>
    public void Flush()
    {
        _out.WriteOut();
        _output.Flush();
    }

    /// <summary>Hands what is still buffered to the stream (without flushing it) and returns the buffer.</summary>
    public void Dispose()
    {
        try
        {
            _out.WriteOut();
        }
        finally
        {
            _out.Dispose();
        }
    }

    private void EndLine() => _out.EndLine();

    private void Number(ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v)
        {
            _out.Number(name, v);
        }
    }

    private void String(ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            _out.String(name, value);
        }
    }

    private void Bool(ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } v)
        {
            _out.Bool(name, v);
        }
    }

    private void TrueOnly(ReadOnlySpan<byte> name, bool value)
    {
        if (value)
        {
            _out.Bool(name, true);
        }
    }

    private void Numbers(ReadOnlySpan<byte> name, IReadOnlyList<long> values)
    {
        _out.StartArray(name);
        foreach (var value in values)
        {
            _out.NumberValue(value);
        }

        _out.EndArray();
    }

    private void Raw(ReadOnlySpan<byte> name, string? json)
    {
        if (json is not null)
        {
            _out.Raw(name, json);
        }
    }
}

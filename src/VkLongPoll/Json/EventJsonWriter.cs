using System.Text.Encodings.Web;
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Writes events as NDJSON: one JSON object per line, snake_case fields as documented in docs/events.md (what <c>vklp decode</c> prints).</summary>
/// <remarks>
/// Fields that are unknown for an event are left out rather than written as null. Cyrillic and emoji are written as
/// UTF-8, not as <c>\u</c> escapes. Nothing is flushed to the stream until <see cref="Flush"/>.
/// </remarks>
public sealed partial class EventJsonWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Cyrillic and emoji stay readable; quotes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private readonly int _version;

    /// <summary>Writes to <paramref name="output"/>; <paramref name="version"/> is the Long Poll version the events were read with (it names message flags).</summary>
    public EventJsonWriter(Stream output, int version)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _json = new Utf8JsonWriter(output, WriterOptions);
        _version = version;
    }

    /// <summary>Writes one event as one line; with <paramref name="names"/>, the names of the ids it mentions beside them.</summary>
    public void Write(LongPollEvent e, IEventNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        _json.WriteStartObject();
        _json.WriteString("type", e.Type);
        _json.WriteNumber("code", e.Code);
        WriteFields(e);
        if (names is not null)
        {
            WriteNames(e, names);
        }

        _json.WriteEndObject();
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
            String(e is MessageNewEvent or MessageEditEvent ? "from_name" : "user_name", name);
        }

        if (peer is { IsChat: true } chat)
        {
            String("chat_title", names.ChatTitle(chat.Value));
        }
        else if (peer is { } dialog && names.UserName(dialog.Value) is { } other)
        {
            String("peer_name", other);
        }
    }

    /// <summary>A <c>failed</c> answer of <c>a_check</c> as a line of its own (<c>"type":"failed"</c>), so scripts see the recovery the stream needs.</summary>
    public void WriteFailed(LongPollResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _json.WriteStartObject();
        _json.WriteString("type", "failed");
        _json.WriteNumber("failed", response.Failed ?? 0);
        Number("ts", response.Ts);
        Number("pts", response.Pts);
        Number("min_version", response.MinVersion);
        Number("max_version", response.MaxVersion);
        String("error", response.Error);
        _json.WriteEndObject();
        EndLine();
    }

    /// <summary>Writes everything buffered to the stream and flushes it.</summary>
    public void Flush()
    {
        _json.Flush();
        _output.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => _json.Dispose();

    private void EndLine()
    {
        _json.Flush();
        _output.WriteByte((byte)'\n');
        _json.Reset();
    }

    private void Number(string name, long? value)
    {
        if (value is { } v)
        {
            _json.WriteNumber(name, v);
        }
    }

    private void String(string name, string? value)
    {
        if (value is not null)
        {
            _json.WriteString(name, value);
        }
    }

    private void Bool(string name, bool? value)
    {
        if (value is { } v)
        {
            _json.WriteBoolean(name, v);
        }
    }

    private void TrueOnly(string name, bool value)
    {
        if (value)
        {
            _json.WriteBoolean(name, true);
        }
    }

    private void Numbers(string name, IReadOnlyList<long> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteNumberValue(value);
        }

        _json.WriteEndArray();
    }

    private void Raw(string name, string? json)
    {
        if (json is not null)
        {
            _json.WritePropertyName(name);
            _json.WriteRawValue(json, skipInputValidation: false);
        }
    }
}

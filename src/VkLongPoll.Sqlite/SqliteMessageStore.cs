using System.Text.Json;
using Microsoft.Data.Sqlite;
using VkLongPoll.Events;

namespace VkLongPoll.Sqlite;

/// <summary>
/// Messages seen, in a SQLite file (readable by its owner only), so an edit can show the text it replaced and a deletion
/// what it removed — also after a restart. Bounded: messages older than <see cref="Retention"/> go, and the oldest go when
/// the file outgrows <see cref="MaxBytes"/>: checked when the store opens, every <see cref="PruneInterval"/> while it is open, and
/// after every 500 messages saved.
/// </summary>
/// <remarks>It keeps what a reader needs to tell a message again: ids, author, time, text, attachments (kind, id, URL, title).</remarks>
public sealed class SqliteMessageStore : IMessageStore, IDisposable
{
    /// <summary>How often an open store prunes itself, whatever it saves: a quiet feed's old messages go too.</summary>
    public static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    /// <summary>How long a message is kept by default: a month.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    /// <summary>The largest the file may grow by default: 64 MB (about 200,000 short messages).</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>Saves between two prunings.</summary>
    private const int PruneEvery = 500;

    private readonly string _path;
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ITimer _pruning;
    private int _savesSincePrune;

    /// <summary>Uses (and creates, mode 0600) the database file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="retention">How long messages are kept; <see cref="DefaultRetention"/> when null.</param>
    /// <param name="maxBytes">How large the file may grow; <see cref="DefaultMaxBytes"/> when null.</param>
    /// <param name="timeProvider">The clock that dates saves.</param>
    /// <exception cref="CheckpointStoreException">The file is not a SQLite database, is locked, or cannot be created.</exception>
    public SqliteMessageStore(string path, TimeSpan? retention = null, long? maxBytes = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        Retention = retention ?? DefaultRetention;
        MaxBytes = maxBytes ?? DefaultMaxBytes;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Retention, TimeSpan.Zero, nameof(retention));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBytes, 64 * 1024, nameof(maxBytes));
        _time = timeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 5 }.ToString();
        PrivateFile.Create(path);
        Guarded(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS message (
                  message_id INTEGER, peer_id INTEGER NOT NULL, cmid INTEGER, from_id INTEGER, date INTEGER,
                  text TEXT NOT NULL, attachments TEXT, saved_at INTEGER NOT NULL);
                CREATE UNIQUE INDEX IF NOT EXISTS message_by_id ON message (message_id) WHERE message_id IS NOT NULL;
                CREATE UNIQUE INDEX IF NOT EXISTS message_by_conversation ON message (peer_id, cmid) WHERE cmid IS NOT NULL;
                CREATE INDEX IF NOT EXISTS message_by_age ON message (saved_at);
                """;
            command.ExecuteNonQuery();

            // What an earlier run left past the bounds goes now, not 500 saves from now.
            Prune(connection);
            return 0;
        });
        _pruning = _time.CreateTimer(_ => PruneQuietly(), null, PruneInterval, PruneInterval);
    }

    /// <summary>Stops the hourly pruning.</summary>
    public void Dispose() => _pruning.Dispose();

    /// <summary>How long messages are kept.</summary>
    public TimeSpan Retention { get; }

    /// <summary>How large the file may grow.</summary>
    public long MaxBytes { get; }

    /// <inheritdoc/>
    public ValueTask SaveAsync(IReadOnlyList<LongPollMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var complete = messages.Where(m => m.IsComplete && m.PeerId is not null && (GlobalId(m) is not null || m.ConversationMessageId is not null)).ToList();
        if (complete.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        Guarded(connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var m in complete)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                // One row per message: a later copy (an edit) replaces it, under whichever id it is known.
                command.CommandText = """
                    DELETE FROM message WHERE (message_id IS NOT NULL AND message_id = $id) OR (cmid IS NOT NULL AND peer_id = $peer AND cmid = $cmid);
                    INSERT INTO message (message_id, peer_id, cmid, from_id, date, text, attachments, saved_at)
                    VALUES ($id, $peer, $cmid, $from, $date, $text, $attachments, $saved);
                    """;
                command.Parameters.AddWithValue("$id", (object?)GlobalId(m) ?? DBNull.Value);
                command.Parameters.AddWithValue("$peer", m.PeerId!.Value.Value);
                command.Parameters.AddWithValue("$cmid", (object?)m.ConversationMessageId ?? DBNull.Value);
                command.Parameters.AddWithValue("$from", (object?)m.FromId ?? DBNull.Value);
                command.Parameters.AddWithValue("$date", (object?)m.Timestamp ?? DBNull.Value);
                command.Parameters.AddWithValue("$text", m.Text ?? string.Empty);
                command.Parameters.AddWithValue("$attachments", m.Attachments.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(m.Attachments.Select(StoredAttachment.Of).ToList(), StoreJsonContext.Default.ListStoredAttachment));
                command.Parameters.AddWithValue("$saved", _time.GetUtcNow().ToUnixTimeSeconds());
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            if ((_savesSincePrune += complete.Count) >= PruneEvery)
            {
                _savesSincePrune = 0;
                Prune(connection);
            }

            return 0;
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<LongPollMessage?> FindByIdAsync(long messageId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(messageId > 0 ? Find("message_id = $id", ("$id", messageId)) : null);

    /// <inheritdoc/>
    public ValueTask<LongPollMessage?> FindInConversationAsync(PeerId peerId, long conversationMessageId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Find("peer_id = $peer AND cmid = $cmid", ("$peer", peerId.Value), ("$cmid", conversationMessageId)));

    /// <inheritdoc/>
    public ValueTask ForgetAsync(LongPollMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Guarded(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM message WHERE (message_id IS NOT NULL AND message_id = $id) OR (cmid IS NOT NULL AND peer_id = $peer AND cmid = $cmid)";
            command.Parameters.AddWithValue("$id", (object?)GlobalId(message) ?? DBNull.Value);
            command.Parameters.AddWithValue("$peer", (object?)message.PeerId?.Value ?? DBNull.Value);
            command.Parameters.AddWithValue("$cmid", (object?)message.ConversationMessageId ?? DBNull.Value);
            return command.ExecuteNonQuery();
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The message's global id, or null when it has none worth keying by: VK gives messages in community chats the id 0
    /// (vk-api-schema#40, vk-io#308), and keyed by it each new one would replace the last; they go by (peer, cmid).
    /// </summary>
    private static long? GlobalId(LongPollMessage m) => m.MessageId is > 0 ? m.MessageId : null;

    /// <summary>Drops what is older than <see cref="Retention"/>, then the oldest tenth while the file is over <see cref="MaxBytes"/>.</summary>
    public void Prune() => Guarded(connection =>
    {
        Prune(connection);
        return 0;
    });

    /// <summary>The timer's pruning: a file that cannot be used now (locked a moment by another program) is pruned next time.</summary>
    private void PruneQuietly()
    {
        try
        {
            Prune();
        }
        catch (CheckpointStoreException)
        {
            // The next tick tries again; saves and lookups report their own failures.
        }
    }

    private void Prune(SqliteConnection connection)
    {
        using (var old = connection.CreateCommand())
        {
            old.CommandText = "DELETE FROM message WHERE saved_at < $limit";
            old.Parameters.AddWithValue("$limit", (_time.GetUtcNow() - Retention).ToUnixTimeSeconds());
            old.ExecuteNonQuery();
        }

        for (var round = 0; round < 10 && Size(connection) > MaxBytes; round++)
        {
            using var oldest = connection.CreateCommand();
            oldest.CommandText = "DELETE FROM message WHERE rowid IN (SELECT rowid FROM message ORDER BY saved_at, rowid LIMIT (SELECT MAX(1, COUNT(*) / 10) FROM message)); VACUUM;";
            oldest.ExecuteNonQuery();
        }
    }

    private static long Size(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
        return (long)command.ExecuteScalar()!;
    }

    private LongPollMessage? Find(string where, params (string Name, long Value)[] parameters) => Guarded(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT message_id, peer_id, cmid, from_id, date, text, attachments FROM message WHERE {where}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var attachments = reader.IsDBNull(6) ? [] : JsonSerializer.Deserialize(reader.GetString(6), StoreJsonContext.Default.ListStoredAttachment) ?? [];
        return new LongPollMessage
        {
            MessageId = reader.IsDBNull(0) ? null : reader.GetInt64(0),
            PeerId = new PeerId(reader.GetInt64(1)),
            ConversationMessageId = reader.IsDBNull(2) ? null : reader.GetInt64(2),
            FromId = reader.IsDBNull(3) ? null : reader.GetInt64(3),
            Timestamp = reader.IsDBNull(4) ? null : reader.GetInt64(4),
            Text = reader.GetString(5),
            IsComplete = true,
            Attachments = [.. attachments.Select((a, i) => a.ToAttachment(i + 1))],
        };
    });

    private T Guarded<T>(Func<SqliteConnection, T> step)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            return step(connection);
        }
        catch (SqliteException e)
        {
            throw new CheckpointStoreException(_path, PrivateFile.Problem(e), e);
        }
    }
}

/// <summary>What the store keeps of an attachment.</summary>
internal sealed record StoredAttachment(string Type, string? Kind, string Id, string? Url, string? Title)
{
    public static StoredAttachment Of(MessageAttachment a) => new(a.Type, a.Kind, a.Id, a.Url ?? a.Link?.Url, a.Title ?? a.Link?.Title);

    public MessageAttachment ToAttachment(int index) => new() { Index = index, Type = Type, Kind = Kind, Id = Id, Url = Url, Title = Title };
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<StoredAttachment>))]
internal sealed partial class StoreJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

using Microsoft.Data.Sqlite;
using VkLongPoll.Community;

namespace VkLongPoll.Sqlite;

/// <summary>
/// The store as a community's durable Callback inbox (table <c>longpoll_callback_inbox</c>): a delivery is in the file before
/// the endpoint answers VK <c>ok</c>, and leaves it once the handler's checkpoint is past it.
/// </summary>
public sealed partial class SqliteCheckpointStore : ICallbackInbox
{
    private readonly Lock _inboxSync = new();
    private volatile bool _inboxReady;
    private TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The most deliveries a community's inbox holds before it answers <see cref="InboxRecordResult.Full"/> (VK is then asked to retry later).</summary>
    public int InboxCapacity { get; init; } = 10_000;

    /// <inheritdoc/>
    public ValueTask<InboxRecordResult> RecordAsync(long groupId, string eventId, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(body);
        var result = Guarded(() =>
        {
            using var connection = Open();
            EnsureInboxTable(connection);
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // A retry of what the inbox holds is answered ok even when it is full: it is recorded already.
            command.CommandText = "SELECT COUNT(*) FROM longpoll_callback_inbox WHERE group_id = $group AND event_id = $event";
            command.Parameters.AddWithValue("$group", groupId);
            command.Parameters.AddWithValue("$event", eventId.Length > 0 ? eventId : DBNull.Value);
            if (eventId.Length > 0 && (long)command.ExecuteScalar()! > 0)
            {
                return InboxRecordResult.Duplicate;
            }

            command.CommandText = "SELECT COUNT(*) FROM longpoll_callback_inbox WHERE group_id = $group";
            if ((long)command.ExecuteScalar()! >= InboxCapacity)
            {
                return InboxRecordResult.Full;
            }

            command.CommandText = """
                INSERT OR IGNORE INTO longpoll_callback_inbox (group_id, event_id, body, received_at)
                VALUES ($group, $event, $body, $at)
                """;
            // An empty event_id is never a duplicate: NULL is not equal to NULL under the unique index.
            command.Parameters.AddWithValue("$body", body);
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            var inserted = command.ExecuteNonQuery();
            transaction.Commit();
            return inserted == 0 ? InboxRecordResult.Duplicate : InboxRecordResult.Recorded;
        });
        if (result == InboxRecordResult.Recorded)
        {
            TaskCompletionSource recorded;
            lock (_inboxSync)
            {
                recorded = _recorded;
                _recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            recorded.TrySetResult();
        }

        return ValueTask.FromResult(result);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<CallbackInboxEntry>> ReadAsync(long groupId, long after, int max, CancellationToken cancellationToken = default) => ValueTask.FromResult(Guarded(() =>
    {
        using var connection = Open();
        EnsureInboxTable(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position, event_id, body FROM longpoll_callback_inbox WHERE group_id = $group AND position > $after ORDER BY position LIMIT $max";
        command.Parameters.AddWithValue("$group", groupId);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var entries = new List<CallbackInboxEntry>();
        while (reader.Read())
        {
            entries.Add(new CallbackInboxEntry(reader.GetInt64(0), groupId, reader.IsDBNull(1) ? string.Empty : reader.GetString(1), reader.GetString(2)));
        }

        return (IReadOnlyList<CallbackInboxEntry>)entries;
    }));

    /// <inheritdoc/>
    public ValueTask TrimAsync(long groupId, long upTo, CancellationToken cancellationToken = default)
    {
        Guarded(() =>
        {
            using var connection = Open();
            EnsureInboxTable(connection);
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM longpoll_callback_inbox WHERE group_id = $group AND position <= $upTo";
            command.Parameters.AddWithValue("$group", groupId);
            command.Parameters.AddWithValue("$upTo", upTo);
            return command.ExecuteNonQuery();
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task WaitAsync(long groupId, long after, TimeSpan atMost, CancellationToken cancellationToken = default)
    {
        Task recorded;
        lock (_inboxSync)
        {
            recorded = _recorded.Task;
        }

        if ((await ReadAsync(groupId, after, 1, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        try
        {
            // Another process may record into the same file: the caller looks again after atMost in any case.
            await recorded.WaitAsync(atMost, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing recorded here in time.
        }
    }

    private void EnsureInboxTable(SqliteConnection connection)
    {
        if (_inboxReady)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS longpoll_callback_inbox (
              position INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER NOT NULL, event_id TEXT, body TEXT NOT NULL, received_at TEXT NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS longpoll_callback_inbox_event ON longpoll_callback_inbox (group_id, event_id);
            """;
        command.ExecuteNonQuery();
        _inboxReady = true;
    }
}

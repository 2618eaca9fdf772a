using Microsoft.Data.Sqlite;
using VkLongPoll.Community;
using VkLongPoll.Engine;

namespace VkLongPoll.Sqlite;

/// <summary>Checkpoints in a SQLite file: one row per session name; and the batches given up on, beside them.</summary>
/// <remarks>
/// <para>A consumer that stores its own results in the same database can save them and the checkpoint in one
/// transaction with <see cref="Save(SqliteConnection, SqliteTransaction, string, LongPollCheckpoint)"/>:
/// that is what makes delivery exactly-once rather than at-least-once (docs/delivery.md).</para>
/// <para>As an <see cref="IDeadLetterSink"/> it keeps each dead-lettered batch (its events as the event JSON, the error,
/// the attempts) in the table <c>longpoll_dead_letter</c>: an engine whose checkpoint store it is hands them to it
/// without being told. <see cref="ReadDeadLetters"/> reads them back.</para>
/// </remarks>
public sealed partial class SqliteCheckpointStore : ICheckpointStore, IDeadLetterSink
{
    private readonly string _path;
    private readonly string _connectionString;

    /// <summary>Uses (and creates, readable by its owner only: it holds the Long Poll key) the database file at <paramref name="path"/>.</summary>
    /// <exception cref="CheckpointStoreException">The file is not a SQLite database, is locked, or cannot be created; nothing was written to it.</exception>
    public SqliteCheckpointStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        // A few seconds of patience with another writer (another vklp on the same file): saves are short.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 5 }.ToString();
        PrivateFile.Create(path);

        Guarded(() =>
        {
            using var connection = Open();
            EnsureTable(connection);
            return 0;
        });
    }

    /// <summary>Creates the checkpoint table in <paramref name="connection"/> if it is not there.</summary>
    public static void EnsureTable(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS longpoll_checkpoint (
              name TEXT PRIMARY KEY, ts INTEGER NOT NULL, pts INTEGER NOT NULL,
              server TEXT, key TEXT, version INTEGER NOT NULL, saved_at TEXT NOT NULL, community TEXT)
            """;
        command.ExecuteNonQuery();

        // Files written before communities had no community column: add it (an older vklp ignores it).
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('longpoll_checkpoint') WHERE name = 'community'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "ALTER TABLE longpoll_checkpoint ADD COLUMN community TEXT";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Saves a checkpoint inside the caller's transaction (for exactly-once consumers).</summary>
    public static void Save(SqliteConnection connection, SqliteTransaction? transaction, string name, LongPollCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO longpoll_checkpoint (name, ts, pts, server, key, version, saved_at, community)
            VALUES ($name, $ts, $pts, $server, $key, $version, $saved, $community)
            ON CONFLICT(name) DO UPDATE SET ts = $ts, pts = $pts, server = $server, key = $key, version = $version, saved_at = $saved, community = $community
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$ts", checkpoint.Ts);
        command.Parameters.AddWithValue("$pts", checkpoint.Pts);
        command.Parameters.AddWithValue("$server", (object?)checkpoint.Server ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", (object?)checkpoint.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("$version", checkpoint.Version);
        command.Parameters.AddWithValue("$community", (object?)checkpoint.Community?.Encode() ?? DBNull.Value);
        command.Parameters.AddWithValue("$saved", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public ValueTask<LongPollCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken = default) => ValueTask.FromResult(Guarded(() =>
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ts, pts, server, key, version, community FROM longpoll_checkpoint WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new LongPollCheckpoint(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4))
            {
                Community = reader.IsDBNull(5) ? null : CommunityPosition.Decode(reader.GetString(5)),
            }
            : null;
    }));

    /// <inheritdoc/>
    public ValueTask SaveAsync(string name, LongPollCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        Guarded(() =>
        {
            using var connection = Open();
            Save(connection, null, name, checkpoint);
            return 0;
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>Keeps a batch given up on: its events (as the event JSON, one line each), the error and the attempts.</summary>
    /// <param name="letter">The batch and why it was given up.</param>
    /// <param name="cancellationToken">Unused: the write is short.</param>
    /// <exception cref="CheckpointStoreException">The file could not be written.</exception>
    public ValueTask DeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var events = new MemoryStream();
        using (var writer = new EventJsonWriter(events, letter.Batch.Checkpoint.Version))
        {
            foreach (var e in letter.Batch.Events)
            {
                writer.Write(e);
            }
        }

        Guarded(() =>
        {
            using var connection = Open();
            EnsureDeadLetterTable(connection);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO longpoll_dead_letter (name, account, at, attempts, error, events, ts, pts)
                VALUES ($name, $account, $at, $attempts, $error, $events, $ts, $pts)
                """;
            command.Parameters.AddWithValue("$name", letter.CheckpointName);
            command.Parameters.AddWithValue("$account", letter.Account);
            command.Parameters.AddWithValue("$at", letter.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$attempts", letter.Attempts);
            command.Parameters.AddWithValue("$error", $"{letter.Error.GetType().Name}: {letter.Error.Message}");
            command.Parameters.AddWithValue("$events", System.Text.Encoding.UTF8.GetString(events.ToArray()));
            command.Parameters.AddWithValue("$ts", letter.Batch.Checkpoint.Ts);
            command.Parameters.AddWithValue("$pts", letter.Batch.Checkpoint.Pts);
            return command.ExecuteNonQuery();
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>The batches given up on under the checkpoint name <paramref name="name"/>, oldest first.</summary>
    /// <exception cref="CheckpointStoreException">The file could not be read.</exception>
    public IReadOnlyList<StoredDeadLetter> ReadDeadLetters(string name) => Guarded(() =>
    {
        using var connection = Open();
        EnsureDeadLetterTable(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account, at, attempts, error, events, ts, pts FROM longpoll_dead_letter WHERE name = $name ORDER BY id";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        var letters = new List<StoredDeadLetter>();
        while (reader.Read())
        {
            letters.Add(new StoredDeadLetter(
                reader.GetString(0),
                name,
                DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetInt32(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetInt64(5),
                reader.GetInt64(6)));
        }

        return (IReadOnlyList<StoredDeadLetter>)letters;
    });

    private static void EnsureDeadLetterTable(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS longpoll_dead_letter (
              id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, account TEXT NOT NULL, at TEXT NOT NULL,
              attempts INTEGER NOT NULL, error TEXT NOT NULL, events TEXT NOT NULL, ts INTEGER NOT NULL, pts INTEGER NOT NULL)
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a database step, turning SQLite's errors into one plain <see cref="CheckpointStoreException"/>.</summary>
    private T Guarded<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (SqliteException e)
        {
            throw new CheckpointStoreException(_path, PrivateFile.Problem(e), e);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

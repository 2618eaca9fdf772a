using Microsoft.Data.Sqlite;
using VkLongPoll.Sqlite;

namespace Worker;

/// <summary>The worker's SQLite file: the messages it stored and the accounts' checkpoints.</summary>
internal sealed class MessageDatabase
{
    private MessageDatabase(string path)
    {
        Path = path;
        using var connection = Open();
        using var create = connection.CreateCommand();
        // The primary key makes a message stored twice an error rather than a silent duplicate.
        create.CommandText = "CREATE TABLE IF NOT EXISTS messages (account TEXT NOT NULL, id INTEGER NOT NULL, peer_id INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (account, id))";
        create.ExecuteNonQuery();
        SqliteCheckpointStore.EnsureTable(connection);
    }

    public string Path { get; }

    /// <summary>The file named by the <c>Database</c> setting (<c>messages.db</c> by default).</summary>
    public static MessageDatabase FromConfiguration(IConfiguration configuration) => new(configuration["Database"] ?? "messages.db");

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>One line per stored message, then one per checkpoint (without its key).</summary>
    public void Print(TextWriter output)
    {
        using var connection = Open();
        using (var messages = connection.CreateCommand())
        {
            messages.CommandText = "SELECT account, id, text FROM messages ORDER BY account, id";
            using var reader = messages.ExecuteReader();
            while (reader.Read())
            {
                output.WriteLine($"message {reader.GetString(0)} {reader.GetInt64(1)}: {reader.GetString(2)}");
            }
        }

        using var checkpoints = connection.CreateCommand();
        checkpoints.CommandText = "SELECT name, ts, pts FROM longpoll_checkpoint ORDER BY name";
        using var rows = checkpoints.ExecuteReader();
        while (rows.Read())
        {
            output.WriteLine($"checkpoint {rows.GetString(0)}: ts {rows.GetInt64(1)}, pts {rows.GetInt64(2)}");
        }
    }
}

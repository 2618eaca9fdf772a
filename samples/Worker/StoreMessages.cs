using VkLongPoll.Engine;
using VkLongPoll.Events;
using VkLongPoll.Hosting;
using VkLongPoll.Sqlite;

namespace Worker;

/// <summary>Stores each batch's new messages and the account's checkpoint in one transaction: every message exactly once.</summary>
/// <remarks>Runs with <c>CheckpointSaving: ByHandler</c> (appsettings.json): the host never saves the checkpoint itself.</remarks>
internal sealed partial class StoreMessages(MessageDatabase database, ILogger<StoreMessages> logger) : IAccountBatchHandler
{
    public ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var messages = batch.Events.OfType<MessageNewEvent>().Select(e => e.Message).ToList();
        foreach (var message in messages)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO messages (account, id, peer_id, text) VALUES ($account, $id, $peer, $text)";
            insert.Parameters.AddWithValue("$account", batch.Account);
            insert.Parameters.AddWithValue("$id", message.MessageId ?? 0);
            insert.Parameters.AddWithValue("$peer", message.PeerId?.Value ?? 0);
            insert.Parameters.AddWithValue("$text", message.Text ?? string.Empty);
            insert.ExecuteNonQuery();
        }

        SqliteCheckpointStore.Save(connection, transaction, batch.CheckpointName, batch.Checkpoint);
        transaction.Commit();
        batch.MarkCommitted(); // said for the engine: it saved the checkpoint itself, with the messages
        if (messages.Count > 0)
        {
            Stored(logger, messages.Count, batch.Account, batch.Recovered ? " (recovered)" : string.Empty);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "Stored {Count} message(s) of {Account}{Recovered}")]
    private static partial void Stored(ILogger logger, int count, string account, string recovered);
}

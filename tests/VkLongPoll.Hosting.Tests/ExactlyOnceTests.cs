using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VkLongPoll.Engine;
using VkLongPoll.Events;
using VkLongPoll.Sqlite;

namespace VkLongPoll.Hosting.Tests;

/// <summary>The exactly-once path: the handler commits the batch's messages and its checkpoint in one SQLite transaction.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class ExactlyOnceTests(EmulatorFixture fixture) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vklp-hosting-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task HandlerCommitsWithTheCheckpoint_AFailedAttemptRollsBack_AndEveryMessageIsStoredOnce()
    {
        var account = fixture.NewAccount();
        using var control = fixture.Emulator.CreateControlClient(account);
        var database = Path.Combine(_directory, "worker.db");
        var settings = TestHost.Settings(fixture.Emulator,
            ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]),
            ("VkLongPoll:Accounts:alice:CheckpointSaving", "ByHandler"));
        var failures = new FailOnce("boom");
        var received = new Received();

        using (var host = Build(settings, database, failures, received))
        {
            await host.StartAsync();
            await WorkerTests.WaitForStartAsync(host, "alice");
            foreach (var text in new[] { "one", "boom", "three" })
            {
                await control.SendMessageAsync(text);
            }

            await received.WaitForAsync("alice", 3);
            await host.StopAsync();
            var state = host.Services.GetRequiredService<VkLongPollAccounts>()["alice"]!;
            Assert.Null(state.HandlerError);
        }

        Assert.True(failures.Failed, "the handler threw once, after writing, inside its transaction");
        Assert.Equal(["one", "boom", "three"], StoredTexts(database));

        // The host never saved: the checkpoint in the database is the handler's, and a restart resumes from it.
        await control.SendMessageAsync("four");
        using (var host = Build(settings, database, failures, received))
        {
            await host.StartAsync();
            await received.WaitForAsync("alice", 4);
            await host.StopAsync();
        }

        Assert.Equal(["one", "boom", "three", "four"], StoredTexts(database));
        Assert.Equal(fixture.Emulator.Position(account).Pts, (await new SqliteCheckpointStore(database).LoadAsync("alice"))!.Pts);
    }

    private static Microsoft.Extensions.Hosting.IHost Build(Dictionary<string, string?> settings, string database, FailOnce failures, Received received) =>
        TestHost.Build(settings, vk => vk.AddBatchHandler<StoreMessagesHandler>(), services => services
            .AddSingleton(new MessageDatabase(database))
            .AddSingleton(failures)
            .AddSingleton(received)
            // The host loads the checkpoint from the same database the handler commits it to.
            .AddSingleton<ICheckpointStore>(new SqliteCheckpointStore(database)));

    private static List<string> StoredTexts(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM messages ORDER BY id";
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }
}

internal sealed record MessageDatabase(string Path);

/// <summary>Throws once, inside the transaction and after writing, on the message with this text.</summary>
internal sealed class FailOnce(string text)
{
    public string Text { get; } = text;

    public bool Failed { get; set; }
}

/// <summary>The worker sample's handler in short: messages and the checkpoint in one transaction.</summary>
internal sealed class StoreMessagesHandler(MessageDatabase database, FailOnce failures, Received received) : IAccountBatchHandler
{
    public ValueTask HandleAsync(AccountBatch context, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=false");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, text TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }

        SqliteCheckpointStore.EnsureTable(connection);
        using var transaction = connection.BeginTransaction();
        foreach (var message in context.Events.OfType<MessageNewEvent>().Select(e => e.Message))
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            // A plain INSERT: a message handed over twice would fail on the primary key, not hide.
            insert.CommandText = "INSERT INTO messages (id, text) VALUES ($id, $text)";
            insert.Parameters.AddWithValue("$id", message.MessageId ?? 0);
            insert.Parameters.AddWithValue("$text", message.Text ?? string.Empty);
            insert.ExecuteNonQuery();
            if (message.Text == failures.Text && !failures.Failed)
            {
                failures.Failed = true;
                throw new InvalidOperationException("the handler failed after writing (rolled back)");
            }
        }

        SqliteCheckpointStore.Save(connection, transaction, context.CheckpointName, context.Checkpoint);
        transaction.Commit();
        received.Add(context);
        return ValueTask.CompletedTask;
    }
}

using VkLongPoll.Engine;
using VkLongPoll.Events;
using VkLongPoll.Sqlite;
using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests.Engine;

/// <summary>A real session on the one engine: a message its handler cannot take is given up and kept; later ones still come.</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public async Task AMessageTheHandlerKeepsFailingOn_IsDeadLetteredIntoTheSqliteStore_AndTheNextMessageIsDelivered()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 11 });
        var folder = Directory.CreateTempSubdirectory("vklp-dead-letter-");
        try
        {
            var store = new SqliteCheckpointStore(Path.Combine(folder.FullName, "checkpoints.db"));
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var client = new LongPollClient(new LongPollClientOptions
            {
                AccessToken = emulator.Tokens[0],
                ApiBaseUrl = emulator.ApiUrl,
                ApiCallsPerSecond = 0,
                Wait = 1,
                OnStatus = status =>
                {
                    if (status is LongPollStarted)
                    {
                        started.TrySetResult();
                    }
                },
            }, LongPollHttp.CreateClient(emulator.CreateTrustingHandler()));
            var delivered = new List<string>();
            var before = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var givenUp = new LetterObserver();
            var handler = new Handler(batch =>
            {
                foreach (var text in batch.Events.OfType<MessageNewEvent>().Select(e => e.Message.Text ?? string.Empty))
                {
                    if (text == "poison")
                    {
                        throw new InvalidDataException("this handler cannot take poison");
                    }

                    delivered.Add(text);
                    if (text == "before")
                    {
                        before.TrySetResult();
                    }

                    if (text == "after")
                    {
                        after.TrySetResult();
                    }
                }
            });
            var engine = new AccountEngine(client, handler, new AccountEngineOptions
            {
                CheckpointStore = store,
                HandlerAttempts = 3,
                Backoff = new RetryBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)),
                Observer = givenUp,
            });
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var run = engine.RunAsync(stop.Token);
            await started.Task.WaitAsync(stop.Token);

            using var control = emulator.CreateControlClient();
            // One at a time, so that each is a batch of its own: a batch is given up whole.
            await control.SendMessageAsync("before");
            await before.Task.WaitAsync(stop.Token);
            await control.SendMessageAsync("poison");
            await givenUp.Letter.Task.WaitAsync(stop.Token);
            await control.SendMessageAsync("after");
            await after.Task.WaitAsync(stop.Token);
            await stop.CancelAsync();
            await run;

            Assert.Equal(["before", "after"], delivered);
            var letter = Assert.Single(store.ReadDeadLetters(client.Name));
            Assert.Equal(3, letter.Attempts);
            Assert.Equal("InvalidDataException: this handler cannot take poison", letter.Error);
            Assert.Contains("\"text\":\"poison\"", letter.EventsJson, StringComparison.Ordinal);
            Assert.DoesNotContain("\"text\":\"after\"", letter.EventsJson, StringComparison.Ordinal);
            Assert.True((await store.LoadAsync(client.Name))!.Ts >= letter.Ts, "the account went on past the dead letter");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private sealed class LetterObserver : AccountEngineObserver
    {
        public TaskCompletionSource<DeadLetter> Letter { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void OnDeadLettered(DeadLetter letter) => Letter.TrySetResult(letter);
    }

    private sealed class Handler(Action<AccountBatch> handle) : IAccountBatchHandler
    {
        public ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
        {
            handle(batch);
            return ValueTask.CompletedTask;
        }
    }
}

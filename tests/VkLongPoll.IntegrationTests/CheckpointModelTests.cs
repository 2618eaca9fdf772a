using VkLongPoll.Events;
using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests;

/// <summary>One checkpoint model for both read methods: the store loads where to start, the checkpoint moves once the consumer takes a batch.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class CheckpointModelTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadBatches_LoadsFromTheStore_AndSavesOnceTheConsumerTookTheBatch()
    {
        using var client = fixture.NewClient();
        var store = new InMemoryCheckpointStore();
        using var bound = new CancellationTokenSource(Bound);
        LongPollCheckpoint? afterFirst;
        await using (var session = SessionTests.NewSession(fixture.Emulator, client.Token, store))
        {
            await using var batches = session.ReadBatchesAsync(cancellationToken: bound.Token).GetAsyncEnumerator();
            Assert.True(await batches.MoveNextAsync()); // the starting point
            Assert.Null(session.Checkpoint);
            await client.ControlAsync("send", new { text = "one" });
            LongPollBatch withMessage;
            do
            {
                Assert.True(await batches.MoveNextAsync());
                withMessage = batches.Current;
            }
            while (!withMessage.Events.OfType<MessageNewEvent>().Any());

            // Not yet taken: the consumer has not come back for more.
            Assert.NotEqual(withMessage.Checkpoint, session.Checkpoint);
            Assert.NotEqual(withMessage.Checkpoint, await store.LoadAsync(session.Name));
            await client.ControlAsync("send", new { text = "two" });
            Assert.True(await batches.MoveNextAsync());
            Assert.Equal(withMessage.Checkpoint, session.Checkpoint);
            Assert.Equal(withMessage.Checkpoint, await store.LoadAsync(session.Name));
            afterFirst = withMessage.Checkpoint;
        }

        // A new session with the same store and no position resumes after "one": "two" comes (again: it was never taken), "one" does not.
        await using var resumed = SessionTests.NewSession(fixture.Emulator, client.Token, store);
        var texts = new List<string>();
        await foreach (var batch in resumed.ReadBatchesAsync(cancellationToken: bound.Token))
        {
            texts.AddRange(batch.Events.OfType<MessageNewEvent>().Select(m => m.Message.Text ?? string.Empty));
            if (texts.Count > 0)
            {
                break;
            }
        }

        Assert.Equal(["two"], texts);
        Assert.NotNull(afterFirst);
    }

    [Fact]
    public async Task Failed4_GivesABatchWithTheNewPosition()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { MaxVersion = 11, ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        await using var session = SessionTests.NewSession(emulator, client.Token, version: 19);
        using var bound = new CancellationTokenSource(Bound);

        var versions = new List<int>();
        await foreach (var batch in session.ReadBatchesAsync(cancellationToken: bound.Token))
        {
            versions.Add(batch.Checkpoint.Version);
            if (batch.Checkpoint.Version == 11)
            {
                Assert.Empty(batch.Events);
                Assert.NotNull(batch.Checkpoint.Key);
                break;
            }
        }

        Assert.Equal([19, 11], versions);
    }
}

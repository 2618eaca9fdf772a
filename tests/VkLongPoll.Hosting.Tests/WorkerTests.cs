using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using VkLongPoll.Engine;

namespace VkLongPoll.Hosting.Tests;

/// <summary>A worker as docs/hosting.md shows it: accounts from configuration, a handler, checkpoints, stop and start again.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class WorkerTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Worker_ReceivesMessages_SavesTheCheckpointOnStop_AndResumesWithoutRepeats()
    {
        var account = fixture.NewAccount();
        using var control = fixture.Emulator.CreateControlClient(account);
        var store = new InMemoryCheckpointStore();
        var received = new Received();
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]));

        using (var host = Build(settings, store, received))
        {
            await host.StartAsync();
            await WaitForStartAsync(host, "alice");
            foreach (var text in new[] { "one", "two", "three" })
            {
                await control.SendMessageAsync(text);
            }

            Assert.Equal(["one", "two", "three"], (await received.WaitForAsync("alice", 3)).Select(m => m.Text));
            await host.StopAsync();
        }

        var saved = await store.LoadAsync("alice");
        Assert.NotNull(saved);
        Assert.Equal(fixture.Emulator.Position(account).Pts, saved.Pts);

        // While the worker is down: these come on the next start, and nothing before them comes again.
        await control.SendMessageAsync("four");
        await control.SendMessageAsync("five");
        using (var host = Build(settings, store, received))
        {
            await host.StartAsync();
            var all = await received.WaitForAsync("alice", 5);
            await host.StopAsync();
            Assert.Equal(["one", "two", "three", "four", "five"], received.Messages.Select(m => m.Text));
        }

        Assert.Equal(fixture.Emulator.Position(account).Pts, (await store.LoadAsync("alice"))!.Pts);
    }

    [Fact]
    public async Task TwoAccountsFromConfiguration_EachGetsItsOwnMessages_OverOneHttpClient()
    {
        var (a, b) = (fixture.NewAccount(), fixture.NewAccount());
        var received = new Received();
        var settings = TestHost.Settings(fixture.Emulator,
            ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[a]),
            ("VkLongPoll:Accounts:bob:AccessToken", fixture.Emulator.Tokens[b]),
            ("VkLongPoll:Accounts:bob:CheckpointName", "bob-checkpoint"));
        var store = new InMemoryCheckpointStore();
        using var host = Build(settings, store, received);
        await host.StartAsync();
        await WaitForStartAsync(host, "alice");
        await WaitForStartAsync(host, "bob");
        using (var control = fixture.Emulator.CreateControlClient(a))
        {
            await control.SendMessageAsync("for alice");
        }

        using (var control = fixture.Emulator.CreateControlClient(b))
        {
            await control.SendMessageAsync("for bob");
        }

        Assert.Equal("for alice", Assert.Single(await received.WaitForAsync("alice", 1)).Text);
        Assert.Equal("for bob", Assert.Single(await received.WaitForAsync("bob", 1)).Text);
        await host.StopAsync();

        var accounts = host.Services.GetRequiredService<VkLongPollAccounts>();
        Assert.Equal(["alice", "bob"], accounts.Current.Select(s => s.Name));
        Assert.Equal("bob-checkpoint", accounts["bob"]!.CheckpointName);
        Assert.NotNull(await store.LoadAsync("alice"));
        Assert.NotNull(await store.LoadAsync("bob-checkpoint"));
        Assert.All(accounts.Current, s => Assert.False(s.Running));
    }

    [Fact]
    public async Task Stop_LetsTheBatchInProgressFinish_AndSavesItsCheckpoint()
    {
        var account = fixture.NewAccount();
        using var control = fixture.Emulator.CreateControlClient(account);
        var store = new InMemoryCheckpointStore();
        var gate = new SlowHandler.Gate();
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<SlowHandler>(), services => services.AddSingleton(gate).AddSingleton<ICheckpointStore>(store));
        await host.StartAsync();
        await WaitForStartAsync(host, "alice");
        await control.SendMessageAsync("slow");
        await gate.Entered.Task.WaitAsync(TestHost.Bound);

        // Stop while the handler is busy with the batch; it finishes once the host is stopping.
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Register(() => gate.Release.TrySetResult());
        await host.StopAsync().WaitAsync(TestHost.Bound);

        Assert.True(gate.Finished, "the handler finished its batch");
        Assert.False(gate.HandlerTokenCancelled, "the handler's token stays uncancelled within the shutdown timeout");
        Assert.Equal(fixture.Emulator.Position(account).Pts, (await store.LoadAsync("alice"))!.Pts);
    }

    [Fact]
    public async Task Stop_PastTheShutdownTimeout_CancelsTheHandler_AndTheBatchComesAgainOnTheNextStart()
    {
        var account = fixture.NewAccount();
        using var control = fixture.Emulator.CreateControlClient(account);
        var store = new InMemoryCheckpointStore();
        var gate = new SlowHandler.Gate();
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]));
        using (var host = TestHost.Build(settings, vk => vk.AddBatchHandler<SlowHandler>(), services => services
            .AddSingleton(gate).AddSingleton<ICheckpointStore>(store)
            .Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200))))
        {
            await host.StartAsync();
            await WaitForStartAsync(host, "alice");
            var before = (await store.LoadAsync("alice"))!;
            await control.SendMessageAsync("never finishes");
            await gate.Entered.Task.WaitAsync(TestHost.Bound);
            await host.StopAsync().WaitAsync(TestHost.Bound);
            Assert.True(gate.HandlerTokenCancelled);
            Assert.Equal(before.Pts, (await store.LoadAsync("alice"))!.Pts);
        }

        var received = new Received();
        using (var host = Build(settings, store, received))
        {
            await host.StartAsync();
            Assert.Equal("never finishes", Assert.Single(await received.WaitForAsync("alice", 1)).Text);
            await host.StopAsync();
        }
    }

    internal static IHost Build(Dictionary<string, string?> settings, ICheckpointStore store, Received received) =>
        TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(), services => services.AddSingleton(received).AddSingleton(store));

    /// <summary>Waits until the account polls (its checkpoint is taken): messages sent after that are live.</summary>
    internal static Task WaitForStartAsync(IHost host, string account)
    {
        var accounts = host.Services.GetRequiredService<VkLongPollAccounts>();
        return TestHost.WaitUntilAsync(() => accounts[account] is { } state && (state.BatchesHandled > 0 || state.Status is LongPollStarted), $"{account} has started");
    }
}

/// <summary>A handler that waits, on a new message, until the test lets it go (or its token is cancelled).</summary>
internal sealed class SlowHandler(SlowHandler.Gate gate) : IAccountBatchHandler
{
    public async ValueTask HandleAsync(AccountBatch context, CancellationToken cancellationToken)
    {
        if (context.Events.Count == 0 || !context.Events.OfType<Events.MessageNewEvent>().Any())
        {
            return;
        }

        gate.Entered.TrySetResult();
        try
        {
            await gate.Release.Task.WaitAsync(cancellationToken);
            gate.Finished = true;
        }
        catch (OperationCanceledException)
        {
            gate.HandlerTokenCancelled = true;
            throw;
        }
    }

    internal sealed class Gate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Finished { get; set; }

        public bool HandlerTokenCancelled { get; set; }
    }
}

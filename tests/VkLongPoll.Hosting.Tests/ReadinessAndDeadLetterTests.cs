using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VkLongPoll.Engine;
using VkLongPoll.Events;

namespace VkLongPoll.Hosting.Tests;

/// <summary>Readiness a consumer can await, and a batch the handlers keep failing on dead-lettered so the account goes on.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class ReadinessAndDeadLetterTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task AConsumerThatAwaitsReadiness_ThenSends_GetsTheMessage_AndHealthSaidStartingBefore()
    {
        var account = fixture.NewAccount();
        var received = new Received();
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(),
            services => services.AddSingleton(received).AddHealthChecks().AddVkLongPoll());
        var accounts = host.Services.GetRequiredService<VkLongPollAccounts>();
        var health = host.Services.GetRequiredService<HealthCheckService>();
        Assert.False(accounts.IsReady);

        await host.StartAsync();
        var early = (await health.CheckHealthAsync()).Entries["vk-longpoll"];
        using var bound = new CancellationTokenSource(TestHost.Bound);
        await accounts.WhenReadyAsync(bound.Token);
        using var control = fixture.Emulator.CreateControlClient(account);
        await control.SendMessageAsync("right after ready");

        Assert.Equal("right after ready", Assert.Single(await received.WaitForAsync("alice", 1)).Text);
        Assert.True(accounts.IsReady);
        Assert.Empty(accounts.Starting);
        // Before the first poll the check is not healthy (a readiness probe waits); a fast start may already be past it.
        Assert.True(early.Status == HealthStatus.Unhealthy ? early.Description!.Contains("alice: starting", StringComparison.Ordinal) : accounts["alice"]!.Ready);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task WhenReady_FailsAtOnce_ForAnAccountThatStoppedBeforeItWasReady()
    {
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:mallory:AccessToken", "vk1.a.revoked-long-ago"));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(), services => services.AddSingleton(new Received()));
        var accounts = host.Services.GetRequiredService<VkLongPollAccounts>();

        await host.StartAsync();
        using var bound = new CancellationTokenSource(TestHost.Bound);
        var error = await Assert.ThrowsAsync<VkLongPollException>(() => accounts.WhenReadyAsync(bound.Token));

        Assert.Contains("mallory stopped before it was ready", error.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task AHandlerThatThrowsOnOneMessage_DeadLettersItAfterTheAttempts_AndALaterMessageIsDelivered()
    {
        var account = fixture.NewAccount();
        var received = new Received();
        var sink = new CollectingSink();
        var settings = TestHost.Settings(fixture.Emulator,
            ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]),
            ("VkLongPoll:HandlerAttempts", "3"));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<PoisonHandler>(),
            services => services.AddSingleton(received).AddSingleton<IDeadLetterSink>(sink).AddHealthChecks().AddVkLongPoll());
        var accounts = host.Services.GetRequiredService<VkLongPollAccounts>();
        await host.StartAsync();
        using var bound = new CancellationTokenSource(TestHost.Bound);
        await accounts.WhenReadyAsync(bound.Token);
        using var control = fixture.Emulator.CreateControlClient(account);

        await control.SendMessageAsync("poison");
        await TestHost.WaitUntilAsync(() => !sink.Letters.IsEmpty, "the poisoned batch is dead-lettered");
        await control.SendMessageAsync("after the poison");

        Assert.Equal("after the poison", Assert.Single(await received.WaitForAsync("alice", 1)).Text);
        var letter = Assert.Single(sink.Letters);
        Assert.Equal(("alice", 3), (letter.Account, letter.Attempts));
        Assert.Contains(letter.Batch.Events, e => e is MessageNewEvent { Message.Text: "poison" });
        Assert.Contains(letter.EventIdentities, id => id.StartsWith("message_new ", StringComparison.Ordinal));
        Assert.IsType<InvalidOperationException>(letter.Error);
        Assert.Equal(1, accounts["alice"]!.DeadLettered);
        var report = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["vk-longpoll"];
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains("1 batch dead-lettered", report.Description, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task RetryForever_IsAnExplicitChoice_AndThenNothingIsDeadLettered()
    {
        var account = fixture.NewAccount();
        var sink = new CollectingSink();
        var settings = TestHost.Settings(fixture.Emulator,
            ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]),
            ("VkLongPoll:HandlerAttempts", "2"),
            ("VkLongPoll:HandlerFailure", "RetryForever"));
        var attempts = new PoisonAttempts();
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<PoisonHandler>(),
            services => services.AddSingleton(new Received()).AddSingleton(attempts).AddSingleton<IDeadLetterSink>(sink));
        var accounts = host.Services.GetRequiredService<VkLongPollAccounts>();
        await host.StartAsync();
        using var bound = new CancellationTokenSource(TestHost.Bound);
        await accounts.WhenReadyAsync(bound.Token);
        using var control = fixture.Emulator.CreateControlClient(account);

        await control.SendMessageAsync("poison");
        await TestHost.WaitUntilAsync(() => attempts.Count >= 6, "the batch was tried three times past HandlerAttempts");

        Assert.Empty(sink.Letters);
        Assert.Equal(0, accounts["alice"]!.DeadLettered);
        await host.StopAsync();
    }

    private sealed class CollectingSink : IDeadLetterSink
    {
        public ConcurrentQueue<DeadLetter> Letters { get; } = new();

        public ValueTask DeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
        {
            Letters.Enqueue(letter);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Counts the handler's failed attempts, when a test asks.</summary>
internal sealed class PoisonAttempts
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>Takes every batch but one whose message says "poison": on that it throws, every time.</summary>
internal sealed class PoisonHandler(Received received, IServiceProvider services) : IAccountBatchHandler
{
    public ValueTask HandleAsync(AccountBatch context, CancellationToken cancellationToken)
    {
        if (context.Events.OfType<MessageNewEvent>().Any(e => e.Message.Text == "poison"))
        {
            services.GetService<PoisonAttempts>()?.Add();
            throw new InvalidOperationException("this handler cannot take poison");
        }

        received.Add(context);
        return ValueTask.CompletedTask;
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using VkLongPoll.Engine;
using VkLongPoll.Events;

namespace VkLongPoll.Hosting.Tests;

/// <summary>Event handlers by type, one DI scope per batch, and the order of event and batch handlers.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class HandlerTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task EventHandlers_GetTheirTypes_OneInstancePerBatch_BeforeTheBatchHandlers()
    {
        var account = fixture.NewAccount();
        using var control = fixture.Emulator.CreateControlClient(account);
        var log = new CallLog();
        var received = new Received();
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]));
        using var host = TestHost.Build(settings,
            vk => vk.AddEventHandler<MessageAndEverythingHandler>().AddBatchHandler<OrderHandler>().AddBatchHandler<CollectingHandler>(),
            services => services.AddSingleton(log).AddSingleton(received).AddScoped<BatchScope>());
        await host.StartAsync();
        await WorkerTests.WaitForStartAsync(host, "alice");
        var first = await control.SendMessageAsync("first");
        await received.WaitForAsync("alice", 1);
        await control.SendMessageAsync("second");
        await received.WaitForAsync("alice", 2);
        await host.StopAsync();

        var calls = log.Calls.ToArray();
        var messageCalls = calls.Where(c => c.Interface == "message").ToList();
        Assert.Equal(["first", "second"], messageCalls.Select(c => c.What));
        // The general handler saw every event, the message ones included, from the same instance in the batch.
        foreach (var call in messageCalls)
        {
            Assert.Contains(calls, c => c.Interface == "any" && c.What == nameof(MessageNewEvent) && c.Instance == call.Instance && c.Scope == call.Scope);
        }

        Assert.NotEqual(messageCalls[0].Scope, messageCalls[1].Scope);
        // In each batch the batch handler ran after the event handlers, in the same scope.
        foreach (var call in messageCalls)
        {
            var batch = calls.Where(c => c.Scope == call.Scope).ToList();
            Assert.Equal("batch", batch[^1].Interface);
        }

        Assert.True(first.MessageId > 0);
    }

    [Fact]
    public void AddEventHandler_OfAClassThatHandlesNothing_SaysSo()
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<ArgumentException>(() => services.AddVkLongPoll().AddEventHandler<CollectingHandler>());
        Assert.Contains("implements no ILongPollEventHandler<TEvent>", error.Message, StringComparison.Ordinal);
    }
}

internal sealed record Call(string Interface, string What, Guid Instance, Guid Scope);

internal sealed class CallLog
{
    public ConcurrentQueue<Call> Calls { get; } = new();
}

internal sealed class BatchScope
{
    public Guid Id { get; } = Guid.NewGuid();
}

internal sealed class MessageAndEverythingHandler(CallLog log, BatchScope scope) : ILongPollEventHandler<MessageNewEvent>, ILongPollEventHandler<LongPollEvent>
{
    private readonly Guid _instance = Guid.NewGuid();

    public ValueTask HandleAsync(MessageNewEvent longPollEvent, AccountBatch context, CancellationToken cancellationToken)
    {
        log.Calls.Enqueue(new Call("message", longPollEvent.Message.Text ?? string.Empty, _instance, scope.Id));
        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(LongPollEvent longPollEvent, AccountBatch context, CancellationToken cancellationToken)
    {
        log.Calls.Enqueue(new Call("any", longPollEvent.GetType().Name, _instance, scope.Id));
        return ValueTask.CompletedTask;
    }
}

internal sealed class OrderHandler(CallLog log, BatchScope scope) : IAccountBatchHandler
{
    public ValueTask HandleAsync(AccountBatch context, CancellationToken cancellationToken)
    {
        log.Calls.Enqueue(new Call("batch", context.Events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Guid.Empty, scope.Id));
        return ValueTask.CompletedTask;
    }
}

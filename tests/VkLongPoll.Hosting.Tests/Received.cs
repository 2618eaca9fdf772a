using VkLongPoll.Engine;
using VkLongPoll.Events;

namespace VkLongPoll.Hosting.Tests;

/// <summary>What the handlers of a test host received, with a bounded wait for more.</summary>
internal sealed class Received
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedMessage> _messages = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public void Add(AccountBatch context)
    {
        lock (_gate)
        {
            foreach (var e in context.Events.OfType<MessageNewEvent>())
            {
                _messages.Add(new ReceivedMessage(context.Account, e.Message.Text ?? string.Empty, context.Recovered, e.Message.MessageId ?? 0));
            }

            foreach (var e in context.Events.OfType<VkLongPoll.Community.CommunityMessageNew>())
            {
                _messages.Add(new ReceivedMessage(context.Account, e.Message.Text ?? string.Empty, context.Recovered, e.Message.MessageId ?? 0));
            }

            Pulse();
        }
    }

    public void Pulse()
    {
        lock (_gate)
        {
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> messages of <paramref name="account"/> arrived.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(string account, int count)
    {
        using var bound = new CancellationTokenSource(TestHost.Bound);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var mine = _messages.Where(m => m.Account == account).ToList();
                if (mine.Count >= count)
                {
                    return mine;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{account}: timed out waiting for {count} messages; got: {string.Join(", ", Messages.Where(m => m.Account == account).Select(m => m.Text))}");
            }
        }
    }
}

internal sealed record ReceivedMessage(string Account, string Text, bool Recovered, long MessageId);

/// <summary>An at-least-once batch handler that keeps what it got.</summary>
internal sealed class CollectingHandler(Received received) : IAccountBatchHandler
{
    public ValueTask HandleAsync(AccountBatch context, CancellationToken cancellationToken)
    {
        received.Add(context);
        return ValueTask.CompletedTask;
    }
}

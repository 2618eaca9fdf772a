namespace VkLongPoll.Community;

/// <summary>A Callback inbox in memory: for tests, and for a process whose checkpoint is not durable either.</summary>
/// <remarks>What it holds is lost with the process: VK was told <c>ok</c> for it, so use a durable inbox (SQLite's) in production.</remarks>
public sealed class InMemoryCallbackInbox : ICallbackInbox
{
    private readonly Dictionary<long, Box> _boxes = [];
    private readonly Lock _sync = new();

    /// <summary>Creates an inbox that holds at most <paramref name="capacity"/> entries a community.</summary>
    public InMemoryCallbackInbox(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most entries a community's inbox holds before it answers <see cref="InboxRecordResult.Full"/>.</summary>
    public int Capacity { get; }

    /// <inheritdoc/>
    public ValueTask<InboxRecordResult> RecordAsync(long groupId, string eventId, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(body);
        TaskCompletionSource? arrived;
        lock (_sync)
        {
            var box = BoxOf(groupId);
            if (eventId.Length > 0 && box.Pending.Contains(eventId))
            {
                return ValueTask.FromResult(InboxRecordResult.Duplicate);
            }

            if (box.Entries.Count >= Capacity)
            {
                return ValueTask.FromResult(InboxRecordResult.Full);
            }

            box.Entries.Add(new CallbackInboxEntry(++box.Last, groupId, eventId, body));
            if (eventId.Length > 0)
            {
                box.Pending.Add(eventId);
            }

            arrived = box.Arrived;
            box.Arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
        return ValueTask.FromResult(InboxRecordResult.Recorded);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<CallbackInboxEntry>> ReadAsync(long groupId, long after, int max, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            IReadOnlyList<CallbackInboxEntry> entries = [.. BoxOf(groupId).Entries.Where(e => e.Position > after).Take(max)];
            return ValueTask.FromResult(entries);
        }
    }

    /// <inheritdoc/>
    public ValueTask TrimAsync(long groupId, long upTo, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var box = BoxOf(groupId);
            foreach (var entry in box.Entries.Where(e => e.Position <= upTo))
            {
                box.Pending.Remove(entry.EventId);
            }

            box.Entries.RemoveAll(e => e.Position <= upTo);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task WaitAsync(long groupId, long after, TimeSpan atMost, CancellationToken cancellationToken = default)
    {
        Task arrived;
        lock (_sync)
        {
            var box = BoxOf(groupId);
            if (box.Last > after && box.Entries.Exists(e => e.Position > after))
            {
                return;
            }

            arrived = box.Arrived.Task;
        }

        try
        {
            await arrived.WaitAsync(atMost, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing came in time: the caller looks again.
        }
    }

    private Box BoxOf(long groupId)
    {
        if (!_boxes.TryGetValue(groupId, out var box))
        {
            box = new Box();
            _boxes[groupId] = box;
        }

        return box;
    }

    private sealed class Box
    {
        public List<CallbackInboxEntry> Entries { get; } = [];

        public HashSet<string> Pending { get; } = new(StringComparer.Ordinal);

        public long Last { get; set; }

        public TaskCompletionSource Arrived { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

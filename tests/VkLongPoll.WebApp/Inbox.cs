namespace VkLongPoll.WebApp;

/// <summary>The texts of the messages received, in order; and a way to wait for one (for the app's tests).</summary>
public sealed class Inbox
{
    private readonly List<string> _texts = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The texts so far.</summary>
    public IReadOnlyList<string> Texts
    {
        get
        {
            lock (_texts)
            {
                return [.. _texts];
            }
        }
    }

    /// <summary>Keeps a text and wakes whoever waits.</summary>
    public void Add(string text)
    {
        TaskCompletionSource changed;
        lock (_texts)
        {
            _texts.Add(text);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Completes once <paramref name="text"/> was received.</summary>
    public async Task WaitForAsync(string text, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_texts)
            {
                if (_texts.Contains(text))
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

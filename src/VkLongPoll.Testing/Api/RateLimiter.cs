namespace VkLongPoll.Testing.Api;

/// <summary>At most N calls per token in any one second (VK's error 6), measured on the emulator's clock.</summary>
internal sealed class RateLimiter(TimeProvider time, int callsPerSecond)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);

    public bool TryAcquire(string token)
    {
        if (callsPerSecond <= 0)
        {
            return true;
        }

        lock (_calls)
        {
            var now = time.GetUtcNow();
            if (!_calls.TryGetValue(token, out var calls))
            {
                calls = new Queue<DateTimeOffset>();
                _calls[token] = calls;
            }

            while (calls.Count > 0 && now - calls.Peek() >= TimeSpan.FromSeconds(1))
            {
                calls.Dequeue();
            }

            if (calls.Count >= callsPerSecond)
            {
                return false;
            }

            calls.Enqueue(now);
            return true;
        }
    }
}

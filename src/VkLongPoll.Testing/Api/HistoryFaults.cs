namespace VkLongPoll.Testing.Api;

/// <summary>
/// What a hostile <c>getLongPollHistory</c> does, on demand: pages that say <c>more</c> without moving <c>new_pts</c> (a
/// client that trusts <c>more</c> alone pages for ever), and a history that begins later than the <c>pts</c> asked
/// (<c>from_pts</c> &gt; <c>pts</c>: vk-desktop's "glph история обрезалась").
/// </summary>
internal sealed class HistoryFaults
{
    private readonly Lock _sync = new();
    private int _stalledPages;
    private int _truncateBy;

    /// <summary>The next <paramref name="count"/> answers: no events, <c>more: 1</c>, <c>new_pts</c> equal to the <c>pts</c> asked.</summary>
    public void Stall(int count)
    {
        lock (_sync)
        {
            _stalledPages = count;
        }
    }

    /// <summary>The next answer begins <paramref name="events"/> persistent events after the <c>pts</c> asked: those are gone.</summary>
    public void Truncate(int events)
    {
        lock (_sync)
        {
            _truncateBy = events;
        }
    }

    public bool TakeStall()
    {
        lock (_sync)
        {
            if (_stalledPages <= 0)
            {
                return false;
            }

            _stalledPages--;
            return true;
        }
    }

    public int TakeTruncation()
    {
        lock (_sync)
        {
            var by = _truncateBy;
            _truncateBy = 0;
            return by;
        }
    }
}

using VkLongPoll.Cli.Feed;

namespace VkLongPoll.Cli.Tests;

/// <summary>The feed's caches are bounded: a feed that runs for weeks meets more names than it can keep.</summary>
public sealed class FeedDirectoryCacheTests
{
    [Fact]
    public void PastItsCapacity_TheEntriesFetchedLongestAgoGo()
    {
        var start = DateTimeOffset.UnixEpoch;
        var entries = Enumerable.Range(0, FeedDirectoryCache.Capacity + 1).ToDictionary(i => (long)i, i => start.AddSeconds(i));

        FeedDirectoryCache.ForgetOldest(entries, at => at);

        Assert.Equal(FeedDirectoryCache.Capacity - (FeedDirectoryCache.Capacity / 10), entries.Count);
        Assert.Equal(Enumerable.Range(FeedDirectoryCache.Capacity + 1 - entries.Count, entries.Count).Select(i => (long)i), entries.Keys.Order());
    }

    [Fact]
    public void WithinItsCapacity_NothingGoes()
    {
        var entries = Enumerable.Range(0, FeedDirectoryCache.Capacity).ToDictionary(i => (long)i, _ => DateTimeOffset.UnixEpoch);

        FeedDirectoryCache.ForgetOldest(entries, at => at);

        Assert.Equal(FeedDirectoryCache.Capacity, entries.Count);
    }
}

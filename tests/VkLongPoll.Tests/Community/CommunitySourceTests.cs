using VkLongPoll.Community;

namespace VkLongPoll.Tests.Community;

/// <summary>What a community source refuses before it reads anything.</summary>
public sealed class CommunitySourceTests
{
    [Fact]
    public async Task ACheckpointWithoutItsCommunityPart_IsAStoreError_NotASilentStartFromNow()
    {
        await using var source = new CommunitySource(new CommunitySourceOptions { Connection = new LongPollClientOptions { AccessToken = "vk1.a.token", GroupId = 1 } });

        var error = await Assert.ThrowsAsync<CheckpointStoreException>(async () =>
        {
            await foreach (var batch in source.ReadAsync(new LongPollCheckpoint(5, 5, "lp.vk.com/wh1", "key", 0), CancellationToken.None))
            {
                Assert.Fail("nothing may be read from such a checkpoint");
            }
        });

        Assert.Contains("no community position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACommunitySource_NeedsItsGroupAndATransport()
    {
        Assert.Throws<ArgumentException>(() => new CommunitySource(new CommunitySourceOptions { Connection = new LongPollClientOptions { AccessToken = "t" } }));
        Assert.Throws<ArgumentException>(() => new CommunitySource(new CommunitySourceOptions { Connection = new LongPollClientOptions { AccessToken = "t", GroupId = 1 }, BotsLongPoll = false }));
    }
}

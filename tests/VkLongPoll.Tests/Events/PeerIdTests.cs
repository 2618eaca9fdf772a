using VkLongPoll.Events;

namespace VkLongPoll.Tests.Events;

public sealed class PeerIdTests
{
    [Theory]
    [InlineData(370926160L, PeerKind.User)]
    [InlineData(2000000035L, PeerKind.Chat)]
    [InlineData(-12382740L, PeerKind.Community)]
    [InlineData(2000000000L, PeerKind.User)]
    public void Kind_FollowsVkRanges(long value, PeerKind kind)
    {
        Assert.Equal(kind, new PeerId(value).Kind);
    }

    [Fact]
    public void Helpers_ConvertBothWays()
    {
        Assert.Equal(35, new PeerId(2000000035).ChatId);
        Assert.Equal(new PeerId(2000000035), PeerId.FromChatId(35));
        Assert.Equal(12382740, new PeerId(-12382740).CommunityId);
        Assert.Equal(new PeerId(-12382740), PeerId.FromCommunityId(12382740));
        Assert.Equal(370926160, new PeerId(370926160).UserId);
        Assert.Null(new PeerId(370926160).ChatId);
    }

    [Fact]
    public void FromWire_Version0_FoldsLegacyCommunityIds()
    {
        Assert.Equal(new PeerId(-12345), PeerId.FromWire(1000012345, 0));
        Assert.Equal(new PeerId(1000012345), PeerId.FromWire(1000012345, 3));
        Assert.Equal(new PeerId(2000000001), PeerId.FromWire(2000000001, 0));
    }

    [Fact]
    public void Decoder_Version0_CommunityPeerInMessage()
    {
        var message = TestData.Message(TestData.Event("[4,1,1,1000012345,1,\"x\",{},{}]", version: 0));

        Assert.Equal(12345, message.PeerId?.CommunityId);
    }
}

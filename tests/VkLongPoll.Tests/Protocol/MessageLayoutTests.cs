
namespace VkLongPoll.Tests.Protocol;

/// <summary>Positions of optional message fields: mode 2 and 128, short tuples, the history context.</summary>
public sealed class MessageLayoutTests
{
    [Fact]
    public void Version3_WithoutMode2_HasNoObjects_RandomIdFollowsText()
    {
        var m = TestData.Message(TestData.Event("[4,7,1,100,1500000000,\"hi\",42]", 3, mode: 128));

        Assert.Equal(("hi", 42L), (m.Text, m.RandomId!.Value));
        Assert.Empty(m.Attachments);
    }

    [Fact]
    public void Version10_WithoutMode128_CmidAndUpdateTimeFollowTheObjects()
    {
        // LUNA's capture (version 5, mode 330): [..., {}, {}, 1, 0] = cmid 1, update_time 0.
        var inferred = TestData.Message(TestData.Event("[4,2899,8195,2000000007,1556718081,\"\",{\"source_act\":\"chat_create\",\"from\":\"1\"},{},1,0]", 10));
        var stated = TestData.Message(TestData.Event("[4,2899,8195,2000000007,1556718081,\"\",{\"source_act\":\"chat_create\",\"from\":\"1\"},{},1,0]", 10, mode: 2 | 8 | 64));

        foreach (var m in new[] { inferred, stated })
        {
            Assert.Null(m.RandomId);
            Assert.Equal((1L, 0L), (m.ConversationMessageId!.Value, m.UpdateTime!.Value));
        }
    }

    [Fact]
    public void Version10_FullLayout()
    {
        var m = TestData.Message(TestData.Event("[4,10,3,100,1500000000,\"x\",{},{},77,5,0]", 10, mode: 234));

        Assert.Equal((10L, 77L, 5L, 0L), (m.MessageId!.Value, m.RandomId!.Value, m.ConversationMessageId!.Value, m.UpdateTime!.Value));
        Assert.True(m.IsOutgoing);
    }

    [Fact]
    public void Version19_ExtraTrailingElements_AreIgnored()
    {
        var m = TestData.Message(TestData.Event("[10004,5,1,900,100,1,\"x\",{},{},3,900,0,\"future\",{\"x\":1}]"));

        Assert.Equal((3L, 900L, 0L), (m.RandomId!.Value, m.MessageId!.Value, m.UpdateTime!.Value));
    }

    [Theory]
    [InlineData("[10004,59,1,1234572]", LongPollContext.Live, 1234572L, null)]
    [InlineData("[10004,59,1,1234572,664425024]", LongPollContext.Live, 1234572L, 664425024L)]
    [InlineData("[10004,59,1,664425024]", LongPollContext.History, null, 664425024L)]
    [InlineData("[10004,59,1,1234572,664425024]", LongPollContext.History, 1234572L, 664425024L)]
    public void ShortNewMessage_MinorOrPeerDependsOnContext(string update, LongPollContext context, long? minor, long? peer)
    {
        var m = TestData.Message(TestData.Event(update, context: context));

        Assert.Equal((minor, peer, false), (m.MinorId, m.PeerId?.Value, m.IsComplete));
        Assert.Null(m.Text);
    }

    [Theory]
    [InlineData("[4,10,1]")]
    [InlineData("[5,10,1,100]")]
    [InlineData("[18,10,3,100]")]
    [InlineData("[10005,5,1,100]")]
    [InlineData("[10018,5,1]")]
    public void ShortTuples_CarryIdsAndFlagsOnly(string update)
    {
        var m = TestData.Message(TestData.Event(update));

        Assert.False(m.IsComplete);
        Assert.Null(m.Timestamp);
        Assert.Empty(m.Attachments);
    }

    [Fact]
    public void OwnDialog_WithoutOutboxFlag_IsOutgoingWhenSelfIsKnown()
    {
        var m = TestData.Message(TestData.Event("[10004,5,0,900,42,1,\"note to self\",{},{},0,900,0]", self: 42));

        Assert.True(m.IsOutgoing);
        Assert.Equal(42, m.FromId);
    }

    [Fact]
    public void OutgoingDialog_WithoutSelfId_HasNoAuthor()
    {
        var m = TestData.Message(TestData.Event("[10004,5,3,900,100,1,\"x\",{},{},0,900,0]"));

        Assert.True(m.IsOutgoing);
        Assert.Null(m.FromId);
    }

    [Fact]
    public void CommunityDialog_FlagsAreNotInverted()
    {
        // vk-io flips OUTBOX for peer < 0 when from != peer; no other source does, and we must not.
        var m = TestData.Message(TestData.Event("[10004,5,1,900,-20,1,\"x\",{\"from\":\"7\"},{},0,900,0]"));

        Assert.False(m.IsOutgoing);
        Assert.Equal(7, m.FromId);
    }
}

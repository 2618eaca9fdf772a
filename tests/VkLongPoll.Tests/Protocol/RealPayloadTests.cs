using VkLongPoll.Events;

namespace VkLongPoll.Tests.Protocol;

/// <summary>The captured and documented payloads of docs/protocol/real-payloads.md, decoded field by field.</summary>
public sealed class RealPayloadTests
{
    private static LongPollResponse Response(string file, int version = 3, int? mode = null) =>
        TestData.Decoder(version, mode).ReadResponse(TestData.Bytes(file));

    private static LongPollEvent Single(string file, int version = 3, int? mode = null) =>
        TestData.Decoder(version, mode).ReadEvent(TestData.Bytes(file));

    [Theory]
    [InlineData("real/A1.json")]
    [InlineData("real/A1b.json")]
    public void A1_OfficialExample_DecodesMessageWithTwoAttachments(string file)
    {
        var response = Response(file);

        Assert.Equal(1820350874, response.Ts);
        Assert.Null(response.Pts);
        var message = Assert.IsType<MessageNewEvent>(Assert.Single(response.Updates)).Message;
        Assert.Equal(1619489, message.MessageId);
        Assert.Equal((MessageFlags)561, message.Flags);
        Assert.Equal(new PeerId(123456), message.PeerId);
        Assert.Equal(123456, message.FromId);
        Assert.False(message.IsOutgoing);
        Assert.Equal(1464958914, message.Timestamp);
        Assert.Equal("hello", message.Text);
        Assert.Collection(
            message.Attachments,
            a => (a.Type, a.Id, a.OwnerId, a.ItemId).ShouldBe(("photo", "123456_414233177", 123456L, 414233177L)),
            a => (a.Type, a.Id, a.OwnerId, a.ItemId).ShouldBe(("audio", "123456_456239018", 123456L, 456239018L)));
        Assert.NotNull(message.Extras.Title);
    }

    [Fact]
    public void A3_FlagsSet_DeletedInDialog()
    {
        var e = Assert.IsType<MessageFlagsSetEvent>(Single("real/A3.json"));

        Assert.Equal(123456, e.Message.MessageId);
        Assert.Equal(MessageFlags.Deleted, e.Mask);
        Assert.Equal(new PeerId(54321), e.Message.PeerId);
        Assert.Null(e.Message.IsOutgoing);
    }

    [Fact]
    public void A4_FlagsReset_ReadInChat()
    {
        var e = Assert.IsType<MessageFlagsResetEvent>(Single("real/A4.json"));

        Assert.Equal(654321, e.Message.MessageId);
        Assert.Equal(MessageFlags.Unread, e.Mask);
        Assert.Equal(202, e.Message.PeerId?.ChatId);
        Assert.False(e.Message.IsComplete);
    }

    [Fact]
    public void A5_ChatMessageWithoutAttachmentsObject_TakesAuthorFromPaddedFrom()
    {
        var message = Assert.IsType<MessageNewEvent>(Single("real/A5.json")).Message;

        Assert.Equal(654321, message.MessageId);
        Assert.Equal(MessageFlags.Unread | MessageFlags.GroupChat, message.Flags);
        Assert.True(message.PeerId?.IsChat);
        Assert.Equal(123456, message.FromId); // "123456 " with the official text's trailing space
        Assert.Equal("Hello.", message.Text);
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public void A6_PhotoAndAudio()
    {
        var message = Assert.IsType<MessageNewEvent>(Single("real/A6.json")).Message;

        Assert.Equal(2105994, message.MessageId);
        Assert.Equal(["photo", "audio"], message.Attachments.Select(a => a.Type));
    }

    [Theory]
    [InlineData("real/C1.json", 63214, 532497, 2000000035, 370926160, false)]
    [InlineData("real/C2.json", 63219, 49, 370926160, 370926160, false)]
    [InlineData("real/C3.json", 63215, 8227, 2000000035, 583018016, true)]
    [InlineData("real/C4.json", 63220, 35, 370926160, 583018016, true)]
    public void C_Version3Mode234_DirectionAuthorAndRandomId(string file, long id, long flags, long peer, long from, bool outgoing)
    {
        var message = Assert.IsType<MessageNewEvent>(TestData.Decoder(3, 234, self: 583018016).ReadEvent(TestData.Bytes(file))).Message;

        Assert.Equal(id, message.MessageId);
        Assert.Equal((MessageFlags)flags, message.Flags);
        Assert.Equal(peer, message.PeerId?.Value);
        Assert.Equal(from, message.FromId);
        Assert.Equal(outgoing, message.IsOutgoing);
        Assert.Equal(0, message.RandomId);
        Assert.Equal("hi", message.Text);
        Assert.Null(message.ConversationMessageId);
    }

    [Theory]
    [InlineData("real/E1.json", 0)]
    [InlineData("real/E2.json", 1)]
    [InlineData("real/E3.json", 1)]
    [InlineData("real/E4.json", 1)]
    [InlineData("real/E5.json", 1)]
    [InlineData("real/E6.json", 1)]
    [InlineData("real/E7.json", 1)]
    [InlineData("real/E8.json", 1)]
    [InlineData("real/E9.json", 3)]
    [InlineData("real/E10.json", 0)]
    [InlineData("real/E11.json", 0)]
    [InlineData("real/E12.json", 0)]
    [InlineData("real/E13.json", 1)]
    [InlineData("real/E14.json", 0)]
    [InlineData("real/E15.json", 0)]
    public void E_Version3Mode74_AttachmentCountsMatchTheSourceTest(string file, int attachments)
    {
        var message = TestData.Message(TestData.Decoder(3, 2 + 8 + 64).ReadEvent(TestData.Bytes(file)));

        Assert.Equal(attachments, message.Attachments.Count);
        Assert.True(message.IsComplete);
    }

    [Fact]
    public void E3_Sticker_HasProductId()
    {
        var sticker = Assert.Single(TestData.Message(Single("real/E3.json")).Attachments);

        Assert.Equal("sticker", sticker.Type);
        Assert.Equal("12996", sticker.Id);
        Assert.Equal(380, sticker.ProductId);
        Assert.Null(sticker.OwnerId);
        Assert.Equal(12996, sticker.ItemId);
    }

    [Fact]
    public void E4_VoiceMessage_IsDocOfKindAudiomsg()
    {
        var voice = Assert.Single(TestData.Message(Single("real/E4.json")).Attachments);

        Assert.Equal("doc", voice.Type);
        Assert.True(voice.IsVoiceMessage);
        Assert.Equal(540252655, voice.OwnerId);
    }

    [Fact]
    public void E6_AnimatedSticker_KeepsKind()
    {
        var sticker = Assert.Single(TestData.Message(Single("real/E6.json")).Attachments);

        Assert.Equal("animation", sticker.Kind);
        Assert.Equal(381, sticker.ProductId);
    }

    [Fact]
    public void E7_ReplyWithForwardAndMentions()
    {
        var message = TestData.Message(Single("real/E7.json"));

        Assert.Equal("0_0", message.Forwards);
        Assert.Equal([171297502L], message.Extras.Mentions);
        Assert.Equal(378904836, message.FromId);
        Assert.True(message.Flags.HasFlag(MessageFlags.Reply));
        Assert.Equal("1", message.Extras.Other?["fwd_count"]);
    }

    [Fact]
    public void E8_WallPost_HasNegativeOwner()
    {
        var wall = Assert.Single(TestData.Message(Single("real/E8.json")).Attachments);

        Assert.Equal(("wall", -12382740L, 844534L), (wall.Type, wall.OwnerId!.Value, wall.ItemId!.Value));
    }

    [Fact]
    public void E12_Edit_WithEmojiAndEmptyTitle()
    {
        var e = Assert.IsType<MessageEditEvent>(Single("real/E12.json"));

        Assert.Equal("В оригинале там шёл яд 🌚", e.Message.Text);
        Assert.True(e.Message.Extras.HasEmoji);
        Assert.Equal(string.Empty, e.Message.Extras.Title);
        Assert.Equal(151629538, e.Message.FromId);
    }

    [Fact]
    public void E13_JsonEscapedSlashesAreOrdinaryJson()
    {
        Assert.Equal("https://youtu.be/p-nI2vNC-Ag", TestData.Message(Single("real/E13.json")).Text);
    }

    [Theory]
    [InlineData("real/E14.json", "a", 0)]
    [InlineData("real/E15.json", "b", 42)]
    public void E14_E15_OptionalRandomIdAfterEmptyObjects(string file, string text, long random)
    {
        var message = TestData.Message(Single(file));

        Assert.Equal(text, message.Text);
        Assert.Equal(random, message.RandomId);
        Assert.Null(message.FromId); // a chat message without "from"
    }

    [Fact]
    public void G1_Version2_SingleObjectAndPts()
    {
        var response = Response("real/G1.json", version: 2);

        Assert.Equal(1839788754, response.Ts);
        Assert.Equal(10000013, response.Pts);
        var message = Assert.IsType<MessageNewEvent>(Assert.Single(response.Updates)).Message;
        Assert.Equal("Привет", message.Text);
        Assert.Equal(19039187, message.FromId);
    }

    [Fact]
    public void G2_ServiceMessage_ChatInviteUser()
    {
        var message = Assert.IsType<MessageNewEvent>(Assert.Single(Response("real/G2.json", version: 2).Updates)).Message;

        Assert.Equal("chat_invite_user", message.Action?.Type);
        Assert.Equal(460552514, message.Action?.MemberId);
        Assert.Equal(19039187, message.FromId);
    }

    [Theory]
    [InlineData("real/K1.json", true)]
    [InlineData("real/K2.json", false)]
    public void K1_K2_FolderPeers(string file, bool added)
    {
        var e = Assert.IsType<FolderPeersChangedEvent>(Single(file, version: 10));

        Assert.Equal(added, e.Added);
        Assert.Equal(5, e.FolderId);
        Assert.Equal([88262293L, 172894294L, 2000000346L], e.PeerIds.Select(p => p.Value));
    }

    [Fact]
    public void K3_FolderOrder()
    {
        Assert.Equal([1L, 4L, 2L], Assert.IsType<FolderOrderEvent>(Single("real/K3.json", version: 10)).FolderIds);
    }

    [Fact]
    public void K4_FolderUnreadCounters()
    {
        var e = Assert.IsType<FolderUnreadCountersEvent>(Single("real/K4.json", version: 10));

        Assert.Equal([new FolderUnreadCounter(2, 3, 0), new FolderUnreadCounter(3, 2, 1)], e.Counters);
    }
}

internal static class AssertExtensions
{
    public static void ShouldBe<T>(this T actual, T expected) => Assert.Equal(expected, actual);
}

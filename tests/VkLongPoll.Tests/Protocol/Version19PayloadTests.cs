using VkLongPoll.Events;

namespace VkLongPoll.Tests.Protocol;

/// <summary>The version 19 examples of docs/protocol/longpoll-v19.md §7 (live-captured, doc examples and constructed).</summary>
public sealed class Version19PayloadTests
{
    private static readonly LongPollDecoder Decoder = TestData.Decoder(19, 1706, self: 1);

    [Fact]
    public void E1_LiveTyping()
    {
        var e = Assert.IsType<ActivityEvent>(Decoder.ReadEvent(TestData.Bytes("v19/E1.json")));

        Assert.Equal("typing", e.Type);
        Assert.Equal(new PeerId(664425024), e.PeerId);
        Assert.Equal([664425024L], e.UserIds);
        Assert.Equal(1, e.TotalCount);
        Assert.Equal(1780051489, e.Timestamp);
    }

    [Fact]
    public void E3_Translation()
    {
        var e = Assert.IsType<MessageTranslatedEvent>(Decoder.ReadEvent(TestData.Bytes("v19/E3.json")));

        Assert.Equal((2000000026L, 476587L, "There are 253 reactions", "ru-en"), (e.PeerId.Value, e.ConversationMessageId, e.Translation, e.Language));
    }

    [Fact]
    public void E4_Reactions_YouReacted_FourBlocks()
    {
        var e = Assert.IsType<ReactionsChangedEvent>(Decoder.ReadEvent(TestData.Bytes("v19/E4.json")));

        Assert.Equal(ReactionAction.YouAdded, e.Action);
        Assert.Equal(2000000153, e.PeerId.Value);
        Assert.Equal(1841767, e.ConversationMessageId);
        Assert.Equal(2, e.MyReactionId);
        Assert.Equal(4, e.ReactionsCount);
        Assert.Equal([4, 32, 2, 15], e.Reactions.Select(r => r.ReactionId));
        Assert.Equal([443182555L, 63518289L], e.Reactions[0].UserIds);
        Assert.Equal(3, e.Reactions[2].Count);
        Assert.Empty(e.Tail);
    }

    [Fact]
    public void E5_Reactions_ManyWithoutUserIds_KeepsTail()
    {
        var e = Assert.IsType<ReactionsChangedEvent>(Decoder.ReadEvent(TestData.Bytes("v19/E5.json")));

        Assert.Null(e.MyReactionId);
        Assert.Equal(5, e.ReactionsCount);
        Assert.Equal([2, 4, 5, 6, 15], e.Reactions.Select(r => r.ReactionId));
        Assert.All(e.Reactions, r => Assert.Empty(r.UserIds));
        Assert.Equal([0L, 6L], e.Tail);
    }

    [Fact]
    public void E8_BulkDelete_CmidListAtIndexOne()
    {
        var events = Decoder.ReadEvents(TestData.Bytes("v19/E8.json"));

        var bulk = Assert.IsType<MessageFlagsSetEvent>(events[0]);
        Assert.Equal(1, bulk.Message.ConversationMessageId);
        Assert.Equal([2L], bulk.MoreIds);
        Assert.Equal(MessageFlags.DeletedForAll, bulk.Mask);
        Assert.Equal(7, bulk.Message.PeerId?.Value);
        Assert.Empty(Assert.IsType<MessageFlagsSetEvent>(events[1]).MoreIds);
    }

    [Fact]
    public void C1_FullResponse_DirectMessageChatReadAndCounter()
    {
        var response = Decoder.ReadResponse(TestData.Bytes("v19/C1.json"));

        Assert.Equal((1780051495L, 10004321L), (response.Ts!.Value, response.Pts!.Value));
        Assert.Equal(["typing", "message_new", "unread_counter", "message_new", "messages_read_inbox"], response.Updates.Select(u => u.Type));

        var dm = ((MessageNewEvent)response.Updates[1]).Message;
        Assert.Equal((57L, 1234567L, 1234567L, 664425024L), (dm.ConversationMessageId!.Value, dm.MinorId!.Value, dm.MessageId!.Value, dm.PeerId!.Value.Value));
        Assert.Equal((1780051490L, "Привет", 0L, 0L), (dm.Timestamp!.Value, dm.Text, dm.RandomId!.Value, dm.UpdateTime!.Value));
        Assert.Equal(664425024, dm.FromId);

        var chat = ((MessageNewEvent)response.Updates[3]).Message;
        Assert.Equal(MessageFlags.Unread | MessageFlags.GroupChat | MessageFlags.ChatIn, chat.Flags);
        Assert.Equal(664425024, chat.FromId);
        Assert.Equal(153, chat.PeerId?.ChatId);

        var counter = (UnreadCounterEvent)response.Updates[2];
        Assert.Equal((1, 1, false, 1), (counter.Count, counter.UnreadUnmuted!.Value, counter.ShowOnlyUnmuted!.Value, counter.HeaderUnread!.Value));

        var read = (MessagesReadInboxEvent)response.Updates[4];
        Assert.Equal((664425024L, 57L, 0), (read.PeerId.Value, read.UpToId, read.UnreadCount!.Value));
    }

    [Fact]
    public void C2_OutgoingReplyEditDeleteForAllRestore()
    {
        var updates = Decoder.ReadResponse(TestData.Bytes("v19/C2.json")).Updates;

        var sent = ((MessageNewEvent)updates[0]).Message;
        Assert.True(sent.IsOutgoing);
        Assert.Equal(1, sent.FromId); // self
        Assert.Equal(-1508912345, sent.RandomId);
        Assert.Equal(57, sent.ReplyToConversationMessageId);
        Assert.Equal("0_0", sent.Forwards);

        var edit = ((MessageEditEvent)updates[1]).Message;
        Assert.Equal(("да!", 1780051560L, 1234571L), (edit.Text, edit.UpdateTime!.Value, edit.MessageId!.Value));

        var deleted = (MessageFlagsSetEvent)updates[2];
        Assert.Equal(MessageFlags.Deleted | MessageFlags.DeletedForAll, deleted.Mask);

        var restored = (MessageFlagsResetEvent)updates[3];
        Assert.Equal(MessageFlags.Deleted, restored.Mask);
        Assert.True(restored.Message.IsComplete);
        Assert.Null(restored.Message.IsOutgoing); // the flags element is a mask here
        Assert.Equal("да!", restored.Message.Text);
    }

    [Fact]
    public void C3_ShortTuplesAndVersion21Extras()
    {
        var updates = Decoder.ReadEvents(TestData.Bytes("v19/C3.json"));

        var shortNew = TestData.Message(updates[0]);
        Assert.Equal((59L, 1234572L), (shortNew.ConversationMessageId!.Value, shortNew.MinorId!.Value));
        Assert.Null(shortNew.PeerId);
        Assert.False(shortNew.IsComplete);

        var shortUpdate = TestData.Message(updates[1]);
        Assert.Equal(664425024, shortUpdate.PeerId?.Value);
        Assert.Null(shortUpdate.Text);

        var restoreNoPeer = Assert.IsType<MessageFlagsResetEvent>(updates[2]);
        Assert.Null(restoreNoPeer.Message.PeerId);

        var flagsV21 = Assert.IsType<MessageFlagsSetEvent>(updates[3]);
        Assert.Equal(1234572, flagsV21.Message.MessageId);

        var deletedV21 = Assert.IsType<MessagesDeletedEvent>(updates[4]);
        Assert.Equal((59L, true, 1234572L), (deletedV21.UpToId, deletedV21.ResetMinorId!.Value, deletedV21.LastMessageId!.Value));
    }
}

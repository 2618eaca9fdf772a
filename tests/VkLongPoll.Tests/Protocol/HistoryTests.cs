using System.Text;
using VkLongPoll.Events;

namespace VkLongPoll.Tests.Protocol;

public sealed class HistoryTests
{
    [Fact]
    public void H1_OldApiHistory_OnlinesReadShortMessageAndCounter()
    {
        var history = TestData.Decoder(3).ReadHistory(TestData.Bytes("real/H1.json"));

        Assert.Equal(
            ["friend_offline", "friend_online", "friend_offline", "friend_online", "friend_online", "friend_offline", "friend_offline", "friend_offline", "messages_read_outbox", "message_new", "unread_counter"],
            history.Events.Select(e => e.Type));
        var online = (FriendOnlineEvent)history.Events[3];
        Assert.Equal((61270720L, Platform.Web), (online.UserId, online.Platform));
        Assert.True(((FriendOfflineEvent)history.Events[0]).IsTimeout);
        Assert.Null(((MessagesReadOutboxEvent)history.Events[8]).UnreadCount);

        // [4,210723,17,-103292418] is completed from messages.items (old API: user_id, body).
        var message = ((MessageNewEvent)history.Events[9]).Message;
        Assert.True(message.IsComplete);
        Assert.Equal(("123", 1512499304L, -103292418L, false), (message.Text, message.Timestamp!.Value, message.FromId!.Value, message.IsOutgoing!.Value));
        Assert.True(message.PeerId?.IsCommunity);
        Assert.Equal(103292418, message.PeerId?.CommunityId);

        Assert.Equal(12, history.NewPts);
        Assert.False(history.More);
        Assert.Equal(1, history.MessagesCount);
    }

    [Fact]
    public void I_RealHistory_CompletesShortMessageAndReadsChatInfo()
    {
        var history = TestData.Decoder(10).ReadHistory(TestData.Bytes("real/I.json"));

        var message = Assert.IsType<MessageNewEvent>(history.Events[0]).Message;
        Assert.Equal((24L, 1L, "привет", 761651406L), (message.MessageId!.Value, message.ConversationMessageId!.Value, message.Text, message.FromId!.Value));
        var info = Assert.IsType<ChatInfoEvent>(history.Events[1]);
        Assert.Equal(ChatInfoType.NoLongerNew, info.InfoType);
        Assert.Equal((10000073L, 10000075L), (history.FromPts!.Value, history.NewPts!.Value));
    }

    [Fact]
    public void ReadHistory_Version19ShortNew_PeerAtIndexThreeInHistory()
    {
        const string json = """
            {"response":{"history":[[10004,59,1,664425024],[10004,60,1,1234573,664425024],[10006,664425024,59]],
             "messages":{"count":1,"items":[{"id":1234572,"conversation_message_id":59,"peer_id":664425024,"from_id":664425024,"date":1780051600,"out":0,"text":"a &amp; b"}]},
             "new_pts":10004330,"more":1,"credentials":{"server":"im.vk.com/nim1","key":"secretkey","ts":1780051700,"pts":10004330}}}
            """;

        var history = TestData.Decoder().ReadHistory(Encoding.UTF8.GetBytes(json));

        var first = TestData.Message(history.Events[0]);
        Assert.Equal((664425024L, true, "a &amp; b", 1234572L), (first.PeerId!.Value.Value, first.IsComplete, first.Text, first.MessageId!.Value));
        var second = TestData.Message(history.Events[1]);
        Assert.Equal((1234573L, 664425024L, false), (second.MinorId!.Value, second.PeerId!.Value.Value, second.IsComplete));
        Assert.Null(((MessagesReadInboxEvent)history.Events[2]).UnreadCount);
        Assert.True(history.More);
        Assert.Equal(1780051700, history.Credentials?.Ts);
    }

    [Fact]
    public void ReadHistory_OldCodesInVersion19History_UseGlobalMessageIds()
    {
        const string json = """{"response":{"history":[[4,5001,1,100]],"messages":{"count":1,"items":[{"id":5001,"peer_id":100,"from_id":100,"date":1,"text":"x","conversation_message_id":7}]}}}""";

        var message = TestData.Message(TestData.Decoder().ReadHistory(Encoding.UTF8.GetBytes(json)).Events[0]);

        Assert.Equal((5001L, 7L, "x"), (message.MessageId!.Value, message.ConversationMessageId!.Value, message.Text));
    }

    [Fact]
    public void Credentials_ToString_NeverShowsTheKey()
    {
        var credentials = new LongPollServer("im.vk.com/nim1", "0123456789abcdef", 1, 2);

        Assert.DoesNotContain("0123456789abcdef", credentials.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("real/L1.json", 14)]
    [InlineData("real/L2.json", 14)]
    [InlineData("real/L3.json", 17)]
    public void ReadHistory_ApiError_ThrowsVkApiExceptionWithCode(string file, int code)
    {
        var e = Assert.Throws<VkApiException>(() => TestData.Decoder().ReadHistory(TestData.Bytes(file)));

        Assert.Equal(code, e.ErrorCode);
        Assert.DoesNotContain("access_token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadHistory_GetLongPollServerAnswer_IsAClearProtocolError()
    {
        var e = Assert.Throws<LongPollProtocolException>(() => TestData.Decoder().ReadHistory(TestData.Bytes("real/H2.json")));

        Assert.Contains("no history", e.Message, StringComparison.Ordinal);
    }
}

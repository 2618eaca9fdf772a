using VkLongPoll.Events;

namespace VkLongPoll.Tests.Protocol;

/// <summary>Every event code of the spec's catalogues (v3, v10/11, v19, v21 extras), decoded in each version.</summary>
public sealed class EventCatalogTests
{
    public static TheoryData<int, string, string> Catalogue => new()
    {
        // version, update, expected type
        { 3, "[1,10,3,100]", "message_flags_replaced" },
        { 3, "[2,123456,128,54321]", "message_flags_set" },
        { 3, "[3,654321,1,2000000202]", "message_flags_reset" },
        { 3, "[4,1,1,100,1500000000,\"x\",{},{},0]", "message_new" },
        { 3, "[5,1,1,100,1500000000,\"x\",{\"title\":\"\"},{}]", "message_edit" },
        { 3, "[6,100,5]", "messages_read_inbox" },
        { 3, "[7,100,5]", "messages_read_outbox" },
        { 3, "[8,-100,4,1500000000]", "friend_online" },
        { 3, "[9,-100,1,1500000000]", "friend_offline" },
        { 3, "[10,-20,1]", "conversation_flags_reset" },
        { 3, "[11,-20,2]", "conversation_flags_replaced" },
        { 3, "[12,-20,3]", "conversation_flags_set" },
        { 3, "[13,100,50]", "messages_deleted" },
        { 3, "[14,100,50]", "messages_restored" },
        { 3, "[20,100,16]", "conversation_major_id" },
        { 3, "[21,100,777]", "conversation_minor_id" },
        { 3, "[51,17,1]", "chat_changed" },
        { 3, "[52,7,2000000017,375988312]", "chat_info" },
        { 3, "[61,100,1]", "typing" },
        { 3, "[62,100,17]", "typing" },
        { 3, "[63,[100,200],2000000001,2,1500000000]", "typing" },
        { 3, "[64,[100],2000000001,1,1500000000]", "recording_voice" },
        { 3, "[70,100,5555]", "user_call" },
        { 3, "[80,3,0]", "unread_counter" },
        { 3, "[114,100,1,0]", "notification_settings" },
        { 3, "[114,{\"peer_id\":100,\"sound\":1,\"disabled_until\":-1}]", "notification_settings" },
        { 10, "[2,10,8,100]", "message_flags_set" },
        { 10, "[3,10,128,100,1500000000,\"back\",{},{},0,5,0]", "message_flags_reset" },
        { 10, "[4,10,3,100,1500000000,\"x\",{},{},0,5,0]", "message_new" },
        { 10, "[5,10,3,100,1500000000,\"y\",{},{},0,5,1500000100]", "message_edit" },
        { 10, "[6,100,10,0]", "messages_read_inbox" },
        { 10, "[7,100,10,1]", "messages_read_outbox" },
        { 10, "[8,-100,2,1500000000,2274003,1,0]", "friend_online" },
        { 10, "[9,-100,0,1500000000,2274003,1,0]", "friend_offline" },
        { 10, "[10,100,16]", "conversation_flags_reset" },
        { 10, "[12,100,16]", "conversation_flags_set" },
        { 10, "[13,100,10]", "messages_deleted" },
        { 10, "[18,10,3,100,1500000000,\"x\",{\"is_expired\":\"1\"},{},0,5,0]", "message_updated" },
        { 10, "[19,10]", "message_cache_reset" },
        { 10, "[20,100,16,0]", "conversation_major_id" },
        { 10, "[21,100,10]", "conversation_minor_id" },
        { 10, "[51,17]", "chat_changed" },
        { 10, "[52,1,2000000017,0]", "chat_info" },
        { 10, "[63,2000000001,[100,200],2,1500000000]", "typing" },
        { 10, "[64,2000000001,[100],1,1500000000]", "recording_voice" },
        { 10, "[65,2000000001,[100],1,1500000000]", "uploading_photo" },
        { 10, "[66,2000000001,[100],1,1500000000]", "uploading_video" },
        { 10, "[67,2000000001,[100],1,1500000000]", "uploading_file" },
        { 10, "[80,3,2,0,0,3,2,1,1,0]", "unread_counter" },
        { 10, "[81,-100,1,1500000000,-1,0]", "friend_invisibility" },
        { 10, "[90,2,100]", "friends_changed" },
        { 10, "[114,{\"peer_id\":100,\"sound\":0,\"disabled_until\":0}]", "notification_settings" },
        { 10, "[115,{\"type\":\"invite\",\"user_id\":100}]", "call" },
        { 10, "[119,{\"owner_id\":-1,\"peer_id\":100,\"event_id\":\"abc\",\"action\":{\"type\":\"show_snackbar\",\"text\":\"hi\"}}]", "callback_answer" },
        { 10, "[501,7,\"Work\",123]", "folder_created" },
        { 10, "[502,7]", "folder_deleted" },
        { 10, "[503,7,\"Job\"]", "folder_renamed" },
        { 10, "[504,5,88262293,172894294,2000000346]", "folder_peers_added" },
        { 10, "[505,5,88262293]", "folder_peers_removed" },
        { 10, "[506,1,4,2]", "folders_reordered" },
        { 10, "[507,[2,3,0],[3,2,1]]", "folder_unread_counters" },
        { 19, "[10002,5,8,100]", "message_flags_set" },
        { 19, "[10003,5,8,100]", "message_flags_reset" },
        { 19, "[10004,5,1,900,100,1500000000,\"x\",{},{},0,900,0]", "message_new" },
        { 19, "[10005,5,1,100,1500000000,\"y\",{},{},0,900,1500000100]", "message_edit" },
        { 19, "[10006,100,5,0]", "messages_read_inbox" },
        { 19, "[10007,100,5,0]", "messages_read_outbox" },
        { 19, "[10013,100,5]", "messages_deleted" },
        { 19, "[10018,5,1,100,1500000000,\"x\",{\"pinned_at\":\"1500000200\"},{},0,900,0]", "message_updated" },
        { 19, "[10019,900]", "message_cache_reset" },
        { 19, "[50,{\"peer_id\":100,\"cmid\":5,\"translation\":\"hi\",\"language\":\"ru-en\"}]", "message_translated" },
        { 19, "[68,100,[100],1,1500000000]", "recording_video_message" },
        { 19, "[69,100,[100],1,1500000000]", "choosing_file" },
        { 19, "[70,100,[100],1,1500000000]", "choosing_template" },
        { 19, "[91,1,2000000001,100,3600,1500003600]", "chat_write_ban" },
        { 19, "[91,3,2000000001,100]", "chat_write_ban" },
        { 19, "[601,4,100,5,0]", "reactions_changed" },
        { 19, "[602,100,2,5,6]", "unread_reactions" },
        { 21, "[10002,5,131200,100,900]", "message_flags_set" },
        { 21, "[10013,100,5,1,900]", "messages_deleted" },
        { 19, "[116,1,2]", "unknown" },
        { 19, "[999999,\"whatever\",{\"a\":[1]}]", "unknown" },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Decode_EveryCatalogueEntry_HasItsTypeAndCode(int version, string update, string type)
    {
        var e = TestData.Event(update, version);

        Assert.Equal(type, e.Type);
        Assert.Equal(int.Parse(update[1..update.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), e.Code);
    }

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Decode_EveryCatalogueEntry_InEveryVersion_NeverThrows(int version, string update, string type)
    {
        _ = version;
        _ = type;
        foreach (var other in new[] { 0, 3, 10, 11, 19, 21 })
        {
            Assert.NotNull(TestData.Event(update, other));
        }
    }

    [Fact]
    public void Code4And10004_AreBothMessageNew()
    {
        Assert.Equal(TestData.Event("[4,1,1,100,1,\"x\",{},{}]", 3).Type, TestData.Event("[10004,1,1,2,100,1,\"x\",{},{}]", 19).Type);
    }

    [Fact]
    public void FriendOnline_Version3_PlatformIsLowByteOfExtra()
    {
        var e = TestData.Event<FriendOnlineEvent>("[8,-100,260,1500000000]", 3);

        Assert.Equal((100L, Platform.Android, 4, 1500000000L), (e.UserId, e.Platform, e.PlatformId, e.Timestamp!.Value));
        Assert.Null(e.AppId);
    }

    [Fact]
    public void FriendOnline_Version10_PlainPlatformAndAppData()
    {
        var e = TestData.Event<FriendOnlineEvent>("[8,-100,2,1500000000,2274003,1,0]", 10);

        Assert.Equal((Platform.IPhone, 2274003L, true, false), (e.Platform, e.AppId!.Value, e.IsMobile!.Value, e.HasInvisibleMode!.Value));
    }

    [Theory]
    [InlineData("[8,-100,-1,1500000000,0,0,0]", Platform.Unknown)]
    [InlineData("[8,-100,0,1500000000]", Platform.Unknown)]
    [InlineData("[8,-100,7,1500000000]", Platform.Web)]
    [InlineData("[8,-100,9,1500000000]", Platform.Unknown)]
    public void FriendOnline_PlatformEdgeCases(string update, Platform platform)
    {
        Assert.Equal(platform, TestData.Event<FriendOnlineEvent>(update, 10).Platform);
    }

    [Theory]
    [InlineData("[9,-100,0,1]", false)]
    [InlineData("[9,-100,1,1]", true)]
    public void FriendOffline_TimeoutVersusLeft(string update, bool timeout)
    {
        Assert.Equal(timeout, TestData.Event<FriendOfflineEvent>(update, 3).IsTimeout);
    }

    [Fact]
    public void Typing_Version3DocOrderAndModernOrder_GiveTheSameEvent()
    {
        var documented = TestData.Event<ActivityEvent>("[63,[100,200],2000000001,2,1500000000]", 3);
        var modern = TestData.Event<ActivityEvent>("[63,2000000001,[100,200],2,1500000000]", 10);

        Assert.Equal((documented.PeerId, documented.TotalCount, documented.Timestamp), (modern.PeerId, modern.TotalCount, modern.Timestamp));
        Assert.Equal(documented.UserIds, modern.UserIds);
    }

    [Fact]
    public void LegacyTyping_61And62()
    {
        var dialog = TestData.Event<ActivityEvent>("[61,100,1]", 3);
        var chat = TestData.Event<ActivityEvent>("[62,100,17]", 3);

        Assert.Equal((100L, 100L), (dialog.PeerId.Value, dialog.UserIds[0]));
        Assert.Equal((17L, 100L), (chat.PeerId.ChatId!.Value, chat.UserIds[0]));
    }

    [Fact]
    public void UnreadCounter_Version3_OnlyCount_Version10_AllCounters()
    {
        var v3 = TestData.Event<UnreadCounterEvent>("[80,3,0]", 3);
        var v10 = TestData.Event<UnreadCounterEvent>("[80,3,2,1,4,5,6,7,8,9]", 10);

        Assert.Equal(3, v3.Count);
        Assert.Null(v3.UnreadUnmuted);
        Assert.Equal((3, 2, true, 4, 5, 6, 7, 8, 9), (v10.Count, v10.UnreadUnmuted!.Value, v10.ShowOnlyUnmuted!.Value, v10.BusinessUnread!.Value,
            v10.HeaderUnread!.Value, v10.HeaderUnreadUnmuted!.Value, v10.ArchiveUnread!.Value, v10.ArchiveUnreadUnmuted!.Value, v10.ArchiveMentions!.Value));
    }

    [Fact]
    public void UnreadCounter_Version10ShortForm_LeavesLaterCountersUnknown()
    {
        var e = TestData.Event<UnreadCounterEvent>("[80,1,0]", 10);

        Assert.Equal((1, 0), (e.Count, e.UnreadUnmuted!.Value));
        Assert.Null(e.ArchiveMentions);
    }

    [Theory]
    [InlineData("[114,100,1,0]", 100, true, 0)]
    [InlineData("[114,{\"peer_id\":2000000001,\"sound\":0,\"disabled_until\":-1}]", 2000000001, false, -1)]
    [InlineData("[114,{\"peer_id\":\"5\",\"disabled_until\":\"1700000000\"}]", 5, null, 1700000000)]
    public void NotificationSettings_FlatAndObjectForms(string update, long peer, bool? sound, long until)
    {
        var e = TestData.Event<NotificationSettingsEvent>(update);

        Assert.Equal((peer, sound, until), (e.PeerId.Value, e.Sound, e.DisabledUntil));
    }

    [Theory]
    [InlineData(3, ChatInfoType.AdminAppointed, 555L)]
    [InlineData(4, ChatInfoType.AccessRightsChanged, null)]
    [InlineData(6, ChatInfoType.UserJoined, 555L)]
    [InlineData(7, ChatInfoType.UserLeft, 555L)]
    [InlineData(8, ChatInfoType.UserKicked, 555L)]
    [InlineData(9, ChatInfoType.AdminRemoved, 555L)]
    [InlineData(22, ChatInfoType.NoLongerNew, null)]
    [InlineData(28, ChatInfoType.IncognitoMemberRemoved, null)]
    public void ChatInfo_TypesAndMember(int type, ChatInfoType expected, long? member)
    {
        var e = TestData.Event<ChatInfoEvent>($"[52,{type},2000000017,555]");

        Assert.Equal((expected, member, 17L), (e.InfoType, e.MemberId, e.PeerId.ChatId!.Value));
    }

    [Fact]
    public void ChatInfo_AccessMaskBeyond32Bits()
    {
        Assert.Equal(549755813888L | 137438953472L, TestData.Event<ChatInfoEvent>("[52,4,2000000001,687194767360]").Info);
    }

    [Fact]
    public void ChatInfo_UnknownType_KeptAsNumber()
    {
        Assert.Equal(20, (int)TestData.Event<ChatInfoEvent>("[52,20,2000000001,0]").InfoType);
    }

    [Fact]
    public void ChatWriteBan_ActionOneHasDuration()
    {
        var e = TestData.Event<ChatMemberWriteBanEvent>("[91,1,2000000001,100,3600,1500003600]");

        Assert.Equal((WriteBanAction.BannedForAWhile, 100L, 3600L, 1500003600L), (e.Action, e.MemberId, e.Seconds!.Value, e.Until!.Value));
    }

    [Fact]
    public void CallbackAnswer_ReadsActionType()
    {
        var e = TestData.Event<CallbackAnswerEvent>("[119,{\"owner_id\":-1,\"peer_id\":100,\"event_id\":\"abc\",\"action\":{\"type\":\"open_link\",\"link\":\"https://vk.com\"}}]");

        Assert.Equal((-1L, 100L, "abc", "open_link"), (e.OwnerId!.Value, e.PeerId!.Value.Value, e.EventId, e.ActionType));
        Assert.Contains("https://vk.com", e.ActionJson, StringComparison.Ordinal);
    }

    [Fact]
    public void FriendInvisibility_AppIdIsIndexFive_NotTheMinusOne()
    {
        var e = TestData.Event<FriendInvisibilityEvent>("[81,-100,1,1500000000,-1,6287487]");

        Assert.Equal((100L, true, 1500000000L, 6287487L), (e.UserId, e.IsInvisible, e.LastSeen!.Value, e.AppId!.Value));
    }

    [Fact]
    public void UnreadReactions_CountLimitsTheIds()
    {
        Assert.Equal([5L, 6L], TestData.Event<UnreadReactionsEvent>("[602,100,2,5,6]").ConversationMessageIds);
    }

    [Fact]
    public void UnknownCode_KeepsRawJsonExactly()
    {
        const string raw = "[999999, \"whatever\", {\"a\": [1]}]";

        var e = TestData.Event<UnknownEvent>(raw);

        Assert.Equal((999999, raw), (e.Code, e.Raw));
        Assert.Null(e.DecodeError);
    }

    [Fact]
    public void UnknownCodes_InAResponse_AreKeptInOrder()
    {
        var updates = TestData.Decoder().ReadEvents("[[116,1],[80,1,0],[117]]"u8);

        Assert.Equal(["unknown", "unread_counter", "unknown"], updates.Select(u => u.Type));
    }
}

using System.Text;
using System.Text.Json;
using VkLongPoll.Community;
using VkLongPoll.Events;
using static VkLongPoll.Tests.Community.CommunityEventSamples;

namespace VkLongPoll.Tests.Community;

/// <summary>Every community event type of API 5.199, from a wire sample to its record, with the fields that matter checked.</summary>
public sealed class CommunityEventCatalogueTests
{
    public static TheoryData<string> Types() => new(Objects.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Types))]
    public void Sample_DecodesToItsRecord_WithItsKeyFields_AndTheEnvelope(string type)
    {
        var update = Envelope(type, Objects[type]);

        var e = CommunityEventReader.Read(Encoding.UTF8.GetBytes(update));

        Assert.IsNotType<UnknownCommunityEvent>(e);
        Assert.Equal(type, e.Type);
        Assert.Equal(0, e.Code);
        Assert.Equal("f8e1b2c3d4a5", e.EventId);
        Assert.Equal(GroupId, e.GroupId);
        Assert.Equal("5.199", e.ApiVersion);
        Assert.Equal(Objects[type], e.Object); // exactly as received, untyped fields and all
        CheckKeyFields(e);
    }

    private static void CheckKeyFields(CommunityEvent e)
    {
        switch (e)
        {
            case CommunityMessageNew m:
                // A community chat's message: id 0 (vk-api-schema#40), the peer and conversation message id are its key.
                Assert.Equal(0, m.Message.MessageId);
                Assert.Equal(42, m.Message.ConversationMessageId);
                Assert.Equal(new PeerId(2000000005), m.Message.PeerId);
                Assert.Equal(1001, m.Message.FromId);
                Assert.Equal("Привет, бот", m.Message.Text);
                Assert.NotNull(m.ClientInfo);
                Assert.Contains("callback", m.ClientInfo.ButtonActions);
                Assert.True(m.ClientInfo.Keyboard && m.ClientInfo.InlineKeyboard && m.ClientInfo.Carousel);
                Assert.Equal(0, m.ClientInfo.LangId);
                break;
            case CommunityMessageReply m:
                Assert.Equal(5012, m.Message.MessageId);
                Assert.Equal(new PeerId(1001), m.Message.PeerId);
                Assert.True(m.Message.IsOutgoing);
                Assert.Equal("Здравствуйте!", m.Message.Text);
                break;
            case CommunityMessageEdit m:
                Assert.Equal(43, m.Message.ConversationMessageId);
                Assert.Equal("Здравствуйте, Иван!", m.Message.Text);
                Assert.Equal(1733600030, m.Message.UpdateTime);
                break;
            case CommunityMessageAllow a: Assert.Equal((1001L, "promo_2024"), (a.UserId, a.Key)); break;
            case CommunityMessageDeny d: Assert.Equal(1001, d.UserId); break;
            case CommunityMessageTypingState t: Assert.Equal(("typing", 1001L, -212345678L), (t.State, t.FromId, t.ToId)); break;
            case CommunityMessageEvent m:
                Assert.Equal((1001L, new PeerId(1001), "3159dc190b1g", 43L), (m.UserId, m.PeerId, m.ButtonEventId, m.ConversationMessageId!.Value));
                Assert.Equal("""{"button":"1"}""", m.Payload);
                break;
            case CommunityMessageRead r: Assert.Equal((1001L, new PeerId(1001), 5012L, 43L), (r.FromId, r.PeerId, r.ReadMessageId, r.ConversationMessageId!.Value)); break;
            case CommunityMessageReactionEvent r: Assert.Equal((1001L, new PeerId(2000000005), 42L, 2), (r.UserId, r.PeerId, r.ConversationMessageId, r.ReactionId!.Value)); break;
            case CommunityPhotoNew p: Assert.Equal((457239100L, -212345678L, 301234567L, 100L, "Афиша"), (p.PhotoId, p.OwnerId, p.AlbumId!.Value, p.UserId!.Value, p.Text)); break;
            case CommunityPhotoCommentNew c: CheckComment(c.Comment, 12, "Красиво!"); Assert.Equal((457239100L, -212345678L), (c.PhotoId, c.PhotoOwnerId)); break;
            case CommunityPhotoCommentEdit c: CheckComment(c.Comment, 12, "Очень красиво!"); Assert.Equal(457239100, c.PhotoId); break;
            case CommunityPhotoCommentRestore c: CheckComment(c.Comment, 12, "Красиво!"); Assert.Equal(-212345678, c.PhotoOwnerId); break;
            case CommunityPhotoCommentDelete d: Assert.Equal((12L, -212345678L, 457239100L, 1001L, 1002L), (d.CommentId, d.OwnerId, d.PhotoId, d.UserId!.Value, d.DeleterId!.Value)); break;
            case CommunityAudioNew a: Assert.Equal((456239017L, -212345678L, "Кино", "Группа крови", 285), (a.AudioId, a.OwnerId, a.Artist, a.Title, a.Duration!.Value)); break;
            case CommunityVideoNew v: Assert.Equal((456239018L, -212345678L, "Репортаж", 120, 1733600400L), (v.VideoId, v.OwnerId, v.Title, v.Duration!.Value, v.Date!.Value)); break;
            case CommunityVideoCommentNew c: CheckComment(c.Comment, 7, "Класс"); Assert.Equal((456239018L, -212345678L), (c.VideoId, c.VideoOwnerId)); break;
            case CommunityVideoCommentEdit c: CheckComment(c.Comment, 7, "Классный ролик"); break;
            case CommunityVideoCommentRestore c: CheckComment(c.Comment, 7, "Класс"); break;
            case CommunityVideoCommentDelete d: Assert.Equal((7L, -212345678L, 456239018L), (d.CommentId, d.OwnerId, d.VideoId)); break;
            case CommunityWallPostNew p:
                Assert.Equal((28L, -212345678L, -212345678L, "Новости недели", "post", 1002L), (p.Post.Id, p.Post.OwnerId, p.Post.FromId, p.Post.Text, p.Post.PostType, p.Post.CreatedBy!.Value));
                Assert.Null(p.Post.CopyPostId);
                break;
            case CommunityWallRepost r: Assert.Equal((3301L, 1001L, -212345678L, 28L), (r.Post.Id, r.Post.FromId, r.Post.CopyOwnerId!.Value, r.Post.CopyPostId!.Value)); break;
            case CommunityWallReplyNew c:
                CheckComment(c.Comment, 31, "Спасибо!");
                Assert.Equal((28L, -212345678L, 1003L, 30L), (c.PostId, c.PostOwnerId, c.Comment.ReplyToUserId!.Value, c.Comment.ReplyToCommentId!.Value));
                break;
            case CommunityWallReplyEdit c: CheckComment(c.Comment, 31, "Спасибо большое!"); Assert.Equal(28, c.PostId); break;
            case CommunityWallReplyRestore c: CheckComment(c.Comment, 31, "Спасибо!"); break;
            case CommunityWallReplyDelete d: Assert.Equal((31L, -212345678L, 28L, 1002L), (d.CommentId, d.OwnerId, d.PostId, d.DeleterId!.Value)); break;
            case CommunityBoardPostNew b: CheckComment(b.Comment, 3, "Когда следующая встреча?"); Assert.Equal((39401234L, -212345678L), (b.TopicId, b.TopicOwnerId)); break;
            case CommunityBoardPostEdit b: CheckComment(b.Comment, 3, "Когда встреча?"); break;
            case CommunityBoardPostRestore b: CheckComment(b.Comment, 3, "Когда следующая встреча?"); break;
            case CommunityBoardPostDelete d: Assert.Equal((3L, 39401234L, -212345678L), (d.CommentId, d.TopicId, d.TopicOwnerId)); break;
            case CommunityMarketCommentNew c: CheckComment(c.Comment, 5, "Есть размер M?"); Assert.Equal((8123456L, -212345678L), (c.ItemId, c.MarketOwnerId)); break;
            case CommunityMarketCommentEdit c: CheckComment(c.Comment, 5, "Есть размер L?"); break;
            case CommunityMarketCommentRestore c: CheckComment(c.Comment, 5, "Есть размер M?"); break;
            case CommunityMarketCommentDelete d: Assert.Equal((5L, -212345678L, 8123456L, 1001L), (d.CommentId, d.OwnerId, d.ItemId, d.UserId!.Value)); break;
            case CommunityMarketOrderNew o:
                Assert.Equal((21L, 1001L, 0, 2, "1 500 ₽", "1001-21"), (o.Order.Id, o.Order.UserId, o.Order.Status!.Value, o.Order.ItemsCount!.Value, o.Order.TotalPrice, o.Order.DisplayOrderId));
                Assert.Equal("Позвоните перед доставкой", o.Order.Comment);
                break;
            case CommunityMarketOrderEdit o: Assert.Equal((21L, 2), (o.Order.Id, o.Order.Status!.Value)); break;
            case CommunityGroupJoin j: Assert.Equal((1001L, "approved"), (j.UserId, j.JoinType)); break;
            case CommunityGroupLeave l: Assert.Equal((1001L, true), (l.UserId, l.IsSelf)); break;
            case CommunityUserBlock b: Assert.Equal((1002L, 1001L, 1736200000L, 1, "Спам"), (b.AdminId, b.UserId, b.UnblockDate!.Value, b.Reason!.Value, b.Comment)); break;
            case CommunityUserUnblock u: Assert.Equal((1002L, 1001L, false), (u.AdminId, u.UserId, u.ByEndDate)); break;
            case CommunityPollVoteNew v: Assert.Equal((-212345678L, 700123L, 2100456L, 1001L), (v.OwnerId, v.PollId, v.OptionId, v.UserId)); break;
            case CommunityGroupOfficersEdit o: Assert.Equal((1002L, 1003L, 0, 2), (o.AdminId, o.UserId, o.LevelOld, o.LevelNew)); break;
            case CommunityGroupChangeSettings s:
                Assert.Equal(1002, s.UserId);
                Assert.Equal(new CommunitySettingChange("Клуб", "Клуб любителей"), s.Changes["title"]);
                Assert.Equal(new CommunitySettingChange("0", "1"), s.Changes["access"]);
                break;
            case CommunityGroupChangePhoto p: Assert.Equal((1002L, 457239200L, -212345678L), (p.UserId, p.PhotoId!.Value, p.PhotoOwnerId!.Value)); break;
            case CommunityVkpayTransaction t: Assert.Equal((1001L, 150000L, "За заказ 21", 1733601300L), (t.FromId, t.Amount, t.Description, t.Date!.Value)); break;
            case CommunityLeadFormsNew l:
                Assert.Equal((4L, 1L, 1001L, "Запись на курс"), (l.LeadId, l.FormId, l.UserId, l.FormName));
                Assert.Equal(new[] { new CommunityLeadFormAnswer("first_name", "Имя", "Иван"), new CommunityLeadFormAnswer("phone_number", "Телефон", "+7 900 000-00-00") }, l.Answers);
                break;
            case CommunityAppPayload a: Assert.Equal((1001L, 7654321L, """{"screen":"cart"}"""), (a.UserId, a.AppId, a.Payload)); break;
            case CommunityLikeAdd l: Assert.Equal((1001L, "comment", -212345678L, 31L, 28L), (l.LikerId, l.ObjectType, l.ObjectOwnerId, l.ObjectId, l.PostId!.Value)); break;
            case CommunityLikeRemove l: Assert.Equal((1001L, "post", -212345678L, 28L), (l.LikerId, l.ObjectType, l.ObjectOwnerId, l.ObjectId)); break;
            case CommunityDonutSubscriptionCreate d: Assert.Equal((1001L, 100m, 92.5m), (d.UserId!.Value, d.Amount, d.AmountWithoutFee)); break;
            case CommunityDonutSubscriptionProlonged d: Assert.Equal((1001L, 100m, 92.5m), (d.UserId!.Value, d.Amount, d.AmountWithoutFee)); break;
            case CommunityDonutSubscriptionExpired d: Assert.Equal(1001, d.UserId); break;
            case CommunityDonutSubscriptionCancelled d: Assert.Equal(1001, d.UserId); break;
            case CommunityDonutSubscriptionPriceChanged d: Assert.Equal((1001L, 100m, 300m, 200m, 185m), (d.UserId!.Value, d.AmountOld, d.AmountNew, d.AmountDiff!.Value, d.AmountDiffWithoutFee!.Value)); break;
            case CommunityDonutMoneyWithdraw d: Assert.Equal((50m, 47.5m), (d.Amount, d.AmountWithoutFee)); break;
            case CommunityDonutMoneyWithdrawError d: Assert.Equal("Не указан счёт для вывода", d.Reason); break;
            default: Assert.Fail($"{e.GetType().Name} has no key-field check here"); break;
        }
    }

    private static void CheckComment(CommunityComment comment, long id, string text)
    {
        Assert.Equal(id, comment.Id);
        Assert.Equal(1001, comment.FromId);
        Assert.Equal(text, comment.Text);
        Assert.NotNull(comment.Date);
    }

    [Fact]
    public void Confirmation_HasNoObject_AndReadsAsItsRecord()
    {
        var e = CommunityEventReader.Read(Encoding.UTF8.GetBytes(Confirmation));

        var confirmation = Assert.IsType<CommunityConfirmation>(e);
        Assert.Equal(GroupId, confirmation.GroupId);
        Assert.Equal("", confirmation.EventId);
        Assert.Equal("{}", confirmation.Object);
    }

    [Fact]
    public void CallbackBody_WithSecret_ReadsLikeALongPollUpdate()
    {
        var body = """{"type":"group_join","object":{"user_id":1,"join_type":"approved"},"group_id":1,"event_id":"a1","v":"5.199","secret":"s3cr3t"}""";

        var join = Assert.IsType<CommunityGroupJoin>(CommunityEventReader.Read(Encoding.UTF8.GetBytes(body)));

        Assert.Equal((1L, "approved", 1L, "a1"), (join.UserId, join.JoinType, join.GroupId, join.EventId));
    }

    [Fact]
    public void MessageNew_BeforeApi5_103_IsTheMessageItself()
    {
        var update = """{"type":"message_new","object":{"id":17,"date":1500000000,"out":0,"user_id":1001,"read_state":0,"title":"","body":"старый формат"},"group_id":1,"event_id":"","v":"5.80"}""";

        var message = Assert.IsType<CommunityMessageNew>(CommunityEventReader.Read(Encoding.UTF8.GetBytes(update)));

        Assert.Equal(17, message.Message.MessageId);
        Assert.Equal(new PeerId(1001), message.Message.PeerId);
        Assert.Equal("старый формат", message.Message.Text);
        Assert.Null(message.ClientInfo);
    }

    [Fact]
    public void ChatMessage_WithIdZero_KeepsItsPeerAndConversationMessageId()
    {
        // vk-api-schema#40: in a community chat every message has "id":0; the peer and cmid identify it.
        var update = Envelope("message_reply", """{"id":0,"date":1733600000,"from_id":-212345678,"peer_id":2000000007,"out":1,"conversation_message_id":315,"text":"Готово"}""");

        var reply = Assert.IsType<CommunityMessageReply>(CommunityEventReader.Read(Encoding.UTF8.GetBytes(update)));

        Assert.Equal(0, reply.Message.MessageId);
        Assert.Equal(new PeerId(2000000007), reply.Message.PeerId);
        Assert.True(reply.Message.PeerId!.Value.IsChat);
        Assert.Equal(315, reply.Message.ConversationMessageId);
        Assert.Equal("Готово", reply.Message.Text);
    }

    [Fact]
    public void UnknownType_IsKeptRaw_WithNoDecodeError()
    {
        var update = Envelope("story_new", """{"story_id":5,"owner_id":-1,"extra":[1,2,{"a":null}]}""");

        var e = Assert.IsType<UnknownCommunityEvent>(CommunityEventReader.Read(Encoding.UTF8.GetBytes(update)));

        Assert.Equal("story_new", e.Type);
        Assert.Equal("story_new", e.TypeName);
        Assert.Null(e.DecodeError);
        Assert.Equal("""{"story_id":5,"owner_id":-1,"extra":[1,2,{"a":null}]}""", e.Object);
        Assert.Equal(GroupId, e.GroupId);
    }

    [Theory]
    [InlineData("group_join", """{"user_id":"1001","join_type":"join"}""", "user_id")]          // a number as a string
    [InlineData("group_join", """{"user_id":1001,"join_type":5}""", "join_type")]
    [InlineData("group_join", """{"join_type":"join"}""", "user_id")]                          // a required id missing
    [InlineData("like_add", """{"liker_id":1.5,"object_type":"post","object_owner_id":1,"object_id":2}""", "liker_id")]
    [InlineData("group_officers_edit", """{"admin_id":1,"user_id":2,"level_old":0,"level_new":99999999999}""", "level_new")]
    [InlineData("donut_money_withdraw", """{"amount":"50","amount_without_fee":47.5}""", "amount")]
    [InlineData("message_new", """{"message":{"id":"x","peer_id":1}}""", "integer id")]
    [InlineData("message_new", """{"message":5}""", "\"message\" must be an object")]
    [InlineData("message_reply", "[1,2]", "\"object\" must be an object")]
    [InlineData("group_leave", "\"nope\"", "\"object\" must be an object")]
    [InlineData("group_change_settings", """{"user_id":1,"changes":[1]}""", "changes")]
    [InlineData("lead_forms_new", """{"lead_id":1,"form_id":2,"user_id":3,"answers":[{"key":7}]}""", "key")]
    public void FieldOfTheWrongKind_KeepsThatEventRaw_WithTheReason(string type, string body, string named)
    {
        var e = Assert.IsType<UnknownCommunityEvent>(CommunityEventReader.Read(Encoding.UTF8.GetBytes(Envelope(type, body))));

        Assert.Equal(type, e.Type);
        Assert.NotNull(e.DecodeError);
        Assert.Contains(named, e.DecodeError, StringComparison.Ordinal);
        Assert.Equal(body, e.Object);
    }

    [Fact]
    public void KnownType_WithoutAnObject_IsKeptRaw_WithTheReason()
    {
        var e = Assert.IsType<UnknownCommunityEvent>(CommunityEventReader.Read("""{"type":"group_join","group_id":1}"""u8));

        Assert.Contains("\"object\" must be an object", e.DecodeError, StringComparison.Ordinal);
        Assert.Equal("{}", e.Object);
    }

    [Theory]
    [InlineData("""{"type":"group_join","group_id":"1","object":{"user_id":1,"join_type":"join"}}""", "group_id")]
    [InlineData("""{"type":"group_join","group_id":1,"event_id":5,"object":{"user_id":1,"join_type":"join"}}""", "event_id")]
    [InlineData("""{"type":"group_join","group_id":1,"v":5.199,"object":{"user_id":1,"join_type":"join"}}""", "\"v\"")]
    public void EnvelopeFieldOfTheWrongKind_KeepsTheEventRaw(string update, string named)
    {
        var e = Assert.IsType<UnknownCommunityEvent>(CommunityEventReader.Read(Encoding.UTF8.GetBytes(update)));

        Assert.Contains(named, e.DecodeError, StringComparison.Ordinal);
    }

    [Fact]
    public void BadFieldInOneUpdate_DoesNotStopTheOthers()
    {
        var answer = $$"""
            {"ts":"42","updates":[
              {{Envelope("group_join", Objects["group_join"], "e1")}},
              {{Envelope("group_join", """{"user_id":{"oops":1},"join_type":"join"}""", "e2")}},
              17,
              {"no_type":true},
              {{Envelope("wall_post_new", Objects["wall_post_new"], "e3")}},
              {{Envelope("brand_new_event", "{}", "e4")}}
            ]}
            """;
        using var document = JsonDocument.Parse(answer);

        var events = CommunityEventReader.ReadUpdates(document.RootElement.GetProperty("updates"));

        Assert.Equal(6, events.Count);
        Assert.IsType<CommunityGroupJoin>(events[0]);
        var bad = Assert.IsType<UnknownCommunityEvent>(events[1]);
        Assert.Equal(("group_join", "e2"), (bad.TypeName, bad.EventId));
        Assert.Contains("user_id", bad.DecodeError, StringComparison.Ordinal);
        Assert.Equal("17", Assert.IsType<UnknownCommunityEvent>(events[2]).Object);
        Assert.Equal("""{"no_type":true}""", Assert.IsType<UnknownCommunityEvent>(events[3]).Object);
        Assert.Equal("e3", Assert.IsType<CommunityWallPostNew>(events[4]).EventId);
        Assert.Equal("brand_new_event", Assert.IsType<UnknownCommunityEvent>(events[5]).Type);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"message_new\"")]
    [InlineData("""{"object":{}}""")]
    [InlineData("""{"type":5,"object":{}}""")]
    [InlineData("""{"type":null}""")]
    [InlineData("""{"type":"message_new","object":""")]
    [InlineData("")]
    public void NotAnEventAtAll_IsAProtocolError(string input)
    {
        Assert.Throws<LongPollProtocolException>(() => CommunityEventReader.Read(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void ReadUpdates_OfSomethingThatIsNotAnArray_IsAProtocolError()
    {
        using var document = JsonDocument.Parse("""{"updates":{}}""");

        Assert.Throws<LongPollProtocolException>(() => CommunityEventReader.ReadUpdates(document.RootElement));
    }

    [Fact]
    public void DeeplyForwardedMessage_Reads()
    {
        // Forwards nest up to 45 levels in VK, two JSON levels each: beyond JsonDocument's default depth of 64.
        var message = """{"id":0,"peer_id":2000000001,"conversation_message_id":9,"text":"x"}""";
        for (var level = 0; level < 45; level++)
        {
            message = $$"""{"id":0,"peer_id":2000000001,"conversation_message_id":9,"text":"x","fwd_messages":[{{message}}]}""";
        }

        var e = CommunityEventReader.Read(Encoding.UTF8.GetBytes(Envelope("message_new", $$"""{"message":{{message}}}""")));

        Assert.Equal("0_0", Assert.IsType<CommunityMessageNew>(e).Message.Forwards);
    }
}

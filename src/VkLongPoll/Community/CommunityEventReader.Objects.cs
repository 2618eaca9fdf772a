using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll.Community;

/// <summary>The objects of every event type of API 5.199, by VK's name: one case each, no reflection.</summary>
/// <remarks>
/// Sources: VK's list of community events (dev.vk.com/ru/api/community-events/json-schema), VKCOM/vk-api-schema
/// <c>callback/objects.json</c>, and SevereCloud/vksdk <c>events/events.go</c> and <c>events/objects.go</c>.
/// </remarks>
public static partial class CommunityEventReader
{
    /// <summary>The typed event for a known type name; null for a name this library does not know.</summary>
    /// <exception cref="CommunityDecodeException">The object does not read as the type says.</exception>
    private static CommunityEvent? Decode(string type, JsonElement body)
    {
        // Checked on first use, so an unknown type's object is never judged: it is kept raw whatever it is.
        var o = new CommunityFields(body, "\"object\"");
        return type switch
        {
            "confirmation" => new CommunityConfirmation(),
            "message_new" => MessageNew(o),
            "message_reply" => new CommunityMessageReply(Message(o.Element)),
            "message_edit" => new CommunityMessageEdit(Message(o.Element)),
            "message_allow" => new CommunityMessageAllow(o.Long("user_id")) { Key = o.OptionalString("key") },
            "message_deny" => new CommunityMessageDeny(o.Long("user_id")),
            "message_typing_state" => new CommunityMessageTypingState(o.String("state"), o.Long("from_id"), o.Long("to_id")),
            "message_event" => new CommunityMessageEvent(o.Long("user_id"), new PeerId(o.Long("peer_id")), o.String("event_id"))
            {
                Payload = o.Text("payload"),
                ConversationMessageId = o.OptionalLong("conversation_message_id"),
            },
            "message_read" => new CommunityMessageRead(o.Long("from_id"), new PeerId(o.Long("peer_id")), o.Long("read_message_id"))
            {
                ConversationMessageId = o.OptionalLong("conversation_message_id"),
            },
            "message_reaction_event" => new CommunityMessageReactionEvent(o.Long("reacted_id"), new PeerId(o.Long("peer_id")), o.Long("cmid"))
            {
                ReactionId = o.OptionalInt("reaction_id"),
            },
            "photo_new" => new CommunityPhotoNew(o.Long("id"), o.Long("owner_id"))
            {
                AlbumId = o.OptionalLong("album_id"),
                UserId = o.OptionalLong("user_id"),
                Text = o.OptionalString("text"),
                Date = o.OptionalLong("date"),
            },
            "photo_comment_new" => new CommunityPhotoCommentNew(Comment(o), o.Long("photo_id"), o.Long("photo_owner_id")),
            "photo_comment_edit" => new CommunityPhotoCommentEdit(Comment(o), o.Long("photo_id"), o.Long("photo_owner_id")),
            "photo_comment_restore" => new CommunityPhotoCommentRestore(Comment(o), o.Long("photo_id"), o.Long("photo_owner_id")),
            "photo_comment_delete" => new CommunityPhotoCommentDelete(o.Long("id"), o.Long("owner_id"), o.Long("photo_id"))
            {
                UserId = o.OptionalLong("user_id"),
                DeleterId = o.OptionalLong("deleter_id"),
            },
            "audio_new" => new CommunityAudioNew(o.Long("id"), o.Long("owner_id"))
            {
                Artist = o.OptionalString("artist"),
                Title = o.OptionalString("title"),
                Duration = o.OptionalInt("duration"),
            },
            "video_new" => new CommunityVideoNew(o.Long("id"), o.Long("owner_id"))
            {
                Title = o.OptionalString("title"),
                Description = o.OptionalString("description"),
                Duration = o.OptionalInt("duration"),
                Date = o.OptionalLong("date"),
            },
            "video_comment_new" => new CommunityVideoCommentNew(Comment(o), o.Long("video_id"), o.Long("video_owner_id")),
            "video_comment_edit" => new CommunityVideoCommentEdit(Comment(o), o.Long("video_id"), o.Long("video_owner_id")),
            "video_comment_restore" => new CommunityVideoCommentRestore(Comment(o), o.Long("video_id"), o.Long("video_owner_id")),
            "video_comment_delete" => new CommunityVideoCommentDelete(o.Long("id"), o.Long("owner_id"), o.Long("video_id"))
            {
                UserId = o.OptionalLong("user_id"),
                DeleterId = o.OptionalLong("deleter_id"),
            },
            "wall_post_new" => new CommunityWallPostNew(WallPost(o)),
            "wall_repost" => new CommunityWallRepost(WallPost(o)),
            "wall_reply_new" => new CommunityWallReplyNew(Comment(o), o.Long("post_id"), o.Long("post_owner_id")),
            "wall_reply_edit" => new CommunityWallReplyEdit(Comment(o), o.Long("post_id"), o.Long("post_owner_id")),
            "wall_reply_restore" => new CommunityWallReplyRestore(Comment(o), o.Long("post_id"), o.Long("post_owner_id")),
            "wall_reply_delete" => new CommunityWallReplyDelete(o.Long("id"), o.Long("owner_id"), o.Long("post_id"))
            {
                DeleterId = o.OptionalLong("deleter_id"),
                UserId = o.OptionalLong("user_id"),
            },
            "board_post_new" => new CommunityBoardPostNew(Comment(o), o.Long("topic_id"), o.Long("topic_owner_id")),
            "board_post_edit" => new CommunityBoardPostEdit(Comment(o), o.Long("topic_id"), o.Long("topic_owner_id")),
            "board_post_restore" => new CommunityBoardPostRestore(Comment(o), o.Long("topic_id"), o.Long("topic_owner_id")),
            "board_post_delete" => new CommunityBoardPostDelete(o.Long("id"), o.Long("topic_id"), o.Long("topic_owner_id")),
            "market_comment_new" => new CommunityMarketCommentNew(Comment(o), o.Long("item_id"), o.Long("market_owner_id")),
            "market_comment_edit" => new CommunityMarketCommentEdit(Comment(o), o.Long("item_id"), o.Long("market_owner_id")),
            "market_comment_restore" => new CommunityMarketCommentRestore(Comment(o), o.Long("item_id"), o.Long("market_owner_id")),
            "market_comment_delete" => new CommunityMarketCommentDelete(o.Long("id"), o.Long("owner_id"), o.Long("item_id"))
            {
                UserId = o.OptionalLong("user_id"),
                DeleterId = o.OptionalLong("deleter_id"),
            },
            "market_order_new" => new CommunityMarketOrderNew(MarketOrder(o)),
            "market_order_edit" => new CommunityMarketOrderEdit(MarketOrder(o)),
            "group_join" => new CommunityGroupJoin(o.Long("user_id"), o.String("join_type")),
            "group_leave" => new CommunityGroupLeave(o.Long("user_id"), o.Flag("self")),
            "user_block" => new CommunityUserBlock(o.Long("admin_id"), o.Long("user_id"))
            {
                UnblockDate = o.OptionalLong("unblock_date"),
                Reason = o.OptionalInt("reason"),
                Comment = o.OptionalString("comment"),
            },
            "user_unblock" => new CommunityUserUnblock(o.Long("admin_id"), o.Long("user_id"), o.Flag("by_end_date")),
            "group_officers_edit" => new CommunityGroupOfficersEdit(o.Long("admin_id"), o.Long("user_id"), o.Int("level_old"), o.Int("level_new")),
            "group_change_settings" => new CommunityGroupChangeSettings(o.Long("user_id")) { Changes = SettingChanges(o) },
            "group_change_photo" => new CommunityGroupChangePhoto(o.Long("user_id"))
            {
                PhotoId = o.OptionalObject("photo")?.OptionalLong("id"),
                PhotoOwnerId = o.OptionalObject("photo")?.OptionalLong("owner_id"),
            },
            "poll_vote_new" => new CommunityPollVoteNew(o.Long("owner_id"), o.Long("poll_id"), o.Long("option_id"), o.Long("user_id")),
            "like_add" => new CommunityLikeAdd(o.Long("liker_id"), o.String("object_type"), o.Long("object_owner_id"), o.Long("object_id"))
            {
                PostId = o.OptionalLong("post_id"),
                ThreadReplyId = o.OptionalLong("thread_reply_id"),
            },
            "like_remove" => new CommunityLikeRemove(o.Long("liker_id"), o.String("object_type"), o.Long("object_owner_id"), o.Long("object_id"))
            {
                PostId = o.OptionalLong("post_id"),
                ThreadReplyId = o.OptionalLong("thread_reply_id"),
            },
            "vkpay_transaction" => new CommunityVkpayTransaction(o.Long("from_id"), o.Long("amount"))
            {
                Description = o.OptionalString("description"),
                Date = o.OptionalLong("date"),
            },
            "app_payload" => new CommunityAppPayload(o.Long("user_id"), o.Long("app_id")) { Payload = o.Text("payload") },
            "lead_forms_new" => new CommunityLeadFormsNew(o.Long("lead_id"), o.Long("form_id"), o.Long("user_id"))
            {
                FormName = o.OptionalString("form_name"),
                AdId = o.OptionalLong("ad_id"),
                Answers = [.. o.Objects("answers").Select(a => new CommunityLeadFormAnswer(a.String("key"), a.OptionalString("question"), a.Text("answer")))],
            },
            "donut_subscription_create" => new CommunityDonutSubscriptionCreate(o.OptionalLong("user_id"), o.Amount("amount"), o.Amount("amount_without_fee")),
            "donut_subscription_prolonged" => new CommunityDonutSubscriptionProlonged(o.OptionalLong("user_id"), o.Amount("amount"), o.Amount("amount_without_fee")),
            "donut_subscription_expired" => new CommunityDonutSubscriptionExpired(o.OptionalLong("user_id")),
            "donut_subscription_cancelled" => new CommunityDonutSubscriptionCancelled(o.OptionalLong("user_id")),
            "donut_subscription_price_changed" => new CommunityDonutSubscriptionPriceChanged(o.OptionalLong("user_id"), o.Amount("amount_old"), o.Amount("amount_new"))
            {
                AmountDiff = o.OptionalAmount("amount_diff"),
                AmountDiffWithoutFee = o.OptionalAmount("amount_diff_without_fee"),
            },
            "donut_money_withdraw" => new CommunityDonutMoneyWithdraw(o.Amount("amount"), o.Amount("amount_without_fee")),
            "donut_money_withdraw_error" => new CommunityDonutMoneyWithdrawError(o.String("reason")),
            _ => null,
        };
    }

    /// <summary><c>message_new</c>: <c>{message, client_info}</c> from API 5.103, the message itself before.</summary>
    private static CommunityMessageNew MessageNew(CommunityFields o)
    {
        if (o.TryGetElement("message", out _))
        {
            var info = o.OptionalObject("client_info");
            return new CommunityMessageNew(Message(o.Object("message").Element)) { ClientInfo = info is { } i ? ClientInfo(i) : null };
        }

        return new CommunityMessageNew(Message(o.Element));
    }

    /// <summary>A <c>messages_message</c>, read by the same reader as recovered User Long Poll messages, so both read alike.</summary>
    /// <remarks>It accepts <c>"id":0</c>: VK gives every message of a community chat that id (vk-api-schema#40); the key is the conversation message id.</remarks>
    private static LongPollMessage Message(JsonElement message) => ApiObjectReader.Message(message, 0);

    private static CommunityClientInfo ClientInfo(CommunityFields info) => new()
    {
        ButtonActions = info.Strings("button_actions"),
        Keyboard = info.Flag("keyboard"),
        InlineKeyboard = info.Flag("inline_keyboard"),
        Carousel = info.Flag("carousel"),
        LangId = info.OptionalInt("lang_id"),
    };

    private static CommunityComment Comment(CommunityFields o) => new(o.Long("id"), o.Long("from_id"), o.OptionalString("text") ?? "")
    {
        Date = o.OptionalLong("date"),
        ReplyToUserId = o.OptionalLong("reply_to_user"),
        ReplyToCommentId = o.OptionalLong("reply_to_comment"),
    };

    private static CommunityWallPost WallPost(CommunityFields o)
    {
        // A repost names its original as the first entry of copy_history.
        var copies = o.Objects("copy_history");
        CommunityFields? original = copies.Count > 0 ? copies[0] : null;
        return new CommunityWallPost(o.Long("id"), o.Long("owner_id"), o.Long("from_id"), o.OptionalString("text") ?? "")
        {
            Date = o.OptionalLong("date"),
            PostType = o.OptionalString("post_type"),
            CreatedBy = o.OptionalLong("created_by"),
            SignerId = o.OptionalLong("signer_id"),
            PostponedId = o.OptionalLong("postponed_id"),
            CopyOwnerId = original?.OptionalLong("owner_id"),
            CopyPostId = original?.OptionalLong("id"),
        };
    }

    private static CommunityMarketOrder MarketOrder(CommunityFields o) => new(o.Long("id"), o.Long("user_id"))
    {
        DisplayOrderId = o.OptionalString("display_order_id"),
        Date = o.OptionalLong("date"),
        Status = o.OptionalInt("status"),
        ItemsCount = o.OptionalInt("items_count"),
        TotalPrice = o.OptionalObject("total_price")?.OptionalString("text"),
        Comment = o.OptionalString("comment"),
    };

    /// <summary><c>changes</c>: <c>{name: {old_value, new_value}}</c>; values are strings or numbers by setting, kept as text.</summary>
    private static Dictionary<string, CommunitySettingChange> SettingChanges(CommunityFields o)
    {
        var changes = new Dictionary<string, CommunitySettingChange>(StringComparer.Ordinal);
        if (o.OptionalObject("changes") is { } all)
        {
            foreach (var (name, change) in all.Members())
            {
                changes[name] = new CommunitySettingChange(change.Text("old_value"), change.Text("new_value"));
            }
        }

        return changes;
    }
}

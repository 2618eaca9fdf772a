namespace VkLongPoll.Tests.Community;

/// <summary>
/// Wire samples of every community event type of API 5.199, one each, shaped as VK documents them.
/// </summary>
/// <remarks>
/// Sources, named per sample: [docs] dev.vk.com/ru/api/community-events/json-schema (the field lists, and the page's own
/// <c>group_join</c> example); [schema] VKCOM/vk-api-schema <c>callback/objects.json</c> (5.199) and the objects it refers
/// to; [vksdk] SevereCloud/vksdk <c>events/objects.go</c> and the objects of <c>events/events_test.go</c>. Ids and texts are
/// made up in VK's style; the shape, names and kinds of the fields are the sources'.
/// </remarks>
internal static class CommunityEventSamples
{
    public const long GroupId = 212345678;

    /// <summary>An update as Bots Long Poll sends it (a Callback body is the same plus <c>secret</c>).</summary>
    public static string Envelope(string type, string body, string eventId = "f8e1b2c3d4a5") =>
        $$"""{"group_id":{{GroupId}},"type":"{{type}}","event_id":"{{eventId}}","v":"5.199","object":{{body}}}""";

    /// <summary>VK's type name → the object of its sample.</summary>
    public static readonly IReadOnlyDictionary<string, string> Objects = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // [schema] callback_message_object: {message: messages_message, client_info: client_info_for_bots}; [docs] message_new at 5.103+
        ["message_new"] = """{"message":{"date":1733600000,"from_id":1001,"id":0,"out":0,"version":10007,"attachments":[],"conversation_message_id":42,"fwd_messages":[],"important":false,"is_hidden":false,"peer_id":2000000005,"random_id":0,"text":"Привет, бот"},"client_info":{"button_actions":["text","vkpay","open_app","location","open_link","callback","intent_subscribe","intent_unsubscribe"],"keyboard":true,"inline_keyboard":true,"carousel":true,"lang_id":0}}""",
        // [schema] callback_message_reply: object is messages_message
        ["message_reply"] = """{"date":1733600010,"from_id":-212345678,"id":5012,"out":1,"attachments":[],"conversation_message_id":43,"fwd_messages":[],"important":false,"is_hidden":false,"peer_id":1001,"random_id":77,"text":"Здравствуйте!"}""",
        // [schema] callback_message_edit: object is messages_message
        ["message_edit"] = """{"date":1733600010,"from_id":-212345678,"id":5012,"out":1,"attachments":[],"conversation_message_id":43,"fwd_messages":[],"important":false,"is_hidden":false,"peer_id":1001,"random_id":77,"text":"Здравствуйте, Иван!","update_time":1733600030}""",
        // [schema] callback_message_allow_object: user_id, key
        ["message_allow"] = """{"user_id":1001,"key":"promo_2024"}""",
        // [schema] callback_message_deny: user_id
        ["message_deny"] = """{"user_id":1001}""",
        // [docs] message_typing_state: state, from_id, to_id; [vksdk] MessageTypingStateObject
        ["message_typing_state"] = """{"state":"typing","from_id":1001,"to_id":-212345678}""",
        // [docs] message_event: user_id, peer_id, event_id, payload, conversation_message_id
        ["message_event"] = """{"user_id":1001,"peer_id":1001,"event_id":"3159dc190b1g","payload":{"button":"1"},"conversation_message_id":43}""",
        // [vksdk] MessageReadObject: from_id, peer_id, read_message_id
        ["message_read"] = """{"from_id":1001,"peer_id":1001,"read_message_id":5012,"conversation_message_id":43}""",
        // [docs] message_reaction_event: reacted_id, peer_id, cmid, reaction_id (left out when the reaction is removed)
        ["message_reaction_event"] = """{"reacted_id":1001,"peer_id":2000000005,"cmid":42,"reaction_id":2}""",
        // [docs] photo_new: photos_photo
        ["photo_new"] = """{"album_id":301234567,"date":1733600100,"id":457239100,"owner_id":-212345678,"access_key":"aa11bb22","sizes":[{"height":75,"type":"s","width":75,"url":"https://sun9-1.userapi.com/s.jpg"}],"text":"Афиша","user_id":100,"has_tags":false}""",
        // [docs] photo_comment_*: wall_comment + photo_id, photo_owner_id; [schema] callback_photo_comment
        ["photo_comment_new"] = """{"id":12,"from_id":1001,"date":1733600200,"text":"Красиво!","photo_owner_id":-212345678,"photo_id":457239100}""",
        ["photo_comment_edit"] = """{"id":12,"from_id":1001,"date":1733600200,"text":"Очень красиво!","photo_owner_id":-212345678,"photo_id":457239100}""",
        ["photo_comment_restore"] = """{"id":12,"from_id":1001,"date":1733600200,"text":"Красиво!","photo_owner_id":-212345678,"photo_id":457239100}""",
        // [docs] photo_comment_delete: owner_id, id, user_id, deleter_id, photo_id; [vksdk] PhotoCommentDeleteObject
        ["photo_comment_delete"] = """{"owner_id":-212345678,"id":12,"user_id":1001,"deleter_id":1002,"photo_id":457239100}""",
        // [docs] audio_new: audio
        ["audio_new"] = """{"id":456239017,"owner_id":-212345678,"artist":"Кино","title":"Группа крови","duration":285,"date":1733600300}""",
        // [docs] video_new: video
        ["video_new"] = """{"id":456239018,"owner_id":-212345678,"title":"Репортаж","description":"С концерта","duration":120,"date":1733600400,"comments":0,"views":1}""",
        // [docs] video_comment_*: wall_comment + video_id, video_owner_id; [schema] callback_video_comment
        ["video_comment_new"] = """{"id":7,"from_id":1001,"date":1733600500,"text":"Класс","video_owner_id":-212345678,"video_id":456239018}""",
        ["video_comment_edit"] = """{"id":7,"from_id":1001,"date":1733600500,"text":"Классный ролик","video_owner_id":-212345678,"video_id":456239018}""",
        ["video_comment_restore"] = """{"id":7,"from_id":1001,"date":1733600500,"text":"Класс","video_owner_id":-212345678,"video_id":456239018}""",
        // [schema] callback_video_comment_delete: id, owner_id, user_id, video_id; [vksdk] + deleter_id
        ["video_comment_delete"] = """{"owner_id":-212345678,"id":7,"user_id":1001,"deleter_id":1001,"video_id":456239018}""",
        // [docs] wall_post_new: wall_wallpost (+ postponed_id for a postponed post published)
        ["wall_post_new"] = """{"id":28,"from_id":-212345678,"owner_id":-212345678,"date":1733600600,"marked_as_ads":0,"post_type":"post","text":"Новости недели","can_edit":1,"created_by":1002,"can_delete":1,"comments":{"count":0},"is_favorite":false}""",
        // [docs] wall_repost: wall_wallpost with copy_history
        ["wall_repost"] = """{"id":3301,"from_id":1001,"owner_id":1001,"date":1733600700,"post_type":"post","text":"","copy_history":[{"id":28,"owner_id":-212345678,"from_id":-212345678,"date":1733600600,"post_type":"post","text":"Новости недели"}]}""",
        // [docs] wall_reply_*: wall_comment + post_id, post_owner_id
        ["wall_reply_new"] = """{"id":31,"from_id":1001,"post_id":28,"owner_id":-212345678,"parents_stack":[],"date":1733600800,"text":"Спасибо!","thread":{"count":0},"post_owner_id":-212345678,"reply_to_user":1003,"reply_to_comment":30}""",
        ["wall_reply_edit"] = """{"id":31,"from_id":1001,"post_id":28,"owner_id":-212345678,"parents_stack":[],"date":1733600800,"text":"Спасибо большое!","post_owner_id":-212345678}""",
        ["wall_reply_restore"] = """{"id":31,"from_id":1001,"post_id":28,"owner_id":-212345678,"parents_stack":[],"date":1733600800,"text":"Спасибо!","post_owner_id":-212345678}""",
        // [docs] wall_reply_delete: owner_id, id, deleter_id, post_id; [vksdk] WallReplyDeleteObject
        ["wall_reply_delete"] = """{"owner_id":-212345678,"id":31,"deleter_id":1002,"post_id":28}""",
        // [docs] board_post_*: board_topic_comment + topic_id, topic_owner_id
        ["board_post_new"] = """{"id":3,"from_id":1001,"date":1733600900,"text":"Когда следующая встреча?","topic_owner_id":-212345678,"topic_id":39401234}""",
        ["board_post_edit"] = """{"id":3,"from_id":1001,"date":1733600900,"text":"Когда встреча?","topic_owner_id":-212345678,"topic_id":39401234}""",
        ["board_post_restore"] = """{"id":3,"from_id":1001,"date":1733600900,"text":"Когда следующая встреча?","topic_owner_id":-212345678,"topic_id":39401234}""",
        // [schema] callback_board_post_delete: topic_owner_id, topic_id, id
        ["board_post_delete"] = """{"topic_owner_id":-212345678,"id":3,"topic_id":39401234}""",
        // [docs] market_comment_*: wall_comment + market_owner_id, item_id; [schema] callback_market_comment
        ["market_comment_new"] = """{"id":5,"from_id":1001,"date":1733601000,"text":"Есть размер M?","market_owner_id":-212345678,"item_id":8123456}""",
        ["market_comment_edit"] = """{"id":5,"from_id":1001,"date":1733601000,"text":"Есть размер L?","market_owner_id":-212345678,"item_id":8123456}""",
        ["market_comment_restore"] = """{"id":5,"from_id":1001,"date":1733601000,"text":"Есть размер M?","market_owner_id":-212345678,"item_id":8123456}""",
        // [schema] callback_market_comment_delete: owner_id, id, user_id, item_id; [vksdk] + deleter_id
        ["market_comment_delete"] = """{"owner_id":-212345678,"id":5,"user_id":1001,"deleter_id":1002,"item_id":8123456}""",
        // [docs] market_order_new/edit: market_order
        ["market_order_new"] = """{"id":21,"group_id":212345678,"user_id":1001,"date":1733601100,"status":0,"items_count":2,"total_price":{"amount":"150000","currency":{"id":643,"name":"RUB","title":"Российский рубль"},"text":"1 500 ₽"},"display_order_id":"1001-21","comment":"Позвоните перед доставкой"}""",
        ["market_order_edit"] = """{"id":21,"group_id":212345678,"user_id":1001,"date":1733601100,"status":2,"items_count":2,"total_price":{"amount":"150000","currency":{"id":643,"name":"RUB"},"text":"1 500 ₽"},"display_order_id":"1001-21"}""",
        // [docs] group_join, the page's own example: {"user_id":1,"join_type":"approved"}
        ["group_join"] = """{"user_id":1001,"join_type":"approved"}""",
        // [schema] callback_group_leave: user_id, self (base_bool_int)
        ["group_leave"] = """{"user_id":1001,"self":1}""",
        // [schema] callback_user_block: admin_id, user_id, unblock_date, reason, comment
        ["user_block"] = """{"admin_id":1002,"user_id":1001,"unblock_date":1736200000,"reason":1,"comment":"Спам"}""",
        // [schema] callback_user_unblock: admin_id, user_id, by_end_date
        ["user_unblock"] = """{"admin_id":1002,"user_id":1001,"by_end_date":0}""",
        // [schema] callback_poll_vote_new: owner_id, poll_id, option_id, user_id
        ["poll_vote_new"] = """{"owner_id":-212345678,"poll_id":700123,"option_id":2100456,"user_id":1001}""",
        // [schema] callback_group_officers_edit: admin_id, user_id, level_old, level_new (0 none … 3 administrator)
        ["group_officers_edit"] = """{"admin_id":1002,"user_id":1003,"level_old":0,"level_new":2}""",
        // [docs] group_change_settings: user_id, changes {field: {old_value, new_value}}
        ["group_change_settings"] = """{"user_id":1002,"changes":{"title":{"old_value":"Клуб","new_value":"Клуб любителей"},"access":{"old_value":0,"new_value":1}}}""",
        // [schema] callback_group_change_photo: user_id, photo (photos_photo)
        ["group_change_photo"] = """{"user_id":1002,"photo":{"album_id":-6,"date":1733601200,"id":457239200,"owner_id":-212345678,"sizes":[],"text":""}}""",
        // [docs] vkpay_transaction: from_id, amount (thousandths of a rouble), description, date
        ["vkpay_transaction"] = """{"from_id":1001,"amount":150000,"description":"За заказ 21","date":1733601300}""",
        // [docs] lead_forms_new: lead_id, group_id, user_id, form_id, form_name, ad_id, answers[{key, question, answer}]
        ["lead_forms_new"] = """{"lead_id":4,"group_id":212345678,"user_id":1001,"form_id":1,"form_name":"Запись на курс","answers":[{"key":"first_name","question":"Имя","answer":"Иван"},{"key":"phone_number","question":"Телефон","answer":"+7 900 000-00-00"}]}""",
        // [docs] app_payload: user_id, app_id, payload, group_id
        ["app_payload"] = """{"user_id":1001,"app_id":7654321,"payload":"{\"screen\":\"cart\"}","group_id":212345678}""",
        // [schema] callback_like_add_remove: liker_id, object_type, object_owner_id, object_id, post_id, thread_reply_id
        ["like_add"] = """{"liker_id":1001,"object_type":"comment","object_owner_id":-212345678,"object_id":31,"thread_reply_id":0,"post_id":28}""",
        ["like_remove"] = """{"liker_id":1001,"object_type":"post","object_owner_id":-212345678,"object_id":28,"thread_reply_id":0,"post_id":0}""",
        // [schema] callback_donut_subscription_create/prolonged: user_id, amount, amount_without_fee; [vksdk] tests' values
        ["donut_subscription_create"] = """{"user_id":1001,"amount":100,"amount_without_fee":92.5}""",
        ["donut_subscription_prolonged"] = """{"user_id":1001,"amount":100,"amount_without_fee":92.5}""",
        // [schema] callback_donut_subscription_expired/cancelled: user_id
        ["donut_subscription_expired"] = """{"user_id":1001}""",
        ["donut_subscription_cancelled"] = """{"user_id":1001}""",
        // [schema] callback_donut_subscription_price_changed: user_id, amount_old, amount_new, amount_diff, amount_diff_without_fee
        ["donut_subscription_price_changed"] = """{"user_id":1001,"amount_old":100,"amount_new":300,"amount_diff":200,"amount_diff_without_fee":185}""",
        // [schema] callback_donut_money_withdraw: amount, amount_without_fee; [vksdk] tests: {"amount":50,"amount_without_fee":47.5}
        ["donut_money_withdraw"] = """{"amount":50,"amount_without_fee":47.5}""",
        // [schema] callback_donut_money_withdraw_error: reason; [vksdk] tests: {"reason":"test"}
        ["donut_money_withdraw_error"] = """{"reason":"Не указан счёт для вывода"}""",
    };

    /// <summary>The Callback API's confirmation request ([schema] callback_confirmation: the envelope, no object).</summary>
    public const string Confirmation = """{"type":"confirmation","group_id":212345678}""";
}

namespace VkLongPoll.Testing.Community;

/// <summary>The event types the emulator emits and VK's names for the settings that switch them.</summary>
internal static class CommunitySettings
{
    /// <summary>The API version events are encoded for: the newest the emulator knows (VK's objects are versioned by it).</summary>
    public const string DefaultApiVersion = "5.199";

    /// <summary>Every type the emulator can emit (a subset of vk-api-schema's <c>callback_type</c>, plus <c>message_event</c> and <c>like_*</c>).</summary>
    public static readonly string[] EventTypes =
    [
        "message_new", "message_reply", "message_edit", "message_typing_state", "message_allow", "message_deny",
        "message_event", "message_reaction_event", "group_join", "group_leave", "wall_post_new", "wall_reply_new",
        "like_add", "like_remove", "photo_new", "user_block", "user_unblock",
    ];

    /// <summary>Every setting name <c>groups.set…Settings</c> takes for an event (vk-api-schema groups/methods.json), emitted or not.</summary>
    public static readonly string[] SettingNames =
    [
        .. EventTypes, "message_read", "audio_new", "video_new", "wall_reply_edit", "wall_reply_delete", "wall_reply_restore",
        "wall_repost", "board_post_new", "board_post_edit", "board_post_restore", "board_post_delete", "photo_comment_new",
        "photo_comment_edit", "photo_comment_delete", "photo_comment_restore", "video_comment_new", "video_comment_edit",
        "video_comment_delete", "video_comment_restore", "market_comment_new", "market_comment_edit", "market_comment_delete",
        "market_comment_restore", "poll_vote_new", "group_change_settings", "group_change_photo", "group_officers_edit",
    ];
}

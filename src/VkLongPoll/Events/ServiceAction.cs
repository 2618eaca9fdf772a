namespace VkLongPoll.Events;

/// <summary>A service message's action: the <c>source_act</c> key and its <c>source_*</c> companions.</summary>
/// <remarks>
/// The message text of a service message is a placeholder and should be ignored; everything
/// that matters is here. Texts are HTML-unescaped.
/// </remarks>
public sealed record ServiceAction
{
    /// <summary>The <c>source_act</c> value as VK sent it, e.g. <c>chat_invite_user</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>source_mid</c>: the user invited, kicked, who pinned, …</summary>
    public long? MemberId { get; init; }

    /// <summary><c>source_text</c>: the new chat title (create, rename).</summary>
    public string? Text { get; init; }

    /// <summary><c>source_old_text</c>: the previous chat title (rename).</summary>
    public string? OldText { get; init; }

    /// <summary><c>source_message</c>: the (truncated) text of the pinned message.</summary>
    public string? Message { get; init; }

    /// <summary><c>source_chat_local_id</c>: the conversation message id of the pinned message.</summary>
    public long? ConversationMessageId { get; init; }

    /// <summary><c>source_style</c>: the new conversation style.</summary>
    public string? Style { get; init; }

    /// <summary><c>source_is_channel</c>: the action happened in a channel.</summary>
    public bool IsChannel { get; init; }
}

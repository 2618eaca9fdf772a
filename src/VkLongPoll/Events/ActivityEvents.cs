using VkLongPoll.Internal;

namespace VkLongPoll.Events;

/// <summary>What a user is doing in a conversation.</summary>
public enum ActivityKind
{
    /// <summary>Typing (61, 62, 63).</summary>
    Typing,

    /// <summary>Recording a voice message (64).</summary>
    RecordingVoice,

    /// <summary>Uploading a photo (65).</summary>
    UploadingPhoto,

    /// <summary>Uploading a video (66).</summary>
    UploadingVideo,

    /// <summary>Uploading a file (67).</summary>
    UploadingFile,

    /// <summary>Recording a video message (68).</summary>
    RecordingVideoMessage,

    /// <summary>Choosing a file (69; seen in one v19 client only).</summary>
    ChoosingFile,

    /// <summary>Choosing a template (70 in version 19; seen in one client only).</summary>
    ChoosingTemplate,
}

/// <summary>Users are typing, recording or uploading in a conversation (codes 61–70).</summary>
/// <remarks>
/// Version 3's 61 (<c>[61, user_id, flags]</c>) and 62 (<c>[62, user_id, chat_id]</c>) are folded into
/// this shape. The user list may contain yourself.
/// </remarks>
/// <param name="Code">The event code.</param>
/// <param name="Activity">What they are doing.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="UserIds">Who is doing it.</param>
/// <param name="TotalCount">How many are doing it (may exceed the list).</param>
/// <param name="Timestamp">Unix time of the event.</param>
public sealed record ActivityEvent(int Code, ActivityKind Activity, PeerId PeerId, IReadOnlyList<long> UserIds, int? TotalCount, long? Timestamp)
    : LongPollEvent(Code)
{
    /// <summary>The list as given, compared by content.</summary>
    public IReadOnlyList<long> UserIds { get; init => field = ValueList<long>.Of(value); } = ValueList<long>.Of(UserIds);

    /// <inheritdoc/>
    public override string Type => Activity switch
    {
        ActivityKind.Typing => "typing",
        ActivityKind.RecordingVoice => "recording_voice",
        ActivityKind.UploadingPhoto => "uploading_photo",
        ActivityKind.UploadingVideo => "uploading_video",
        ActivityKind.UploadingFile => "uploading_file",
        ActivityKind.RecordingVideoMessage => "recording_video_message",
        ActivityKind.ChoosingFile => "choosing_file",
        _ => "choosing_template",
    };
}

/// <summary>A user called you (code 70, version 3).</summary>
/// <param name="Code">The event code.</param>
/// <param name="UserId">The caller.</param>
/// <param name="CallId">The call.</param>
public sealed record UserCallEvent(int Code, long UserId, long CallId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "user_call";
}

/// <summary>A call changed (code 115, mode 8); the layout is undocumented, so the object is kept raw.</summary>
/// <param name="Code">The event code.</param>
/// <param name="DataJson">The call data object as raw JSON.</param>
public sealed record CallEvent(int Code, string DataJson) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "call";
}

/// <summary>A bot answered a callback button (code 119, mode 8).</summary>
/// <param name="Code">The event code.</param>
/// <param name="OwnerId">The bot's community (negative) or user id.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="EventId">The button event (valid for one minute).</param>
/// <param name="ActionJson">The <c>action</c> object as raw JSON (<c>show_snackbar</c>, <c>open_link</c>, <c>open_app</c>…), if any.</param>
public sealed record CallbackAnswerEvent(int Code, long? OwnerId, PeerId? PeerId, string? EventId, string? ActionJson) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "callback_answer";

    /// <summary>The <c>action.type</c> value, if any.</summary>
    public string? ActionType { get; init; }
}

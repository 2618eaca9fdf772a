namespace VkLongPoll.Events;

/// <summary>What changed in a chat (event 52, index 1).</summary>
/// <remarks>Numbering as in VK's own clients and the community doc; values not listed are kept as numbers.</remarks>
public enum ChatInfoType
{
    /// <summary>A phantom ("casper") chat was created from the chat.</summary>
    PhantomChatCreated = 0,

    /// <summary>The title changed.</summary>
    TitleChanged = 1,

    /// <summary>The photo changed.</summary>
    PhotoChanged = 2,

    /// <summary>An admin was appointed; the extra value is the admin's id.</summary>
    AdminAppointed = 3,

    /// <summary>Access rights changed; the extra value is the rights mask.</summary>
    AccessRightsChanged = 4,

    /// <summary>A message was pinned (extra = its conversation message id) or unpinned (extra = 0).</summary>
    PinChanged = 5,

    /// <summary>A user joined; the extra value is the user id.</summary>
    UserJoined = 6,

    /// <summary>A user left; the extra value is the user id.</summary>
    UserLeft = 7,

    /// <summary>A user was kicked; the extra value is the user id.</summary>
    UserKicked = 8,

    /// <summary>Admin rights were removed; the extra value is the user id.</summary>
    AdminRemoved = 9,

    /// <summary>The banner changed.</summary>
    BannerChanged = 10,

    /// <summary>A bot keyboard was shown or hidden; the extra value is the peer id.</summary>
    KeyboardChanged = 11,

    /// <summary>An invite to the chat was revoked (0), confirmed (1), declined (2) or received (3).</summary>
    InviteChanged = 12,

    /// <summary>A contact became a user; the extra value is the contact id.</summary>
    ContactConvertedToUser = 13,

    /// <summary>A business-notification action.</summary>
    BusinessNotificationAction = 14,

    /// <summary>An invite of a contact or user was revoked.</summary>
    MemberInviteRevoked = 15,

    /// <summary>An invite of a contact or user was declined.</summary>
    MemberInviteDeclined = 16,

    /// <summary>An invite of a contact or user was accepted.</summary>
    MemberInviteAccepted = 17,

    /// <summary>An invite of a contact or user was sent.</summary>
    MemberInviteSent = 18,

    /// <summary>A group call started (1) or ended (0).</summary>
    GroupCallChanged = 19,

    /// <summary>A private dialog is no longer "new".</summary>
    NoLongerNew = 22,

    /// <summary>The chat's appearance changed.</summary>
    AppearanceChanged = 23,

    /// <summary>The description changed.</summary>
    DescriptionChanged = 24,

    /// <summary>The short-poll reactions setting changed.</summary>
    ReactionsSettingChanged = 25,

    /// <summary>An incognito member was added.</summary>
    IncognitoMemberAdded = 26,

    /// <summary>An incognito member became a regular member.</summary>
    IncognitoMemberConverted = 27,

    /// <summary>An incognito member was removed.</summary>
    IncognitoMemberRemoved = 28,
}

namespace VkLongPoll.Community;

/// <summary><c>app_payload</c>: a VK Mini App sent an event to the community.</summary>
/// <param name="UserId">The user in the app (<c>user_id</c>).</param>
/// <param name="AppId">The app (<c>app_id</c>).</param>
public sealed record CommunityAppPayload(long UserId, long AppId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "app_payload";

    /// <summary>What the app sent (<c>payload</c>): a string as sent, anything else as its raw JSON.</summary>
    public string? Payload { get; init; }
}

/// <summary>One answer of a lead form (<c>answers[]</c>).</summary>
/// <param name="Key">The question's key (<c>key</c>: <c>first_name</c>, <c>phone_number</c>, <c>custom_0</c>…).</param>
/// <param name="Question">The question as shown (<c>question</c>), when sent.</param>
/// <param name="Answer">The answer (<c>answer</c>); several chosen options arrive as a JSON array's text.</param>
public sealed record CommunityLeadFormAnswer(string Key, string? Question, string? Answer);

/// <summary><c>lead_forms_new</c>: someone filled in a lead form of the community.</summary>
/// <param name="LeadId">The filled-in form (<c>lead_id</c>).</param>
/// <param name="FormId">The form (<c>form_id</c>).</param>
/// <param name="UserId">Who filled it in (<c>user_id</c>).</param>
public sealed record CommunityLeadFormsNew(long LeadId, long FormId, long UserId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "lead_forms_new";

    /// <summary>The form's name (<c>form_name</c>).</summary>
    public string? FormName { get; init; }

    /// <summary>The ad that led to the form (<c>ad_id</c>), when any.</summary>
    public long? AdId { get; init; }

    /// <summary>The answers, in order (<c>answers</c>).</summary>
    public IReadOnlyList<CommunityLeadFormAnswer> Answers { get; init; } = [];
}

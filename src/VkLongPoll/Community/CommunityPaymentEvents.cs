namespace VkLongPoll.Community;

/// <summary><c>vkpay_transaction</c>: a VK Pay payment to the community.</summary>
/// <param name="FromId">The payer (<c>from_id</c>).</param>
/// <param name="Amount">The amount in thousandths of a rouble (<c>amount</c>: 1000 is one rouble).</param>
public sealed record CommunityVkpayTransaction(long FromId, long Amount) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "vkpay_transaction";

    /// <summary>The payer's note (<c>description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Unix time of the payment (<c>date</c>).</summary>
    public long? Date { get; init; }
}

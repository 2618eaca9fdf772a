namespace VkLongPoll.Community;

/// <summary><c>donut_subscription_create</c>: a user subscribed to the community's VK Donut.</summary>
/// <param name="UserId">The subscriber (<c>user_id</c>), when sent.</param>
/// <param name="Amount">The monthly amount in roubles (<c>amount</c>).</param>
/// <param name="AmountWithoutFee">What the community gets of it (<c>amount_without_fee</c>).</param>
public sealed record CommunityDonutSubscriptionCreate(long? UserId, decimal Amount, decimal AmountWithoutFee) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "donut_subscription_create";
}

/// <summary><c>donut_subscription_prolonged</c>: a VK Donut subscription was renewed.</summary>
/// <param name="UserId">The subscriber (<c>user_id</c>), when sent.</param>
/// <param name="Amount">The amount in roubles (<c>amount</c>).</param>
/// <param name="AmountWithoutFee">What the community gets of it (<c>amount_without_fee</c>).</param>
public sealed record CommunityDonutSubscriptionProlonged(long? UserId, decimal Amount, decimal AmountWithoutFee) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "donut_subscription_prolonged";
}

/// <summary><c>donut_subscription_expired</c>: a VK Donut subscription ran out.</summary>
/// <param name="UserId">The subscriber (<c>user_id</c>), when sent.</param>
public sealed record CommunityDonutSubscriptionExpired(long? UserId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "donut_subscription_expired";
}

/// <summary><c>donut_subscription_cancelled</c>: a user cancelled their VK Donut subscription.</summary>
/// <param name="UserId">The subscriber (<c>user_id</c>), when sent.</param>
public sealed record CommunityDonutSubscriptionCancelled(long? UserId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "donut_subscription_cancelled";
}

/// <summary><c>donut_subscription_price_changed</c>: a subscriber changed the amount of their VK Donut subscription.</summary>
/// <param name="UserId">The subscriber (<c>user_id</c>), when sent.</param>
/// <param name="AmountOld">The amount before, in roubles (<c>amount_old</c>).</param>
/// <param name="AmountNew">The amount now (<c>amount_new</c>).</param>
public sealed record CommunityDonutSubscriptionPriceChanged(long? UserId, decimal AmountOld, decimal AmountNew) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "donut_subscription_price_changed";

    /// <summary>The difference (<c>amount_diff</c>).</summary>
    public decimal? AmountDiff { get; init; }

    /// <summary>The difference the community gets (<c>amount_diff_without_fee</c>).</summary>
    public decimal? AmountDiffWithoutFee { get; init; }
}

/// <summary><c>donut_money_withdraw</c>: VK Donut money was paid out to the community.</summary>
/// <param name="Amount">The amount in roubles (<c>amount</c>).</param>
/// <param name="AmountWithoutFee">The amount after the fee (<c>amount_without_fee</c>).</param>
public sealed record CommunityDonutMoneyWithdraw(decimal Amount, decimal AmountWithoutFee) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "donut_money_withdraw";
}

/// <summary><c>donut_money_withdraw_error</c>: a VK Donut payout failed.</summary>
/// <param name="Reason">Why (<c>reason</c>), as VK words it.</param>
public sealed record CommunityDonutMoneyWithdrawError(string Reason) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "donut_money_withdraw_error";
}

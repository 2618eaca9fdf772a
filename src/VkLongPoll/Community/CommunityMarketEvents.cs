namespace VkLongPoll.Community;

/// <summary><c>market_comment_new</c>: a comment on a product of the community.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="ItemId">The product (<c>item_id</c>).</param>
/// <param name="MarketOwnerId">The product's owner (<c>market_owner_id</c>).</param>
public sealed record CommunityMarketCommentNew(CommunityComment Comment, long ItemId, long MarketOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "market_comment_new";
}

/// <summary><c>market_comment_edit</c>: a comment on a product was edited.</summary>
/// <param name="Comment">The comment as it is now.</param>
/// <param name="ItemId">The product (<c>item_id</c>).</param>
/// <param name="MarketOwnerId">The product's owner (<c>market_owner_id</c>).</param>
public sealed record CommunityMarketCommentEdit(CommunityComment Comment, long ItemId, long MarketOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "market_comment_edit";
}

/// <summary><c>market_comment_restore</c>: a deleted comment on a product was restored.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="ItemId">The product (<c>item_id</c>).</param>
/// <param name="MarketOwnerId">The product's owner (<c>market_owner_id</c>).</param>
public sealed record CommunityMarketCommentRestore(CommunityComment Comment, long ItemId, long MarketOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "market_comment_restore";
}

/// <summary><c>market_comment_delete</c>: a comment on a product was deleted.</summary>
/// <param name="CommentId">The comment (<c>id</c>).</param>
/// <param name="OwnerId">The product's owner (<c>owner_id</c>).</param>
/// <param name="ItemId">The product (<c>item_id</c>).</param>
public sealed record CommunityMarketCommentDelete(long CommentId, long OwnerId, long ItemId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "market_comment_delete";

    /// <summary><c>user_id</c>, when sent: VK's docs call it the user who deleted the comment.</summary>
    public long? UserId { get; init; }

    /// <summary>Who deleted it (<c>deleter_id</c>), when sent.</summary>
    public long? DeleterId { get; init; }
}

/// <summary>An order in the community's shop (<c>market_order</c>), as the order events carry it.</summary>
/// <param name="Id">The order (<c>id</c>).</param>
/// <param name="UserId">The buyer (<c>user_id</c>).</param>
public sealed record CommunityMarketOrder(long Id, long UserId)
{
    /// <summary>The number shown to people (<c>display_order_id</c>, e.g. <c>123-45</c>).</summary>
    public string? DisplayOrderId { get; init; }

    /// <summary>Unix time of the order (<c>date</c>).</summary>
    public long? Date { get; init; }

    /// <summary>The order's status (<c>status</c>: 0 new, 1 agreed, 2 assembling, 3 delivering, 4 done, 5 cancelled, 6 returned).</summary>
    public int? Status { get; init; }

    /// <summary>How many items (<c>items_count</c>).</summary>
    public int? ItemsCount { get; init; }

    /// <summary>The total as VK shows it (<c>total_price.text</c>, e.g. <c>1 500 ₽</c>).</summary>
    public string? TotalPrice { get; init; }

    /// <summary>The buyer's comment (<c>comment</c>).</summary>
    public string? Comment { get; init; }
}

/// <summary><c>market_order_new</c>: a new order in the community's shop.</summary>
/// <param name="Order">The order.</param>
public sealed record CommunityMarketOrderNew(CommunityMarketOrder Order) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "market_order_new";
}

/// <summary><c>market_order_edit</c>: an order was changed (its status, most often).</summary>
/// <param name="Order">The order as it is now.</param>
public sealed record CommunityMarketOrderEdit(CommunityMarketOrder Order) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "market_order_edit";
}

namespace VkLongPoll.Orleans;

/// <summary>An account's activation as it reports itself.</summary>
/// <param name="Account">The account's name.</param>
/// <param name="Running">True while its session polls.</param>
/// <param name="Silo">The silo the activation runs on.</param>
/// <param name="Epoch">The epoch of the session's lease; 0 before one was taken.</param>
/// <param name="Delivered">Batches the session of this activation delivered.</param>
/// <param name="Checkpoint">The last checkpoint it saved (its key redacted when printed).</param>
[GenerateSerializer]
[Immutable]
public sealed record VkAccountStatus(
    [property: Id(0)] string Account,
    [property: Id(1)] bool Running,
    [property: Id(2)] string Silo,
    [property: Id(3)] long Epoch,
    [property: Id(4)] long Delivered,
    [property: Id(5)] LongPollCheckpoint? Checkpoint);

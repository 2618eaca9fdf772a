namespace VkLongPoll.Engine;

/// <summary>Where an account's updates come from: one per transport (the User Long Poll today).</summary>
/// <remarks>
/// <para>The one rule every source keeps: <b>asking for the next batch says the previous one is committed</b>. A pulled
/// source (Long Poll, <c>ts</c>/<c>pts</c>) polls on from that batch's checkpoint; a pushed source (a Callback endpoint,
/// <c>event_id</c>s) would acknowledge that batch to its sender only then. A source never saves a checkpoint itself: the
/// <see cref="AccountEngine"/> loads it, hands it to <see cref="ReadAsync"/>, and saves each batch's once it is handled.</para>
/// <para><see cref="LongPollClient"/> is the User Long Poll's source.</para>
/// </remarks>
public interface IUpdateSource
{
    /// <summary>The name the account's checkpoint is kept under.</summary>
    string Name { get; }

    /// <summary>Batches in order from <paramref name="from"/> (null: from now), each with the checkpoint after it.</summary>
    /// <param name="from">Where to resume: the checkpoint of the last batch committed, or null for a first start.</param>
    /// <param name="cancellationToken">Stops reading; <see cref="OperationCanceledException"/> passes through.</param>
    IAsyncEnumerable<LongPollBatch> ReadAsync(LongPollCheckpoint? from, CancellationToken cancellationToken);
}

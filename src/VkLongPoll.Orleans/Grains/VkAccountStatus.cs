namespace VkLongPoll.Orleans;

/// <summary>An account's activation as it reports itself: a status, not data to compare or copy.</summary>
[GenerateSerializer]
[Immutable]
public sealed class VkAccountStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="account">The account's name.</param>
    /// <param name="running">True while its session polls.</param>
    /// <param name="silo">The silo the activation runs on.</param>
    /// <param name="epoch">The epoch of the session's lease; 0 before one was taken.</param>
    /// <param name="delivered">Batches the session of this activation delivered.</param>
    /// <param name="checkpoint">The last checkpoint it saved (its key redacted when printed).</param>
    public VkAccountStatus(string account, bool running, string silo, long epoch, long delivered, LongPollCheckpoint? checkpoint)
    {
        Account = account;
        Running = running;
        Silo = silo;
        Epoch = epoch;
        Delivered = delivered;
        Checkpoint = checkpoint;
    }

    /// <summary>The account's name.</summary>
    [Id(0)]
    public string Account { get; init; }

    /// <summary>True while its session polls.</summary>
    [Id(1)]
    public bool Running { get; init; }

    /// <summary>The silo the activation runs on.</summary>
    [Id(2)]
    public string Silo { get; init; }

    /// <summary>The epoch of the session's lease; 0 before one was taken.</summary>
    [Id(3)]
    public long Epoch { get; init; }

    /// <summary>Batches the session of this activation delivered (handled and saved, or dead-lettered).</summary>
    [Id(4)]
    public long Delivered { get; init; }

    /// <summary>The last checkpoint it saved (its key redacted when printed).</summary>
    [Id(5)]
    public LongPollCheckpoint? Checkpoint { get; init; }

    /// <summary>One line for logs: the account, where it runs and how far it got.</summary>
    public override string ToString() =>
        $"VkAccountStatus {{ Account = {Account}, Running = {Running}, Silo = {Silo}, Epoch = {Epoch}, Delivered = {Delivered}, Checkpoint = {Checkpoint} }}";
}

namespace VkLongPoll.Orleans.Tests;

/// <summary>The tests that share one store (embedded Garnet, or redis-server with VKLP_STORE=redis): membership, reminders, checkpoints.</summary>
[CollectionDefinition(Name)]
public sealed class StoreGroup : ICollectionFixture<TestStore>
{
    public const string Name = "store";
}

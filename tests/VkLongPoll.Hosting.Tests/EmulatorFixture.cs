using VkLongPoll.Testing;

namespace VkLongPoll.Hosting.Tests;

/// <summary>One emulator on the real clock for the hosting tests; each test takes accounts no other test uses.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private int _nextAccount;

    public VkEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = 64, Seed = 15, ApiCallsPerSecond = 0 });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>An account no other test uses.</summary>
    public int NewAccount()
    {
        var account = Interlocked.Increment(ref _nextAccount) - 1;
        return account < Emulator.Tokens.Count ? account : throw new InvalidOperationException("raise Accounts in EmulatorFixture");
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorGroup : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "emulator";
}

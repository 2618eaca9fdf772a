using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests;

/// <summary>One emulator on the real clock for the whole assembly; tests use their own accounts so they do not meet.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public VkEmulator Emulator { get; private set; } = null!;

    private int _nextAccount;

    public async Task InitializeAsync() =>
        Emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = 256, Seed = 11, ApiCallsPerSecond = 0 });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>A client of an account no other test uses.</summary>
    internal EmulatorClient NewClient()
    {
        var account = Interlocked.Increment(ref _nextAccount) - 1;
        return account < Emulator.Tokens.Count
            ? new EmulatorClient(Emulator, account)
            : throw new InvalidOperationException($"the shared emulator has {Emulator.Tokens.Count} accounts; raise Accounts in EmulatorFixture");
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorGroup : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "emulator";
}

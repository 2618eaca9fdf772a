namespace VkLongPoll.Orleans.Tests;

/// <summary>Gives each <c>acct-N</c> its emulator token.</summary>
internal sealed class EmulatorDirectory(EmulatedAccounts accounts) : IVkAccountDirectory
{
    public ValueTask<LongPollClientOptions?> GetSessionOptionsAsync(string account, CancellationToken cancellationToken) =>
        ValueTask.FromResult<LongPollClientOptions?>(account.StartsWith("acct-", StringComparison.Ordinal) ? accounts.Options(EmulatedAccounts.Index(account)) : null);
}

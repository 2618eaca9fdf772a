using VkLongPoll.Orleans;
using VkLongPoll.TestSupport.Cluster;

namespace VkLongPoll.ClusterSoak;

/// <summary>The silo's account directory: <c>acct-N</c> gets the N-th token of the accounts file.</summary>
internal sealed class FileDirectory(AccountsFile file) : IVkAccountDirectory
{
    public ValueTask<LongPollClientOptions?> GetSessionOptionsAsync(string account, CancellationToken cancellationToken)
    {
        var index = account.StartsWith("acct-", StringComparison.Ordinal) ? EmulatedAccounts.Index(account) : -1;
        return ValueTask.FromResult(index >= 0 && index < file.Tokens.Count ? EmulatedAccounts.SessionOptions(file.Tokens[index], file.ApiUrl) : null);
    }
}

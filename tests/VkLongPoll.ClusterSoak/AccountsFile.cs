using System.Text.Json;
using VkLongPoll.Orleans;
using VkLongPoll.Orleans.Tests;

namespace VkLongPoll.ClusterSoak;

/// <summary>What the silo processes need to reach the driver's emulator: its API, its certificate and the accounts' tokens (a 0600 file).</summary>
internal sealed record AccountsFile(Uri ApiUrl, string CaCertPemPath, IReadOnlyList<string> Tokens)
{
    public static async Task WriteAsync(string path, AccountsFile file)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await JsonSerializer.SerializeAsync(stream, file);
    }

    public static AccountsFile Read(string path) =>
        JsonSerializer.Deserialize<AccountsFile>(File.ReadAllBytes(path)) ?? throw new InvalidDataException($"{path} is empty");
}

/// <summary>The silo's account directory: <c>acct-N</c> gets the N-th token of the accounts file.</summary>
internal sealed class FileDirectory(AccountsFile file) : IVkAccountDirectory
{
    public ValueTask<LongPollClientOptions?> GetSessionOptionsAsync(string account, CancellationToken cancellationToken)
    {
        var index = account.StartsWith("acct-", StringComparison.Ordinal) ? EmulatedAccounts.Index(account) : -1;
        return ValueTask.FromResult(index >= 0 && index < file.Tokens.Count ? EmulatedAccounts.SessionOptions(file.Tokens[index], file.ApiUrl) : null);
    }
}

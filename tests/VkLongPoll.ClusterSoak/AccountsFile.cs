using System.Text.Json;

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

using System.CommandLine;
using VkLongPoll.Cli.Hosting;
using VkLongPoll.Cli.Login;

namespace VkLongPoll.Cli.Commands;

/// <summary><c>vklp logout</c>: ends a VK ID login at VK ID (when it can be reached) and removes the stored tokens.</summary>
internal static class LogoutCommand
{
    public static Command Create()
    {
        var caCert = new Option<string?>("--ca-cert") { Description = "A PEM certificate to trust (the emulator's ca_cert_pem_path)." };
        var command = new Command("logout", "Forget the login vklp login stored (and end it at VK ID).") { caCert };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = StoredLogin.DefaultPath();
            StoredLogin? login;
            try
            {
                login = StoredLogin.Load(path);
            }
            catch (CliFailure) when (File.Exists(path))
            {
                // A login that cannot be used (corrupt, cut short, readable by others) is removed all the same: logout is the way
                // out the other commands' lines name, so it must not fail on the same line.
                File.Delete(path);
                Console.WriteLine($"Logged out: {path} is removed (it was not a login vklp could use).");
                return ExitCodes.Ok;
            }

            if (login is null)
            {
                Console.WriteLine("Not logged in: nothing to remove.");
                return ExitCodes.Ok;
            }

            var ended = login.Kind == StoredLogin.VkId && await EndAtVkIdAsync(login, result.GetValue(caCert), cancellationToken).ConfigureAwait(false);
            File.Delete(path);
            Console.WriteLine(ended ? $"Logged out: VK ID ended the login and {path} is removed." : $"Logged out: {path} is removed.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Best effort, briefly: a login that cannot be ended at VK ID (offline, already expired) is still removed here.</summary>
    private static async Task<bool> EndAtVkIdAsync(StoredLogin login, string? caPath, CancellationToken cancellationToken)
    {
        try
        {
            using var http = LongPollHttp.CreateClient(LongPollHttp.CreateHandler(caPath));
            using var vkId = new VkIdClient(login.ClientId!.Value, login.VkIdUrl, http);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(TimeSpan.FromSeconds(10));
            await vkId.LogoutAsync(login.ToVkIdTokens(), patience.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is VkLongPollException or HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

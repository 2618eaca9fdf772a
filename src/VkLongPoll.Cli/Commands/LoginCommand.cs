using System.CommandLine;
using System.Diagnostics;
using VkLongPoll.Cli.Hosting;
using VkLongPoll.Cli.Login;
using VkLongPoll.Cli.Output;

namespace VkLongPoll.Cli.Commands;

/// <summary><c>vklp login</c>: sign in with VK ID (authorization code + PKCE, a loopback redirect) for your own app, or keep a pasted token; <c>watch</c> then uses it.</summary>
internal static class LoginCommand
{
    /// <summary>The redirect a desktop tool registers with its VK ID app (RFC 8252: a loopback address).</summary>
    public static readonly Uri DefaultRedirect = new("http://localhost:51820/vklp");

    public static Command Create()
    {
        var appId = OptionParsers.Id("--app-id", "Your VK ID app's id (client_id); its trusted redirect URLs must include --redirect-uri.");
        var redirect = OptionParsers.HttpUrl("--redirect-uri", $"Where VK ID sends the browser back: a loopback http:// URL registered with the app (default {DefaultRedirect}).");
        var vkIdUrl = OptionParsers.HttpUrl("--vkid-url", $"VK ID's address (default {VkIdClient.VkIdBaseUrl}; the emulator's base URL in tests).");
        var caCert = new Option<string?>("--ca-cert") { Description = "A PEM certificate to trust (the emulator's ca_cert_pem_path)." };
        var paste = new Option<bool>("--paste") { Description = "Keep a token you paste (read without echo; from stdin when it is not a terminal) instead of signing in with VK ID." };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Only print the sign-in page's address; do not open a browser." };
        var command = new Command("login", "Sign in with VK ID (or keep a pasted token) for vklp watch; the tokens are kept readable by you only.")
        {
            appId, redirect, vkIdUrl, caCert, paste, noBrowser,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = StoredLogin.DefaultPath();
            if (result.GetValue(paste))
            {
                return Paste(path);
            }

            var clientId = result.GetValue(appId) ?? throw CliFailure.Usage("give --app-id (your VK ID app's id), or --paste to keep a token you have (see docs/tokens.md)");
            var redirectUri = result.GetValue(redirect) ?? DefaultRedirect;
            if (redirectUri.Scheme != Uri.UriSchemeHttp || !redirectUri.IsLoopback)
            {
                throw CliFailure.Usage($"--redirect-uri: '{redirectUri}' must be an http:// address on this computer (localhost or 127.0.0.1)");
            }

            var caPath = result.GetValue(caCert);
            FailureReport.CheckCertificate(caPath, "--ca-cert");
            return await SignInAsync(path, clientId, redirectUri, result.GetValue(vkIdUrl) ?? VkIdClient.VkIdBaseUrl, caPath, !result.GetValue(noBrowser), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> SignInAsync(string path, long clientId, Uri redirectUri, Uri vkIdUrl, string? caPath, bool openBrowser, CancellationToken cancellationToken)
    {
        using var http = LongPollHttp.CreateClient(LongPollHttp.CreateHandler(caPath));
        using var vkId = new VkIdClient(clientId, vkIdUrl, http);
        var authorization = vkId.BeginAuthorization(redirectUri);
        LoopbackRedirect listener;
        try
        {
            listener = new LoopbackRedirect(redirectUri);
        }
        catch (System.Net.HttpListenerException e)
        {
            throw CliFailure.Usage($"cannot listen on {redirectUri} for VK ID's answer: {e.Message} (choose another --redirect-uri)");
        }

        using (listener)
        {
            Console.WriteLine("Open this page in a browser and sign in with VK ID:");
            Console.WriteLine("  " + authorization.AuthorizeUrl);
            Console.WriteLine($"Waiting for VK ID to send the browser back to {redirectUri} (Ctrl+C to stop)…");
            if (openBrowser)
            {
                TryOpenBrowser(authorization.AuthorizeUrl);
            }

            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(TimeSpan.FromMinutes(10));
            IReadOnlyDictionary<string, string> answer;
            try
            {
                answer = await listener.WaitAsync(
                    authorization.State,
                    () => Console.Error.WriteLine("vklp login: ignored a request to the redirect address that does not belong to this sign-in; still waiting"),
                    patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliFailure(ExitCodes.Token, "no answer from VK ID within 10 minutes; run vklp login again");
            }

            if (answer.TryGetValue("error", out var error))
            {
                throw new CliFailure(ExitCodes.Token, $"VK ID did not sign you in: {error}{(answer.TryGetValue("error_description", out var why) ? ": " + why : string.Empty)}");
            }

            if (!answer.TryGetValue("code", out var code) || !answer.TryGetValue("device_id", out var device))
            {
                throw new CliFailure(ExitCodes.Token, "VK ID's answer has no code or device_id; run vklp login again");
            }

            VkIdTokens tokens;
            try
            {
                tokens = await vkId.ExchangeCodeAsync(authorization, code, device, cancellationToken).ConfigureAwait(false);
            }
            catch (VkIdException e)
            {
                throw new CliFailure(ExitCodes.Token, $"VK ID would not give tokens for the code: {e.Message}{(e.RequiresSignIn ? string.Empty : "; run vklp login again in a while")}");
            }

            Store(StoredLogin.FromVkId(tokens, clientId, vkIdUrl), path);
            Console.WriteLine(TerminalText.Sanitize($"Signed in as {await WhoAsync(vkId, tokens, cancellationToken).ConfigureAwait(false)} with VK ID; the tokens are in {path} (readable by you only). vklp watch uses them.", keepNewlines: false));
            if (!tokens.HasMessagesAccess)
            {
                await Console.Error.WriteLineAsync(TerminalText.Sanitize($"vklp login: VK ID did not grant the messages right (granted: {tokens.Scope}); vklp watch needs it — see docs/tokens.md", keepNewlines: false)).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }
    }

    private static int Paste(string path)
    {
        var token = Console.IsInputRedirected ? Console.In.ReadLine() : SecretPrompt.Read("VK access token: ");
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new CliFailure(ExitCodes.Token, "no token was given");
        }

        Store(new StoredLogin { Kind = StoredLogin.Token, AccessToken = token.Trim() }, path);
        Console.WriteLine($"The token is in {path} (readable by you only). vklp watch uses it.");
        return ExitCodes.Ok;
    }

    /// <summary>Opens the page in the desktop's browser when there is one; the printed address is enough otherwise.</summary>
    private static void TryOpenBrowser(Uri page)
    {
        var opener = OperatingSystem.IsMacOS() ? "open" : OperatingSystem.IsWindows() ? null : "xdg-open";
        if (opener is null || (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("DISPLAY") is null && Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is null))
        {
            return;
        }

        try
        {
            using var _ = Process.Start(new ProcessStartInfo(opener, page.ToString()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No opener installed: the address is printed above.
        }
    }

    /// <summary>Keeps the login, or says in one line why it cannot (a read-only or foreign folder is the user's to fix, not a crash).</summary>
    private static void Store(StoredLogin login, string path)
    {
        try
        {
            login.Save(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"cannot keep the login in {path}: {e.Message} (make its folder writable by you, or point XDG_CONFIG_HOME elsewhere)");
        }
    }

    /// <summary>"Olga Orlova (id123)" as VK ID names the user; "id123" when it will not say within a few seconds.</summary>
    private static async Task<string> WhoAsync(VkIdClient vkId, VkIdTokens tokens, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return (await vkId.GetUserAsync(tokens.AccessToken, patience.Token).ConfigureAwait(false)).Name is { } name
                ? $"{name} (id{tokens.UserId})"
                : $"id{tokens.UserId}";
        }
        catch (Exception e) when (e is VkIdException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The name is a courtesy: the login is kept either way.
            return $"id{tokens.UserId}";
        }
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary><c>vklp login</c> against <c>vklp emulate</c>'s VK ID, then <c>watch</c> on the stored login through a token expiry, then <c>logout</c>.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class LoginProcessTests
{
    [Fact]
    public async Task Login_ThenWatchOnTheStoredLogin_SurvivesTokenExpiry_ThenLogoutRemovesIt()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "12");
        var home = Directory.CreateTempSubdirectory("vklp-login-");
        var environment = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = Path.Combine(home.FullName, "config"), ["XDG_DATA_HOME"] = Path.Combine(home.FullName, "data") };
        var loginFile = Path.Combine(home.FullName, "config", "vklp", "login.json");
        try
        {
            // 1. Sign in: vklp prints the page; the test is the browser that opens it and follows VK ID's redirect back to vklp.
            var (signedIn, signInErrors) = await SignInAsync(emulator, environment);
            // Named as VK ID names the user (oauth2/user_info), with the id beside it.
            Assert.Matches(@"Signed in as \S+ \S+ \(id\d+\) with VK ID", signedIn);
            Assert.Equal(string.Empty, signInErrors);

            Assert.True(File.Exists(loginFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(loginFile));
            }

            var tokensBefore = Tokens(loginFile);

            // 2. Watch with no token given: the stored login; its access token expires mid-stream and is renewed.
            await using (var watch = VklpProcess.Start(["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--lang", "en"], environment))
            {
                await watch.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
                await emulator.ControlAsync("send", new { text = "before expiry" });
                await watch.WaitForStdoutAsync(s => s.Contains(": before expiry", StringComparison.Ordinal));
                await emulator.ControlAsync("expire_tokens", new { });
                // The poll after the one held now answers failed: 2; the new key is an API call with the expired token.
                await emulator.ControlAsync("faults", new { fault = "failed_2" });
                await emulator.ControlAsync("send", new { text = "after expiry" });
                await watch.WaitForStdoutAsync(s => s.Contains(": after expiry", StringComparison.Ordinal) && s.Contains("the connection key expired", StringComparison.Ordinal));
                await emulator.ControlAsync("send", new { text = "after renewal" });
                var screen = await watch.WaitForStdoutAsync(s => s.Contains(": after renewal", StringComparison.Ordinal));
                watch.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await watch.WaitForExitAsync());
                Assert.Single(screen.Split('\n'), l => l.Contains(": before expiry", StringComparison.Ordinal));
                Assert.Single(screen.Split('\n'), l => l.Contains(": after expiry", StringComparison.Ordinal));
                Assert.Single(screen.Split('\n'), l => l.Contains(": after renewal", StringComparison.Ordinal));
                Assert.Equal(string.Empty, watch.Stderr);
                Assert.DoesNotContain(tokensBefore.Access, screen, StringComparison.Ordinal);
            }

            var vkId = await emulator.ControlAsync("vkid", new { });
            Assert.True(vkId.GetProperty("refreshed").GetInt32() >= 1, "the token was never renewed");
            var tokensAfter = Tokens(loginFile);
            Assert.NotEqual(tokensBefore.Refresh, tokensAfter.Refresh); // the rotated refresh token was kept

            // 3. Logout: VK ID ends the login, the file goes.
            var (exit, stdout, stderr) = await VklpProcess.RunAsync(["logout", "--ca-cert", emulator.CaCertPath], environment);
            Assert.Equal(0, exit);
            Assert.Contains("VK ID ended the login", stdout, StringComparison.Ordinal);
            Assert.Equal(string.Empty, stderr);
            Assert.False(File.Exists(loginFile));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task ACorruptStoredLogin_IsRemovedByLogout_TheWayOutItsErrorNames()
    {
        var home = Directory.CreateTempSubdirectory("vklp-corrupt-");
        var environment = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = Path.Combine(home.FullName, "config"), ["XDG_DATA_HOME"] = Path.Combine(home.FullName, "data") };
        var folder = Directory.CreateDirectory(Path.Combine(home.FullName, "config", "vklp")).FullName;
        var loginFile = Path.Combine(folder, "login.json");
        try
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await File.WriteAllTextAsync(loginFile, "{cut short");
            File.SetUnixFileMode(loginFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var (watchExit, _, watchErrors) = await VklpProcess.RunAsync(["watch", "--lang", "en"], environment);
            Assert.Equal(3, watchExit);
            Assert.Contains("or vklp logout", watchErrors, StringComparison.Ordinal);

            var (exit, stdout, stderr) = await VklpProcess.RunAsync(["logout"], environment);
            Assert.Equal(0, exit);
            Assert.Contains("is removed (it was not a login vklp could use)", stdout, StringComparison.Ordinal);
            Assert.Equal(string.Empty, stderr);
            Assert.False(File.Exists(loginFile));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task LoginWithPaste_IntoAReadOnlyConfigFolder_IsOneLine_NotAnUnexpectedError()
    {
        var home = Directory.CreateTempSubdirectory("vklp-readonly-");
        var config = Directory.CreateDirectory(Path.Combine(home.FullName, "config")).FullName;
        var environment = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = config, ["XDG_DATA_HOME"] = Path.Combine(home.FullName, "data") };
        try
        {
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            if (Environment.UserName == "root")
            {
                // root writes where the mode says it may not: a file in the way makes the folder unusable for it too.
                File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                await File.WriteAllTextAsync(Path.Combine(config, "vklp"), "a file where the folder should be");
            }

            await using var paste = VklpProcess.Start(["login", "--paste"], environment, stdin: "vk1.a.some-token\n");
            Assert.Equal(2, await paste.WaitForExitAsync());
            Assert.StartsWith("vklp login: cannot keep the login in ", paste.Stderr.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain("unexpected error", paste.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("some-token", paste.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task LoginWithPaste_KeepsTheToken_AndWatchUsesIt()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "13");
        var home = Directory.CreateTempSubdirectory("vklp-paste-");
        var environment = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = Path.Combine(home.FullName, "config"), ["XDG_DATA_HOME"] = Path.Combine(home.FullName, "data") };
        try
        {
            await using (var paste = VklpProcess.Start(["login", "--paste"], environment, stdin: emulator.Token + "\n"))
            {
                Assert.Equal(0, await paste.WaitForExitAsync());
                Assert.DoesNotContain(emulator.Token, paste.Stdout + paste.Stderr, StringComparison.Ordinal);
            }

            await using var watch = VklpProcess.Start(["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--lang", "en"], environment);
            await watch.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
            await emulator.ControlAsync("send", new { text = "pasted works" });
            await watch.WaitForStdoutAsync(s => s.Contains(": pasted works", StringComparison.Ordinal));
            watch.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await watch.WaitForExitAsync());

            // Its folder is the user's alone; a login file others can read is refused, as ssh refuses such keys.
            var loginFile = Path.Combine(home.FullName, "config", "vklp", "login.json");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(loginFile)!));
                File.SetUnixFileMode(loginFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
                var (exit, _, stderr) = await VklpProcess.RunAsync(["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--lang", "en"], environment);
                Assert.Equal(3, exit);
                Assert.Equal($"vklp watch: the stored login {loginFile} can be read or written by other users (mode 640); make it yours alone: chmod 600 {loginFile}\n", stderr);
            }
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Login_IgnoresARequestOfAnotherSignIn_AndKeepsWaitingForItsOwn()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "14");
        var home = Directory.CreateTempSubdirectory("vklp-state-");
        var environment = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = Path.Combine(home.FullName, "config"), ["XDG_DATA_HOME"] = Path.Combine(home.FullName, "data") };
        var redirect = $"http://127.0.0.1:{FreePort()}/vklp";
        try
        {
            await using var login = VklpProcess.Start(["login", "--app-id", emulator.VkIdAppId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--vkid-url", emulator.VkIdUrl,
                "--ca-cert", emulator.CaCertPath, "--redirect-uri", redirect, "--no-browser"], environment);
            var printed = await login.WaitForStdoutAsync(s => s.Contains("Waiting for VK ID", StringComparison.Ordinal));
            using var plain = new HttpClient();

            // Another sign-in's answer (a wrong state), then one with none: each gets an error page, and vklp waits on.
            foreach (var stranger in new[] { $"{redirect}?code=forged&device_id=d&state=not-this-one", $"{redirect}?code=forged&device_id=d" })
            {
                using var refused = await plain.GetAsync(new Uri(stranger));
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains("does not belong to the sign-in", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            await login.WaitForStderrAsync(s => s.Split("still waiting").Length == 3);
            Assert.False(login.HasExited);

            // Its own answer still signs in.
            using (var vkIdAnswer = await emulator.Http.GetAsync(new Uri(AuthorizeUrl().Match(printed).Value)))
            {
                Assert.Contains("Signed in", await plain.GetStringAsync(vkIdAnswer.Headers.Location), StringComparison.Ordinal);
            }

            Assert.Equal(0, await login.WaitForExitAsync());
            Assert.Matches(@"Signed in as \S+ \S+ \(id\d+\) with VK ID", login.Stdout);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TwoWatchesOnOneLogin_RenewingAtOnce_NeverSpendARefreshTokenTwice()
    {
        // Access tokens that live 65 s: within a minute of its end a token is renewed before use, so 5 s after signing in
        // every process that starts renews at once.
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "15", "--vkid-token-lifetime", "65");
        var home = Directory.CreateTempSubdirectory("vklp-shared-");
        var environment = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = Path.Combine(home.FullName, "config"), ["XDG_DATA_HOME"] = Path.Combine(home.FullName, "data") };
        var loginFile = Path.Combine(home.FullName, "config", "vklp", "login.json");
        try
        {
            await SignInAsync(emulator, environment);
            using (var login = JsonDocument.Parse(File.ReadAllText(loginFile)))
            {
                var renewFrom = login.RootElement.GetProperty("expires_at").GetDateTimeOffset() - TimeSpan.FromMinutes(1);
                await Poll.UntilAsync(() => DateTimeOffset.UtcNow > renewFrom, TimeSpan.FromSeconds(30), "the signed-in token is due for renewal");
            }

            VklpProcess Watch(string checkpoints) => VklpProcess.Start(["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--lang", "en", "--checkpoints", Path.Combine(home.FullName, checkpoints)], environment);
            await using var first = Watch("one.db");
            await using var second = Watch("two.db");

            // Both renew as they start: VK ID spends a refresh token on its first use, so a process that renewed with the
            // one the other had just spent would lose the login ("sign in again").
            await Task.WhenAll(
                first.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal)),
                second.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal)));
            await emulator.ControlAsync("send", new { text = "both still here" });
            await Task.WhenAll(
                first.WaitForStdoutAsync(s => s.Contains(": both still here", StringComparison.Ordinal)),
                second.WaitForStdoutAsync(s => s.Contains(": both still here", StringComparison.Ordinal)));

            foreach (var watch in new[] { first, second })
            {
                watch.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await watch.WaitForExitAsync());
                Assert.Equal(string.Empty, watch.Stderr);
            }

            var vkId = await emulator.ControlAsync("vkid", new { });
            Assert.True(vkId.GetProperty("refreshed").GetInt32() >= 1, "no renewal happened: the test proved nothing");
            Assert.NotNull(StoredLoginRefresh(loginFile));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task VkIdAnswering502WhileTheTokenIsRenewed_DoesNotEndWatch_ItSaysItRetriesAndGoesOn()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "16");
        var home = Directory.CreateTempSubdirectory("vklp-vkid-502-");
        var environment = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = Path.Combine(home.FullName, "config"), ["XDG_DATA_HOME"] = Path.Combine(home.FullName, "data") };
        var loginFile = Path.Combine(home.FullName, "config", "vklp", "login.json");
        try
        {
            await SignInAsync(emulator, environment);
            var (_, refreshBefore) = Tokens(loginFile);
            await using var watch = VklpProcess.Start(["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--lang", "en", "--checkpoints", Path.Combine(home.FullName, "w.db")], environment);
            await watch.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));

            // VK says the token expired, and VK ID's balancer answers 502 pages for the next three renewals.
            await emulator.ControlAsync("vkid_faults", new { count = 3, status = 502 });
            await emulator.ControlAsync("expire_tokens", new { });
            await emulator.ControlAsync("faults", new { fault = "failed_2" }); // the next poll needs a new key: an API call
            await emulator.ControlAsync("send", new { text = "wakes the poll" }); // so the next poll comes now
            await watch.WaitForStdoutAsync(s => s.Contains("could not renew the access token", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            await emulator.ControlAsync("send", new { text = "after the bad minute" });

            var screen = await watch.WaitForStdoutAsync(s => s.Contains(": after the bad minute", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            Assert.Matches(@"could not renew the access token at 127\.0\.0\.1:\d+: HTTP 502[^\n]*; retrying in \d+ s", screen);
            Assert.True((await emulator.ControlAsync("vkid", new { })).GetProperty("refreshed").GetInt32() == 1, "not renewed exactly once after the failures");
            Assert.NotEqual(refreshBefore, Tokens(loginFile).Refresh); // renewed on the next good answer, and kept

            watch.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await watch.WaitForExitAsync());
            Assert.Equal(string.Empty, watch.Stderr);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static string? StoredLoginRefresh(string loginFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(loginFile));
        return document.RootElement.GetProperty("refresh_token").GetString();
    }

    /// <summary><c>vklp login</c> through the emulator's VK ID, the test being the browser; its stdout and stderr.</summary>
    private static async Task<(string Stdout, string Stderr)> SignInAsync(EmulatorProcess emulator, Dictionary<string, string?> environment)
    {
        await using var login = VklpProcess.Start(["login", "--app-id", emulator.VkIdAppId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--vkid-url", emulator.VkIdUrl,
            "--ca-cert", emulator.CaCertPath, "--redirect-uri", $"http://127.0.0.1:{FreePort()}/vklp", "--no-browser"], environment);
        var printed = await login.WaitForStdoutAsync(s => s.Contains("Waiting for VK ID", StringComparison.Ordinal));

        // .NET will not follow an https → http redirect by itself; a browser does, so the test follows it by hand.
        using (var vkIdAnswer = await emulator.Http.GetAsync(new Uri(AuthorizeUrl().Match(printed).Value)))
        using (var plain = new HttpClient())
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, vkIdAnswer.StatusCode);
            Assert.Contains("Signed in", await plain.GetStringAsync(vkIdAnswer.Headers.Location), StringComparison.Ordinal);
        }

        Assert.Equal(0, await login.WaitForExitAsync());
        return (login.Stdout, login.Stderr);
    }

    private static (string Access, string Refresh) Tokens(string loginFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(loginFile));
        return (document.RootElement.GetProperty("access_token").GetString()!, document.RootElement.GetProperty("refresh_token").GetString()!);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https://\S+/authorize\?\S+")]
    private static partial Regex AuthorizeUrl();
}

using System.Text.Json;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary><c>vklp emulate</c> run as a process: a clean first line, a clean stop, nothing left behind.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class EmulateProcessTests
{
    [Theory]
    [InlineData(VklpProcess.SigInt)]
    [InlineData(VklpProcess.SigTerm)]
    public async Task Emulate_FirstLineIsJson_AndASignalStopsIt_Exit0_RemovingItsCertificate(int signal)
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "5");

        using (var first = JsonDocument.Parse(emulator.FirstLine))
        {
            Assert.StartsWith("https://127.0.0.1:", first.RootElement.GetProperty("api_url").GetString(), StringComparison.Ordinal);
        }

        Assert.StartsWith("{\"api_url\":", emulator.FirstLine, StringComparison.Ordinal);
        Assert.True(File.Exists(emulator.CaCertPath));
        Assert.Equal(0, await emulator.StopAsync(signal));
        Assert.False(File.Exists(emulator.CaCertPath), "the certificate file was left behind");
        Assert.Equal(string.Empty, emulator.Process.Stderr);
    }

    [Fact]
    public async Task Emulate_WithTwoAccounts_ListsEveryToken_InTheFirstLineAndTheEnvFile()
    {
        var envFile = Path.Combine(Path.GetTempPath(), $"vklp-emulate-env-{Guid.NewGuid():N}");
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "6", "--accounts", "2", "--env-file", envFile);

        using var first = JsonDocument.Parse(emulator.FirstLine);
        var tokens = first.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        var ids = first.RootElement.GetProperty("user_ids").EnumerateArray().Select(t => t.GetInt64()).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal((emulator.Token, emulator.UserId), (tokens[0], ids[0]));
        Assert.NotEqual(tokens[0], tokens[1]);
        Assert.Contains($"TOKENS='{tokens[0]} {tokens[1]}'", await File.ReadAllTextAsync(envFile), StringComparison.Ordinal);

        // The second token is a working one of the second account.
        var http = emulator.Http;
        using var answer = await http.PostAsync(new Uri(emulator.ApiUrl.TrimEnd('/') + "/users.get"), new FormUrlEncodedContent([new("access_token", tokens[1]), new("v", "5.199")]));
        Assert.Contains($"\"id\":{ids[1]}", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await emulator.StopAsync(VklpProcess.SigInt));
    }

    [Fact]
    public async Task Emulate_FirstLine_KeepsItsFields_AndListsTheCommunities_WithWorkingTokensAndTheirConfirmationCodes()
    {
        var envFile = Path.Combine(Path.GetTempPath(), $"vklp-emulate-env-{Guid.NewGuid():N}");
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "9", "--env-file", envFile);

        using var first = JsonDocument.Parse(emulator.FirstLine);
        Assert.Equal(
            ["api_url", "token", "user_id", "control_url", "ca_cert_pem_path", "vkid_url", "vkid_app_id", "tokens", "user_ids", "community_ids", "community_tokens", "callback_confirmation_codes"],
            first.RootElement.EnumerateObject().Select(p => p.Name));
        var ids = first.RootElement.GetProperty("community_ids").EnumerateArray().Select(t => t.GetInt64()).ToList();
        var tokens = first.RootElement.GetProperty("community_tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        var codes = first.RootElement.GetProperty("callback_confirmation_codes").EnumerateArray().Select(t => t.GetString()!).ToList();

        // The emulator's default: one community.
        Assert.Equal([229000001L], ids);
        Assert.Single(tokens);
        Assert.Single(codes);
        Assert.StartsWith("vk1.a.", tokens[0], StringComparison.Ordinal);
        Assert.Contains($"COMMUNITY_IDS='{ids[0]}'", await File.ReadAllTextAsync(envFile), StringComparison.Ordinal);
        Assert.Contains($"COMMUNITY_ID='{ids[0]}'", await File.ReadAllTextAsync(envFile), StringComparison.Ordinal);
        Assert.Contains($"COMMUNITY_TOKEN='{tokens[0]}'", await File.ReadAllTextAsync(envFile), StringComparison.Ordinal);
        Assert.Contains($"COMMUNITY_TOKENS='{tokens[0]}'", await File.ReadAllTextAsync(envFile), StringComparison.Ordinal);

        // The token acts as that community, and the code is the one groups.getCallbackConfirmationCode gives.
        var http = emulator.Http;
        var method = emulator.ApiUrl.TrimEnd('/');
        using (var group = await http.PostAsync(new Uri(method + "/groups.getById"), new FormUrlEncodedContent([new("access_token", tokens[0]), new("v", "5.199")])))
        {
            Assert.Contains($"\"id\":{ids[0]}", await group.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var code = await http.PostAsync(new Uri(method + "/groups.getCallbackConfirmationCode"), new FormUrlEncodedContent([new("access_token", tokens[0]), new("group_id", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("v", "5.199")])))
        {
            Assert.Equal($"{{\"response\":{{\"code\":\"{codes[0]}\"}}}}", await code.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, await emulator.StopAsync(VklpProcess.SigInt));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Emulate_WithCert_KeepsOneCertificateAcrossRestarts_SoAClientThatTrustsItGoesOn()
    {
        var folder = Directory.CreateTempSubdirectory("vklp-cert-");
        try
        {
            var cert = Path.Combine(folder.FullName, "emulator.pem");
            string firstThumbprint;
            await using (var first = await EmulatorProcess.StartAsync("--seed", "7", "--cert", cert))
            {
                Assert.Equal(cert, first.CaCertPath);
                firstThumbprint = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(cert)).Thumbprint;
                Assert.Equal(0, await first.StopAsync(VklpProcess.SigInt));
            }

            Assert.True(File.Exists(cert), "a kept certificate was removed on exit");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cert + ".key"));

            // A client made for the first run trusts the second: the same certificate.
            await using var second = await EmulatorProcess.StartAsync("--seed", "7", "--cert", cert);
            using var handler = LongPollHttp.CreateHandler(cert);
            using var client = new HttpClient(handler);
            using var answer = await client.PostAsync(new Uri(second.ApiUrl.TrimEnd('/') + "/users.get"), new FormUrlEncodedContent([new("access_token", second.Token), new("v", "5.199")]));
            Assert.True(answer.IsSuccessStatusCode);
            Assert.Equal(firstThumbprint, System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(cert)).Thumbprint);
            Assert.Equal(0, await second.StopAsync(VklpProcess.SigInt));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ASecondEmulate_OnTheSameEnvFile_IsRefused_AndTheFirstKeepsItsFile()
    {
        var envFile = Path.Combine(Path.GetTempPath(), $"vklp-emulate-env-{Guid.NewGuid():N}");
        await using var first = await EmulatorProcess.StartAsync("--seed", "8", "--env-file", envFile);
        var written = await File.ReadAllTextAsync(envFile);

        var (exit, stdout, stderr) = await VklpProcess.RunAsync(["emulate", "--env-file", envFile]);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"vklp emulate: --env-file: {envFile} exists (another vklp emulate may be using it); choose another file, or remove it if no emulator is running", stderr.Trim());
        Assert.Equal(written, await File.ReadAllTextAsync(envFile));
        Assert.Equal(0, await first.StopAsync(VklpProcess.SigInt));
        Assert.False(File.Exists(envFile), "the first emulator's file was not removed on its exit");
    }

    [Fact]
    public async Task Decode_OnATerminalWithNoFile_SaysWhatItWaitsFor()
    {
        // One SIGINT from timeout ends it (it used to take a second Ctrl+C: the 60 s bound would catch that).
        var screen = await InAPseudoTerminalAsync("decode");

        Assert.Contains("vklp decode: reading Long Poll JSON typed here; end it with Ctrl+D, or give a file: vklp decode FILE", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulate_InAPseudoTerminal_FirstLineHasNoEscapeCodes()
    {
        var lines = (await InAPseudoTerminalAsync("emulate")).Split('\n');

        // The typescript's first line is script's own header; vklp's first line follows.
        var first = lines.First(l => l.Contains("api_url", StringComparison.Ordinal)).TrimEnd('\r');
        Assert.StartsWith("{\"api_url\":", first, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', first);
    }

    /// <summary>
    /// <c>vklp COMMAND</c> with a terminal of its own (util-linux script(1), which copies what it writes), ended by timeout's
    /// SIGINT after 5 s, as Ctrl+C would; what it wrote there. It runs in the terminal's foreground process group, as a
    /// command typed at a prompt does: in a background group its read of the terminal would stop it (SIGTTIN) and no
    /// signal sent to it alone would end it, which is what a loaded CI machine once showed.
    /// </summary>
    private static async Task<string> InAPseudoTerminalAsync(string command)
    {
        var script = Prerequisite.Program("script", "bsdutils", "it gives vklp a terminal", "/usr/bin/script");
        var typescript = Path.Combine(Path.GetTempPath(), $"vklp-tty-{Guid.NewGuid():N}.txt");
        var start = new System.Diagnostics.ProcessStartInfo(script) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-qec", $"timeout --foreground -k 30 -s INT 5 {VklpProcess.DotnetHost} {VklpProcess.Dll} {command}", typescript })
        {
            start.ArgumentList.Add(argument);
        }

        VklpProcess.Isolate(start.Environment);
        using var process = System.Diagnostics.Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.StandardOutput.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        var screen = await File.ReadAllTextAsync(typescript, bound.Token);
        File.Delete(typescript);

        // 124: timeout's SIGINT ended it; 137 would mean it ignored the SIGINT and took the SIGKILL 30 s later.
        Assert.True(process.ExitCode == 124, $"vklp {command} did not end on its first SIGINT (exit {process.ExitCode}): {screen}");
        return screen;
    }
}

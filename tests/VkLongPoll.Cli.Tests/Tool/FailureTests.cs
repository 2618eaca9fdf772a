using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using VkLongPoll.Testing;
using VkLongPoll.TestSupport.Network;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary>Every failure a person can meet, typed as a person types it: one plain line on stderr, the documented exit code (docs/cli.md), no stack trace.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class FailureTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"vklp-failures-{Guid.NewGuid():N}");
    private VkEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 21 });
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Watch_RejectedToken_SaysSoInOneLine_Exits3()
    {
        var (exit, stdout, stderr) = await VklpProcess.RunAsync(Watch("--token", "vk1.a.not-a-real-token"));

        Assert.Equal(3, exit);
        var line = OneLine(stderr);
        Assert.StartsWith("vklp watch: VK rejected the token (", line, StringComparison.Ordinal);
        Assert.Contains("docs/tokens.md", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_TokenWithoutMessagesAccess_SaysWhatKindOfTokenWorks_Exits3()
    {
        var (exit, _, stderr) = await VklpProcess.RunAsync(Watch("--token", _emulator.IssueToken(messagesAccess: false), "--checkpoints", Checkpoints()));

        Assert.Equal(3, exit);
        Assert.Equal("vklp watch: this token has no access to messages: the User Long Poll needs a user token with the messages right, or a community token (with the community's id) (Access denied: no access to call this method; see docs/tokens.md)", OneLine(stderr));
    }

    [Fact]
    public async Task Watch_ValidationRequired_NamesThePageToOpen_Exits5()
    {
        _emulator.ApiFaults.Inject(17, 1, "messages.getLongPollServer", legacyCaptcha: false);

        var (exit, _, stderr) = await VklpProcess.RunAsync(Watch("--token", _emulator.Tokens[0], "--checkpoints", Checkpoints()));

        Assert.Equal(5, exit);
        Assert.StartsWith($"vklp watch: VK wants the account validated (Validation required: please open redirect_uri in browser): open {_emulator.BaseUri}login?act=security_check", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Proxy_SendsEverythingThroughIt()
    {
        await using var proxy = await TestProxy.StartAsync();
        await using var vklp = VklpProcess.Start(Watch("--token", _emulator.Tokens[0], "--checkpoints", Checkpoints(), "--proxy", proxy.Url.ToString()));
        await vklp.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
        using (var control = _emulator.CreateControlClient())
        {
            await control.SendMessageAsync("via the proxy");
        }

        await vklp.WaitForStdoutAsync(s => s.Contains(": via the proxy", StringComparison.Ordinal));
        vklp.Signal(VklpProcess.SigInt);

        Assert.Equal(130, await vklp.WaitForExitAsync());
        Assert.True(proxy.Tunnelled(_emulator.BaseUri.Port), "the proxy opened no tunnel to the emulator");
    }

    [Fact]
    public async Task Watch_NoToken_AndNoTerminalToAsk_Exits3()
    {
        var (exit, _, stderr) = await VklpProcess.RunAsync(["watch", "--api-url", _emulator.ApiUrl.ToString(), "--ca-cert", _emulator.CertificatePemPath!, "--checkpoints", Checkpoints()]);

        Assert.Equal(3, exit);
        Assert.StartsWith("vklp watch: no token: run vklp login, set VK_TOKEN, give --token-file or --token", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_MissingCaCert_NamesTheFile_Exits2()
    {
        var missing = Path.Combine(_folder, "nowhere.pem");

        var (exit, _, stderr) = await VklpProcess.RunAsync(["watch", "--api-url", _emulator.ApiUrl.ToString(), "--ca-cert", missing, "--token", _emulator.Tokens[0], "--checkpoints", Checkpoints()]);

        Assert.Equal(2, exit);
        Assert.StartsWith($"vklp watch: cannot read --ca-cert {missing}: ", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_CaCertThatIsNotPem_NamesTheFile_Exits2()
    {
        var garbage = Path.Combine(_folder, "garbage.pem");
        await File.WriteAllTextAsync(garbage, "this is not a certificate");

        var (exit, _, stderr) = await VklpProcess.RunAsync(["watch", "--api-url", _emulator.ApiUrl.ToString(), "--ca-cert", garbage, "--token", _emulator.Tokens[0], "--checkpoints", Checkpoints()]);

        Assert.Equal(2, exit);
        Assert.StartsWith($"vklp watch: --ca-cert {garbage} is not a PEM certificate", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Watch_CheckpointFileThatIsNotADatabase_IsNamedAndLeftUntouched_Exits4()
    {
        var file = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(file, string.Concat(Enumerable.Repeat("my precious notes, not a database\n", 200)));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var before = SHA256.HashData(await File.ReadAllBytesAsync(file));

        var (exit, _, stderr) = await VklpProcess.RunAsync(Watch("--token", _emulator.Tokens[0], "--checkpoints", file));

        Assert.Equal(4, exit);
        Assert.Equal($"vklp watch: the checkpoint file {file} is not a SQLite database; it was left as it is (choose another file with --checkpoints)", OneLine(stderr));
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(file)));
        Assert.Equal([file], Directory.GetFiles(_folder, "notes.txt*"));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Watch_CheckpointFileOthersCanRead_IsRefusedWithHowToFixIt_Exits4_AndItsFolderIsMadePrivate()
    {
        var folder = Path.Combine(_folder, "made-here", "vklp");
        var file = Path.Combine(folder, "checkpoints.db");
        var token = new Dictionary<string, string?> { ["VK_TOKEN"] = _emulator.Tokens[0] };

        // A first run makes the folder (0700) and the file (0600); widened afterwards, the file is refused as ssh would.
        await using (var first = VklpProcess.Start(Watch("--checkpoints", file), token))
        {
            await first.WaitForStdoutAsync(s => s.Contains("connected;", StringComparison.Ordinal));
            first.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await first.WaitForExitAsync());
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exit, _, stderr) = await VklpProcess.RunAsync(Watch("--checkpoints", file), token);

        Assert.Equal(4, exit);
        Assert.Equal($"vklp watch: the checkpoint file {file} can be read or written by other users (mode 644); make it yours alone: chmod 600 {file}; it was left as it is (choose another file with --checkpoints)", OneLine(stderr));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Watch_CheckpointFileLockedByAnotherProgram_IsNamed_Exits4()
    {
        var file = Checkpoints();
        await using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync();
        await using (var create = holder.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);";
            await create.ExecuteNonQueryAsync();
        }

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (exit, _, stderr) = await VklpProcess.RunAsync(Watch("--token", _emulator.Tokens[0], "--checkpoints", file));

        Assert.Equal(4, exit);
        Assert.Equal($"vklp watch: the checkpoint file {file} is locked by another program; it was left as it is (choose another file with --checkpoints)", OneLine(stderr));
    }

    [Fact]
    public async Task Watch_CheckpointFolderThatCannotBeMade_IsNamed_Exits4()
    {
        var aFile = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(aFile, "x");
        var file = Path.Combine(aFile, "checkpoints.db");

        var (exit, _, stderr) = await VklpProcess.RunAsync(Watch("--token", _emulator.Tokens[0], "--checkpoints", file));

        Assert.Equal(4, exit);
        Assert.StartsWith($"vklp watch: the checkpoint file {file} cannot be created: ", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_UnreachableApi_RetriesWithAStatusLine_AndCtrlCStopsIt_Exit130()
    {
        var port = ClosedPort();
        await using var vklp = VklpProcess.Start(["watch", "--api-url", $"https://127.0.0.1:{port}/method", "--checkpoints", Checkpoints(), "--lang", "en"], new Dictionary<string, string?> { ["VK_TOKEN"] = "abc" });

        var screen = await vklp.WaitForStdoutAsync(s => s.Contains("retrying in", StringComparison.Ordinal));
        vklp.Signal(VklpProcess.SigInt);

        Assert.Equal(130, await vklp.WaitForExitAsync());
        Assert.Matches(@"· cannot reach 127\.0\.0\.1:\d+: Connection refused; retrying in \d+ s", screen);
        Assert.Equal(string.Empty, vklp.Stderr);
    }

    [Fact]
    public async Task Watch_AgainstAnApiThatRedirects_SendsNothingWhereItPoints_SaysWhere_AndCtrlCStopsIt_Exit130()
    {
        await using var server = new RedirectingServer();
        await using var vklp = VklpProcess.Start(["watch", "--api-url", new Uri(server.Url, "method").ToString(), "--token", "vk1.a.secret", "--checkpoints", Checkpoints(), "--lang", "en"]);

        var screen = await vklp.WaitForStdoutAsync(s => s.Split("retrying in").Length > 2);
        vklp.Signal(VklpProcess.SigInt);

        Assert.Equal(130, await vklp.WaitForExitAsync());
        Assert.Contains($"· {server.Url.Authority} answered HTTP 307, a redirect to {server.Trap.GetLeftPart(UriPartial.Authority)}: not followed, the request carries a token; retrying in", screen, StringComparison.Ordinal);
        Assert.True(server.Requests >= 2, $"the server saw {server.Requests} requests");
        Assert.Equal(0, server.Trapped);
    }

    [Fact]
    public async Task Watch_UntrustedCertificate_IsANetworkFaultWithAStatusLine_SigtermStopsIt_Exit143()
    {
        await using var vklp = VklpProcess.Start(["watch", "--api-url", _emulator.ApiUrl.ToString(), "--checkpoints", Checkpoints(), "--lang", "en"], new Dictionary<string, string?> { ["VK_TOKEN"] = _emulator.Tokens[0] });

        var screen = await vklp.WaitForStdoutAsync(s => s.Contains("retrying in", StringComparison.Ordinal));
        vklp.Signal(VklpProcess.SigTerm);

        Assert.Equal(143, await vklp.WaitForExitAsync());
        Assert.Matches(@"· secure connection to 127\.0\.0\.1:\d+ failed: ", screen);
        Assert.Contains("give --ca-cert FILE)", screen, StringComparison.Ordinal); // the hint leads somewhere
        Assert.Equal(string.Empty, vklp.Stderr);
    }

    [Theory]
    [InlineData("watch --api-url not-a-url --token x", "vklp watch: --api-url: 'not-a-url' is not an http:// or https:// URL (see 'vklp watch --help')")]
    [InlineData("watch --api-url http://api.vk.com/method --token x", "vklp watch: --api-url: plain http:// only to this machine (127.0.0.1, localhost); use https://api.vk.com/method (see 'vklp watch --help')")]
    [InlineData("watch --lp-version 7 --token x", "vklp watch: --lp-version: 7 is not one of 19, 11, 10, 3 (see 'vklp watch --help')")]
    [InlineData("watch --transport sideways --token x", "vklp watch: --transport: 'sideways' is not one of user, bots, callback, both (see 'vklp watch --help')")]
    [InlineData("soak --community --faults bogus", "vklp soak: --faults with --community: all (10 % on each transport, and restarts), none, or RATE[,restart] (RATE from 0 to 1)")]
    [InlineData("watch --lang de --token x", "vklp watch: --lang: 'de' is not a language of the feed; use ru or en (see 'vklp watch --help')")]
    [InlineData("watch --only messages,gossip --token x", "vklp watch: --only: 'messages,gossip' names no known group (gossip); known: messages,typing,online,chats,reads,counters (see 'vklp watch --help')")]
    [InlineData("watch --group-id club1 --token x", "vklp watch: --group-id: 'club1' is not an id (a positive whole number, e.g. 1234567) (see 'vklp watch --help')")]
    [InlineData("decode --mode abc", "vklp decode: --mode: 'abc' is not a whole number (see 'vklp decode --help')")]
    [InlineData("decode --self-id me", "vklp decode: --self-id: 'me' is not an id (a positive whole number, e.g. 1234567) (see 'vklp decode --help')")]
    [InlineData("demo --speed 0", "vklp demo: --speed: '0' is not a positive number (see 'vklp demo --help')")]
    [InlineData("demo --seed x", "vklp demo: --seed: 'x' is not a whole number (see 'vklp demo --help')")]
    [InlineData("emulate --port 70000", "vklp emulate: --port: 70000 is out of range (0–65535) (see 'vklp emulate --help')")]
    [InlineData("soak --sessions lots", "vklp soak: --sessions: 'lots' is not a whole number (see 'vklp soak --help')")]
    [InlineData("watch --messages /tmp --token x", "vklp watch: --messages: /tmp is a folder; give a file in it (for example /tmp/vklp.db) (see 'vklp watch --help')")]
    [InlineData("watch --checkpoints /tmp --token x", "vklp watch: --checkpoints: /tmp is a folder; give a file in it (for example /tmp/vklp.db) (see 'vklp watch --help')")]
    [InlineData("decode /tmp", "vklp decode: /tmp is a folder; give a file of Long Poll answers")]
    [InlineData("emulate --cert /tmp", "vklp emulate: --cert: /tmp is a folder; give a file in it (for example /tmp/vklp.db) (see 'vklp emulate --help')")]
    [InlineData("emulate --cert /proc/vklp-nowhere.pem", "vklp emulate: the kept certificate /proc/vklp-nowhere.pem (key /proc/vklp-nowhere.pem.key) cannot be used: Could not find file '/proc/vklp-nowhere.pem'.")]
    [InlineData("frobnicate", "vklp: Unrecognized command or argument 'frobnicate' (see 'vklp --help')")]
    [InlineData("watch --tokn x", "vklp watch: Unrecognized command or argument '--tokn' (see 'vklp watch --help')")]
    public async Task BadOption_IsOnePlainLine_Exits2(string commandLine, string expected)
    {
        var (exit, stdout, stderr) = await VklpProcess.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, exit);
        Assert.Equal(expected, OneLine(stderr));
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task Watch_WithAnEmptyCaCert_AsAnHttpEmulatorsEnvFileGives_RunsAsIfNoneWasGiven()
    {
        // `vklp emulate --http --env-file F` writes CA=''; docs/cli.md's line then passes --ca-cert "" to watch.
        await using var vklp = VklpProcess.Start(["watch", "--api-url", "http://127.0.0.1:9/method", "--ca-cert", "", "--checkpoints", Checkpoints(), "--lang", "en"], new Dictionary<string, string?> { ["VK_TOKEN"] = _emulator.Tokens[0] });

        await vklp.WaitForStdoutAsync(s => s.Contains("retrying in", StringComparison.Ordinal));
        vklp.Signal(VklpProcess.SigTerm);

        Assert.Equal(143, await vklp.WaitForExitAsync());
        Assert.DoesNotContain("unexpected error", vklp.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_MissingFile_IsOneLine_Exits2()
    {
        var missing = Path.Combine(_folder, "capture.json");

        var (exit, stdout, stderr) = await VklpProcess.RunAsync(["decode", missing]);

        Assert.Equal(2, exit);
        Assert.StartsWith($"vklp decode: cannot read {missing}: ", OneLine(stderr), StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task Emulate_PortInUse_IsOneLine_Exits2_AndLeavesNoCertificateBehind()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        await using var vklp = VklpProcess.Start(["emulate", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(2, await vklp.WaitForExitAsync());
        Assert.StartsWith("vklp emulate: ", OneLine(vklp.Stderr), StringComparison.Ordinal);
        Assert.Contains("address already in use", vklp.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"vklp-emulator-{vklp.Id}-*"));
    }

    [Fact]
    public async Task Watch_AgainstAnApiWhoseAnswerNeverEnds_StaysSmall_SaysTheAnswerIsTooLarge_AndCtrlCStopsIt_Exit130()
    {
        await using var server = new EndlessBodyServer();
        await using var vklp = VklpProcess.Start(["watch", "--api-url", new Uri(server.Url, "method").ToString(), "--checkpoints", Checkpoints(), "--lang", "en"], new Dictionary<string, string?> { ["VK_TOKEN"] = "vk1.a.secret" });

        var screen = await vklp.WaitForStdoutAsync(s => s.Split("larger than 16 MB").Length > 2);
        var peak = PeakResidentBytes(vklp.Id);
        vklp.Signal(VklpProcess.SigInt);

        Assert.Equal(130, await vklp.WaitForExitAsync());
        Assert.Matches(@"· 127\.0\.0\.1:\d+ sent an unreadable answer \(the answer is larger than 16 MB\); retrying in", screen);
        Assert.True(peak < 200L * 1024 * 1024, $"vklp's resident memory peaked at {peak / 1048576} MB");
    }

    /// <summary>The process's peak resident memory so far (VmHWM), from /proc.</summary>
    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Watch_AMessageWithHalfACharacter_BetweenTwoGoodOnes_AllThreeAreShown_AndTheFeedGoesOn(bool json)
    {
        // Real VK cuts texts mid-pair: "\ud83d" alone. The feed and --json must show the messages around it, and that one.
        await using var vk = new ScriptedLongPoll("""
            [[10004,101,1,101,664425024,1780051490,"before",{},{},0,101,0],
             [10004,102,1,102,664425024,1780051491,"half \ud83d a smile",{},{},0,102,0],
             [99999,"an unknown event with \ud83d in it"],
             [10004,103,1,103,664425024,1780051492,"after",{},{},0,103,0]]
            """);
        string[] arguments = ["watch", "--api-url", vk.ApiUrl.ToString(), "--checkpoints", Checkpoints(), "--lang", "en", "--no-store", .. json ? new[] { "--json" } : []];
        await using var vklp = VklpProcess.Start(arguments, new Dictionary<string, string?> { ["VK_TOKEN"] = "vk1.a.scripted" });

        var screen = await vklp.WaitForStdoutAsync(s => s.Contains("after", StringComparison.Ordinal));
        vklp.Signal(VklpProcess.SigInt);

        Assert.Equal(130, await vklp.WaitForExitAsync());
        Assert.Contains("before", screen, StringComparison.Ordinal);
        Assert.Contains("half \uFFFD a smile", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", vklp.Stderr, StringComparison.Ordinal);
        if (json)
        {
            Assert.All(screen.TrimEnd('\n').Split('\n'), line => System.Text.Json.JsonDocument.Parse(line).Dispose());
            Assert.Contains("\"code\":99999", screen, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Watch_OnACheckpointFileAnotherWatchUses_SaysSoInOneLine_Exit4_AndTheFirstGoesOn()
    {
        var checkpoints = Checkpoints();
        var token = new Dictionary<string, string?> { ["VK_TOKEN"] = _emulator.Tokens[0] };
        await using var first = VklpProcess.Start(Watch("--checkpoints", checkpoints), token);
        await first.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));

        var (exit, stdout, stderr) = await VklpProcess.RunAsync(Watch("--checkpoints", checkpoints), token);

        Assert.Equal(4, exit);
        Assert.Equal($"vklp watch: the checkpoint file {checkpoints} is in use by another vklp watch of this account; stop that one, or give this one a file of its own with --checkpoints", OneLine(stderr));
        Assert.DoesNotContain("connected", stdout, StringComparison.Ordinal);
        using (var control = _emulator.CreateControlClient())
        {
            await control.SendMessageAsync("still the first one's");
        }

        await first.WaitForStdoutAsync(s => s.Contains(": still the first one's", StringComparison.Ordinal));
        first.Signal(VklpProcess.SigInt);
        Assert.Equal(130, await first.WaitForExitAsync());

        // Another token (a checkpoint of its own) shares the file meanwhile; once the first is gone, its own is free again.
        await using (var other = VklpProcess.Start(Watch("--checkpoints", checkpoints), new Dictionary<string, string?> { ["VK_TOKEN"] = _emulator.IssueToken() }))
        {
            await other.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
            other.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await other.WaitForExitAsync());
        }

        await using var next = VklpProcess.Start(Watch("--checkpoints", checkpoints), token);
        await next.WaitForStdoutAsync(s => s.Contains("continuing where it stopped", StringComparison.Ordinal));
        next.Signal(VklpProcess.SigInt);
        Assert.Equal(130, await next.WaitForExitAsync());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Watch_TokenValue_WarnsThatOthersSeeIt_ButNotFromTheEnvironment_AFile_OrStandardInput()
    {
        var file = Path.Combine(_folder, "token");
        await File.WriteAllTextAsync(file, _emulator.IssueToken(messagesAccess: false) + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var token = _emulator.IssueToken(messagesAccess: false);

        // Each way ends the same (error 15, exit 3) once the token reached VK: only --token VALUE adds the warning.
        var (byValue, _, valueErr) = await VklpProcess.RunAsync(Watch("--token", token, "--checkpoints", Checkpoints()));
        var (byEnvironment, _, environmentErr) = await VklpProcess.RunAsync(Watch("--checkpoints", Checkpoints()), new Dictionary<string, string?> { ["VK_TOKEN"] = token });
        var (byFile, _, fileErr) = await VklpProcess.RunAsync(Watch("--token-file", file, "--checkpoints", Checkpoints()));
        await using var byStdin = VklpProcess.Start(Watch("--token", "-", "--checkpoints", Checkpoints()), stdin: token + "\n");

        var byStdinExit = await byStdin.WaitForExitAsync();

        Assert.Equal([3, 3, 3, 3], new[] { byValue, byEnvironment, byFile, byStdinExit });
        Assert.StartsWith(TokenWarning + "\n", valueErr, StringComparison.Ordinal);
        Assert.All([environmentErr, fileErr, byStdin.Stderr], e => Assert.DoesNotContain(TokenWarning, e, StringComparison.Ordinal));
        Assert.All([valueErr, environmentErr, fileErr, byStdin.Stderr], e => Assert.Contains("has no access to messages", e, StringComparison.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Watch_TokenFileReadableByOthers_IsRefusedInOneLine_Exit2()
    {
        var file = Path.Combine(_folder, "shared-token");
        await File.WriteAllTextAsync(file, "vk1.a.secret-in-a-shared-file");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exit, _, stderr) = await VklpProcess.RunAsync(Watch("--token-file", file, "--checkpoints", Checkpoints()));

        Assert.Equal(2, exit);
        Assert.Equal($"vklp watch: --token-file {file} can be read or written by other users (mode 644); make it yours alone: chmod 600 {file}", OneLine(stderr));
    }

    [Theory]
    [InlineData("watch vk1.a.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEf")]
    [InlineData("watch --api-url vk1.a.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEf")]
    [InlineData("watch --ca-cert vk1.a.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEf")]
    [InlineData("watch --token-file 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234")]
    public async Task ATokenInTheWrongPlace_IsNeverPrintedBack(string arguments)
    {
        var (exit, stdout, stderr) = await VklpProcess.RunAsync(arguments.Split(' '));

        Assert.Equal(2, exit);
        Assert.Contains("…(redacted)", OneLine(stderr), StringComparison.Ordinal);
        Assert.DoesNotContain("AbCdEfGhIjKl", stderr + stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef0123", stderr + stdout, StringComparison.Ordinal);
    }

    private static readonly string TokenWarning = $"vklp watch: {Commands.TokenArguments.Warning}";

    private string[] Watch(params string[] more) =>
        ["watch", "--api-url", _emulator.ApiUrl.ToString(), "--ca-cert", _emulator.CertificatePemPath!, "--lang", "en", .. more];

    private string Checkpoints() => Path.Combine(_folder, $"checkpoints-{Guid.NewGuid():N}.db");

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The whole of <paramref name="stderr"/>, which must be exactly one line: no stack trace, no help text.</summary>
    /// <summary>The one line a failure prints (besides the warning that a --token value is visible to others, when one was given).</summary>
    private static string OneLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line != TokenWarning).ToArray();
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{stderr}");
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        return lines[0];
    }
}

using Microsoft.Data.Sqlite;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary><c>vklp watch</c> against <c>vklp emulate</c>, two processes as in the README: lines live, a clean Ctrl+C, a restart that misses and repeats nothing.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class WatchProcessTests
{
    [Fact]
    public async Task Watch_AgainstEmulateInAnotherProcess_ShowsMessages_StopsOnCtrlC_AndResumesWithoutRepeats()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "8");
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-{Guid.NewGuid():N}.db");
        long deleted = 0, edited = 0;
        string[] watch = ["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--checkpoints", checkpoints, "--lang", "en"];
        var token = new Dictionary<string, string?> { ["VK_TOKEN"] = emulator.Token };
        try
        {
            await using (var first = VklpProcess.Start(watch, token))
            {
                await first.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
                deleted = (await emulator.ControlAsync("send", new { text = "first & <one>" })).GetProperty("message_id").GetInt64();
                edited = (await emulator.ControlAsync("send", new { text = "second" })).GetProperty("message_id").GetInt64();
                await emulator.ControlAsync("send", new { text = "a photo", attachments = new[] { new { type = "photo", owner_id = emulator.UserId, id = 457_111_111 } } });
                await first.WaitForStdoutAsync(s => s.Contains(": a photo", StringComparison.Ordinal));
                first.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await first.WaitForExitAsync());
                Assert.Contains(": first & <one>", first.Stdout, StringComparison.Ordinal);
                Assert.Matches(@": a photo \[photo https://\S+457111111\S*\]", first.Stdout);
                Assert.Equal(string.Empty, first.Stderr);
            }

            // The checkpoint was saved at the last batch shown: the emulator's newest ts.
            var state = await emulator.StateAsync();
            var newest = state.GetProperty("accounts")[0].GetProperty("ts").GetInt64();
            Assert.Equal(newest, await SavedTsAsync(checkpoints));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(checkpoints)); // it holds the Long Poll key
            }

            // While watch is down, life goes on; on restart it shows that once, under a header, and nothing earlier —
            // and what it remembers: a photo's link, the text an edit replaced, what a deletion removed.
            await emulator.ControlAsync("send", new { text = "while away" });
            await emulator.ControlAsync("send", new { text = "a view", attachments = new[] { new { type = "photo", owner_id = emulator.UserId, id = 457_111_222 } } });
            await emulator.ControlAsync("edit", new { message_id = edited, text = "second, edited" });
            await emulator.ControlAsync("delete", new { message_id = deleted, for_all = true });
            await using (var second = VklpProcess.Start(watch, token))
            {
                await second.WaitForStdoutAsync(s => s.Contains(": while away", StringComparison.Ordinal));
                await second.WaitForStdoutAsync(s => s.Contains("was deleted for everyone", StringComparison.Ordinal));
                await emulator.ControlAsync("send", new { text = "live again" });
                var screen = await second.WaitForStdoutAsync(s => s.Contains(": live again", StringComparison.Ordinal));
                second.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await second.WaitForExitAsync());
                Assert.DoesNotContain(": second\n", screen, StringComparison.Ordinal);
                Assert.DoesNotContain(": a photo [", screen, StringComparison.Ordinal);
                Assert.Matches(@": a view \[photo https://\S+457111222\S*\]", screen);
                Assert.Contains("edited a message: “second” → second, edited", screen, StringComparison.Ordinal);
                Assert.Contains("was deleted for everyone: first & <one>", screen, StringComparison.Ordinal);
                Assert.Single(screen.Split('\n'), l => l.Contains(": while away", StringComparison.Ordinal));
                // Resumed with a live key, the backlog came in the first answers, not through history: the same header.
                Assert.True(screen.IndexOf("— while you were away —", StringComparison.Ordinal) is >= 0 and var header && header < screen.IndexOf(": while away", StringComparison.Ordinal), screen);
                Assert.True(screen.IndexOf("— now —", StringComparison.Ordinal) < screen.IndexOf(": live again", StringComparison.Ordinal), screen);
                Assert.True(screen.IndexOf("while away", StringComparison.Ordinal) < screen.IndexOf("live again", StringComparison.Ordinal));
            }

            Assert.Equal(0, await emulator.StopAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(checkpoints);
        }
    }

    [Fact]
    public async Task AFirstWatchInRussian_NamesEveryFriendWhoWrites_NeverARawId()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "10");
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-names-{Guid.NewGuid():N}.db");
        string[] watch = ["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--checkpoints", checkpoints, "--lang", "ru"];
        try
        {
            var friends = (await emulator.StateAsync()).GetProperty("accounts")[0].GetProperty("friends").EnumerateArray().Select(f => f.GetInt64()).Take(5).ToList();
            await using var vklp = VklpProcess.Start(watch, new Dictionary<string, string?> { ["VK_TOKEN"] = emulator.Token });
            await vklp.WaitForStdoutAsync(s => s.Contains("подключено", StringComparison.Ordinal) || s.Contains("connected", StringComparison.Ordinal));

            // Five people at once, right after the start: every case of every name comes in one users.get.
            foreach (var (friend, i) in friends.Select((f, i) => (f, i)))
            {
                await emulator.ControlAsync("send", new { peer_id = friend, text = $"привет {i}" });
            }

            var screen = await vklp.WaitForStdoutAsync(s => Enumerable.Range(0, friends.Count).All(i => s.Contains($": привет {i}", StringComparison.Ordinal)));
            var lines = screen.Split('\n').Where(l => l.Contains(": привет ", StringComparison.Ordinal)).ToList();
            Assert.Equal(friends.Count, lines.Count);
            Assert.All(lines, line => Assert.DoesNotMatch(@"\bid\d+", line));
            Assert.All(lines, line => Assert.Matches("Сообщение от [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+: привет", line));
            vklp.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await vklp.WaitForExitAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(checkpoints);
        }
    }

    [Fact]
    public async Task WatchJson_HonoursOnly_AndTheHelpShowsWhatLangTakes()
    {
        var (exit, help, _) = await VklpProcess.RunAsync(["watch", "--help"]);
        Assert.Equal(0, exit);
        Assert.Contains("--lang <ru|en>", help, StringComparison.Ordinal);

        await using var emulator = await EmulatorProcess.StartAsync("--seed", "11");
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-only-{Guid.NewGuid():N}.db");
        try
        {
            await using var vklp = VklpProcess.Start(["watch", "--json", "--only", "messages", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--checkpoints", checkpoints, "--lang", "en"],
                new Dictionary<string, string?> { ["VK_TOKEN"] = emulator.Token });
            await vklp.WaitForStderrAsync(s => s.Contains("connected", StringComparison.Ordinal));
            var friend = (await emulator.StateAsync()).GetProperty("accounts")[0].GetProperty("friends")[0].GetInt64();
            await emulator.ControlAsync("typing", new { peer_id = friend });
            await emulator.ControlAsync("send", new { peer_id = friend, text = "only this" });

            var output = await vklp.WaitForStdoutAsync(s => s.Contains("only this", StringComparison.Ordinal));
            Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("\"type\":\"message_new\"", line, StringComparison.Ordinal));
            vklp.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await vklp.WaitForExitAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(checkpoints);
        }
    }

    [Fact]
    public async Task ACheckpointBelongsToItsApi_AWatchPointedElsewhereDoesNotPollTheOldServer()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "12");
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-host-{Guid.NewGuid():N}.db");
        var token = new Dictionary<string, string?> { ["VK_TOKEN"] = emulator.Token };
        try
        {
            await using (var first = VklpProcess.Start(["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--checkpoints", checkpoints, "--lang", "en"], token))
            {
                await first.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
                await emulator.ControlAsync("send", new { text = "one" });
                await first.WaitForStdoutAsync(s => s.Contains(": one", StringComparison.Ordinal));
                first.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await first.WaitForExitAsync());
            }

            // The same token and checkpoint file, another API (nothing listens there): it starts afresh against that API; it
            // does not take the first server's saved key and poll it as if it were this one's.
            var dead = $"http://127.0.0.1:{VkLongPoll.TestSupport.Network.FreePort.Next()}/method";
            await using var second = VklpProcess.Start(["watch", "--api-url", dead, "--checkpoints", checkpoints, "--lang", "en"], token);
            var screen = await second.WaitForStdoutAsync(s => s.Contains("retrying in", StringComparison.Ordinal));
            Assert.DoesNotContain("continuing where it stopped", screen, StringComparison.Ordinal);
            Assert.Contains("cannot reach 127.0.0.1:", screen, StringComparison.Ordinal);
            second.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await second.WaitForExitAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(checkpoints);
        }
    }

    [Fact]
    public async Task PlainHttpToTheHttpsEmulator_SaysToGiveHttps()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "16");
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-plain-{Guid.NewGuid():N}.db");
        try
        {
            var plain = "http" + emulator.ApiUrl["https".Length..];
            await using var vklp = VklpProcess.Start(["watch", "--api-url", plain, "--checkpoints", checkpoints, "--lang", "en"], new Dictionary<string, string?> { ["VK_TOKEN"] = emulator.Token });
            var screen = await vklp.WaitForStdoutAsync(s => s.Contains("retrying in", StringComparison.Ordinal));
            Assert.Contains($"(if it is an HTTPS server, give https:// in --api-url); retrying in", screen, StringComparison.Ordinal);
            vklp.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await vklp.WaitForExitAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(checkpoints);
        }
    }

    [Fact]
    public async Task FriendsAlreadyOnlineAtTheStart_AreToldInOneLine()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "15");
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-online-{Guid.NewGuid():N}.db");
        try
        {
            var friends = (await emulator.StateAsync()).GetProperty("accounts")[0].GetProperty("friends").EnumerateArray().Select(f => f.GetInt64()).Take(2).ToList();
            await emulator.ControlAsync("online", new { user_id = friends[0], platform = 2 });
            await emulator.ControlAsync("online", new { user_id = friends[1], platform = 7 });

            await using var vklp = VklpProcess.Start(["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--checkpoints", checkpoints, "--lang", "en", "--presence-interval", "5"],
                new Dictionary<string, string?> { ["VK_TOKEN"] = emulator.Token });
            var screen = await vklp.WaitForStdoutAsync(s => s.Contains("Online now: ", StringComparison.Ordinal));
            var line = screen.Split('\n').Single(l => l.Contains("Online now: ", StringComparison.Ordinal));
            Assert.Matches(@"Online now: [A-Z][a-z]+ [A-Z][a-z]+ \((iPhone|web)\), [A-Z][a-z]+ [A-Z][a-z]+ \((iPhone|web)\)", line);
            Assert.DoesNotMatch(@"\bid\d+", line);
            vklp.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await vklp.WaitForExitAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(checkpoints);
        }
    }

    [Fact]
    public async Task AResumeWhileVkIsDown_NeverSaysConnected_UntilACallGoesThrough()
    {
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-down-{Guid.NewGuid():N}.db");
        var ca = Path.Combine(Path.GetTempPath(), $"vklp-watch-down-{Guid.NewGuid():N}.pem");
        try
        {
            string apiUrl;
            Dictionary<string, string?> token;
            await using (var emulator = await EmulatorProcess.StartAsync("--seed", "14"))
            {
                apiUrl = emulator.ApiUrl;
                token = new Dictionary<string, string?> { ["VK_TOKEN"] = emulator.Token };
                File.Copy(emulator.CaCertPath, ca);
                await using var first = VklpProcess.Start(["watch", "--api-url", apiUrl, "--ca-cert", ca, "--checkpoints", checkpoints, "--lang", "en"], token);
                await first.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
                await emulator.ControlAsync("send", new { text = "one" });
                await first.WaitForStdoutAsync(s => s.Contains(": one", StringComparison.Ordinal));
                first.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await first.WaitForExitAsync());
            }

            // VK is down now: the checkpoint's key is for a server that no longer answers. The watch resumes with it, and
            // says so, but does not claim a connection it has not made.
            await using var second = VklpProcess.Start(["watch", "--api-url", apiUrl, "--ca-cert", ca, "--checkpoints", checkpoints, "--lang", "en"], token);
            var screen = await second.WaitForStdoutAsync(s => s.Contains("retrying in", StringComparison.Ordinal));
            Assert.Contains("continuing where it stopped", screen, StringComparison.Ordinal);
            Assert.DoesNotContain("connected", screen, StringComparison.Ordinal);
            second.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await second.WaitForExitAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(checkpoints);
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task YourOwnEditsInAPrivateDialog_ReadAsYours_LiveAndAfterAGap()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "9");
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-own-{Guid.NewGuid():N}.db");
        string[] watch = ["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--checkpoints", checkpoints, "--lang", "ru"];
        var token = new Dictionary<string, string?> { ["VK_TOKEN"] = emulator.Token };
        try
        {
            long mine;
            await using (var first = VklpProcess.Start(watch, token))
            {
                await first.WaitForStdoutAsync(s => s.Contains("подключено", StringComparison.Ordinal) || s.Contains("connected", StringComparison.Ordinal));
                mine = (await emulator.ControlAsync("send", new { text = "Я выезжаю", from_id = emulator.UserId })).GetProperty("message_id").GetInt64();
                await emulator.ControlAsync("edit", new { message_id = mine, text = "Я выезжаю в 9" });
                var screen = await first.WaitForStdoutAsync(s => s.Contains("Я выезжаю в 9", StringComparison.Ordinal));
                Assert.Contains("Вы изменили сообщение: «Я выезжаю» → Я выезжаю в 9", screen, StringComparison.Ordinal);
                first.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await first.WaitForExitAsync());
            }

            // The same after a gap: the edit comes back through history.
            await emulator.ControlAsync("edit", new { message_id = mine, text = "Я выезжаю в 10" });
            await emulator.ControlAsync("faults", new { fault = "failed_1" });
            await using (var second = VklpProcess.Start(watch, token))
            {
                var screen = await second.WaitForStdoutAsync(s => s.Contains("Я выезжаю в 10", StringComparison.Ordinal));
                Assert.Matches("Вы изменили сообщение[^\n]*Я выезжаю в 10", screen);
                Assert.DoesNotMatch("изменила? сообщение[^\n]*Я выезжаю в 10", screen.Replace("Вы изменили", string.Empty, StringComparison.Ordinal));
                second.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await second.WaitForExitAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(checkpoints);
        }
    }

    [Fact]
    public async Task WatchJson_WhoseReaderGoesAway_Stops_AndWhatNoOneReadComesAgain()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // a closed pipe and SIGPIPE's exit code are Unix matters
        }

        await using var emulator = await EmulatorProcess.StartAsync("--seed", "9");
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-{Guid.NewGuid():N}.db");
        string[] watch = ["watch", "--json", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--checkpoints", checkpoints, "--lang", "en"];
        var token = new Dictionary<string, string?> { ["VK_TOKEN"] = emulator.Token };
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(VklpProcess.DotnetHost, [VklpProcess.Dll, .. watch])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            VklpProcess.Isolate(start.Environment);
            start.Environment["VK_TOKEN"] = emulator.Token;
            using (var first = System.Diagnostics.Process.Start(start)!)
            {
                var errors = new System.Text.StringBuilder();
                var connected = new TaskCompletionSource();
                first.ErrorDataReceived += (_, line) =>
                {
                    lock (errors)
                    {
                        errors.AppendLine(line.Data);
                    }

                    if (line.Data?.Contains("connected", StringComparison.Ordinal) == true)
                    {
                        connected.TrySetResult();
                    }
                };
                first.BeginErrorReadLine();
                await connected.Task.WaitAsync(bound.Token);
                await emulator.ControlAsync("send", new { text = "read by someone" });
                var line = await first.StandardOutput.ReadLineAsync(bound.Token);
                while (line is not null && !line.Contains("read by someone", StringComparison.Ordinal))
                {
                    line = await first.StandardOutput.ReadLineAsync(bound.Token);
                }

                Assert.NotNull(line);

                // The reader dies; the next message meets a closed pipe.
                first.StandardOutput.Close();
                await emulator.ControlAsync("send", new { text = "read by no one" });
                await first.WaitForExitAsync(bound.Token);
                lock (errors)
                {
                    Assert.True(first.ExitCode == 141, $"exit {first.ExitCode}, stderr:\n{errors}");
                }

                lock (errors)
                {
                    Assert.DoesNotContain("Unhandled", errors.ToString(), StringComparison.Ordinal);
                }
            }

            // The batch that reached no one was not checkpointed: the next run delivers it, and not the one before.
            await using (var second = VklpProcess.Start(watch, token))
            {
                var output = await second.WaitForStdoutAsync(s => s.Contains("read by no one", StringComparison.Ordinal));
                second.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await second.WaitForExitAsync());
                Assert.DoesNotContain("read by someone", output, StringComparison.Ordinal);
            }

            Assert.Equal(0, await emulator.StopAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(checkpoints);
        }
    }

    private static async Task<long> SavedTsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ts FROM longpoll_checkpoint";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

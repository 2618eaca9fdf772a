using Microsoft.Data.Sqlite;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary><c>vklp watch</c> against <c>vklp emulate</c>, two processes as in the README: lines live, a clean Ctrl+C, a restart that misses and repeats nothing.</summary>
public sealed class WatchProcessTests
{
    [Fact]
    public async Task Watch_AgainstEmulateInAnotherProcess_ShowsMessages_StopsOnCtrlC_AndResumesWithoutRepeats()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "8");
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-{Guid.NewGuid():N}.db");
        string[] watch = ["watch", "--api-url", emulator.ApiUrl, "--ca-cert", emulator.CaCertPath, "--token", emulator.Token, "--checkpoints", checkpoints, "--lang", "en"];
        try
        {
            await using (var first = VklpProcess.Start(watch))
            {
                await first.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
                await emulator.ControlAsync("send", new { text = "first & <one>" });
                await emulator.ControlAsync("send", new { text = "second" });
                await first.WaitForStdoutAsync(s => s.Contains(": second", StringComparison.Ordinal));
                first.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await first.WaitForExitAsync());
                Assert.Contains(": first & <one>", first.Stdout, StringComparison.Ordinal);
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

            // While watch is down, life goes on; on restart it shows that once, under a header, and nothing earlier.
            await emulator.ControlAsync("send", new { text = "while away" });
            await using (var second = VklpProcess.Start(watch))
            {
                await second.WaitForStdoutAsync(s => s.Contains(": while away", StringComparison.Ordinal));
                await emulator.ControlAsync("send", new { text = "live again" });
                var screen = await second.WaitForStdoutAsync(s => s.Contains(": live again", StringComparison.Ordinal));
                second.Signal(VklpProcess.SigInt);
                Assert.Equal(130, await second.WaitForExitAsync());
                Assert.DoesNotContain("second", screen, StringComparison.Ordinal);
                Assert.Single(screen.Split('\n'), l => l.Contains(": while away", StringComparison.Ordinal));
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

    private static async Task<long> SavedTsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ts FROM longpoll_checkpoint";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using System.Net.Http.Json;
using Spectre.Console;
using VkLongPoll.Cli.Commands;
using VkLongPoll.Cli.Feed;
using VkLongPoll.Sqlite;
using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Tests;

/// <summary><c>vklp watch</c> against the emulator, through faults: every message shows once, in words.</summary>
public sealed class WatchTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Watch_AgainstTheEmulator_SurvivesFaults_AndShowsEveryMessageOnce()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 4 });
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(synchronized), ColorSystem = ColorSystemSupport.NoColors, Ansi = AnsiSupport.No });
        var checkpoints = Path.Combine(Path.GetTempPath(), $"vklp-watch-{Guid.NewGuid():N}.db");
        var settings = new WatchCommand.WatchSettings(emulator.Tokens[0], emulator.ApiUrl, emulator.CertificatePemPath, 19, null, FeedLanguage.English, Json: false, FromNow: false, checkpoints, Only: null);
        using var stop = new CancellationTokenSource(Bound);
        using var http = new HttpClient(emulator.CreateTrustingHandler());
        string Screen()
        {
            lock (synchronized)
            {
                return output.ToString();
            }
        }

        var watching = WatchCommand.RunAsync(settings, console, Stream.Null, TextWriter.Null, stop.Token);

        // Connected once the starting checkpoint is stored; a message sent earlier would precede the session. The command
        // tells no one, so its checkpoint file is polled.
        var name = WatchCommand.CheckpointNameOf(emulator.Tokens[0], emulator.ApiUrl);
        await Poll.UntilAsync(async () =>
        {
            Assert.False(watching.IsCompleted, "watch stopped before it connected");
            return File.Exists(checkpoints) && await new SqliteCheckpointStore(checkpoints).LoadAsync(name) is not null;
        }, Bound, "watch has stored its starting checkpoint", stop.Token);

        string[] faults = ["none", "failed_1", "failed_2", "failed_3", "http_500", "reset", "malformed", "truncated"];
        foreach (var fault in faults)
        {
            if (fault != "none")
            {
                await http.PostAsJsonAsync(new Uri(emulator.ControlUrl + "/faults"), new { fault });
            }

            await SendAndSeeAsync($"through {fault}");
        }

        // A last message, sent after every fault: the feed is in server order, so a line repeated by any recovery is on
        // the screen before this one is.
        await SendAndSeeAsync("after every fault");
        await stop.CancelAsync();
        // Stopping is a cancellation: the command line turns it into exit code 130 (see ProcessTests).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        var screen = Screen();
        foreach (var fault in faults)
        {
            Assert.Single(screen.Split('\n'), line => line.Contains($": through {fault}", StringComparison.Ordinal));
        }

        // Names arrive from a batched lookup that may lag the first lines (the feed never waits long for it).
        Assert.Matches(@"\d\d:\d\d:\d\d  Message from \S+ \S+: through", screen);
        Assert.Single(screen.Split('\n'), line => line.Contains(": after every fault", StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(checkpoints);

        async Task SendAndSeeAsync(string text)
        {
            await http.PostAsJsonAsync(new Uri(emulator.ControlUrl + "/send"), new { text });
            // The console tells no one either: the screen is polled.
            try
            {
                await Poll.UntilAsync(() =>
                {
                    if (watching.IsCompleted)
                    {
                        Assert.Fail($"watch stopped while waiting for '{text}'; the screen:\n{Screen()}");
                    }

                    return Screen().Contains(text, StringComparison.Ordinal);
                }, Bound, $"'{text}' is on the screen", stop.Token);
            }
            catch (Xunit.Sdk.FalseException e)
            {
                Assert.Fail($"{e.Message}; the screen:\n{Screen()}");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Watch_AMessageDeletedForEveryone_IsToldWithItsText_ThenForgotten_UnlessKeepDeleted(bool keepDeleted)
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 5 });
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(synchronized), ColorSystem = ColorSystemSupport.NoColors, Ansi = AnsiSupport.No });
        var folder = Directory.CreateTempSubdirectory("vklp-deleted-").FullName;
        var messages = Path.Combine(folder, "messages.db");
        var settings = new WatchCommand.WatchSettings(emulator.Tokens[0], emulator.ApiUrl, emulator.CertificatePemPath, 19, null, FeedLanguage.English, Json: false, FromNow: false, Path.Combine(folder, "checkpoints.db"), Only: null)
        {
            MessagesPath = messages,
            KeepDeleted = keepDeleted,
        };
        using var stop = new CancellationTokenSource(Bound);
        string Screen()
        {
            lock (synchronized)
            {
                return output.ToString();
            }
        }

        var watching = WatchCommand.RunAsync(settings, console, Stream.Null, TextWriter.Null, stop.Token);
        using var control = emulator.CreateControlClient();
        var name = WatchCommand.CheckpointNameOf(emulator.Tokens[0], emulator.ApiUrl);
        await Poll.UntilAsync(async () => !watching.IsCompleted && File.Exists(settings.CheckpointPath) && await new SqliteCheckpointStore(settings.CheckpointPath).LoadAsync(name) is not null, Bound, "watch has stored its starting checkpoint", stop.Token);

        var id = (await control.SendMessageAsync("a secret for a moment")).MessageId!.Value;
        await Poll.UntilAsync(() => Screen().Contains(": a secret for a moment", StringComparison.Ordinal), Bound, "the message is on the screen", stop.Token);
        await control.DeleteMessageAsync(id, forAll: true);
        await Poll.UntilAsync(() => Screen().Contains("deleted for everyone", StringComparison.Ordinal), Bound, "the deletion is on the screen", stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);

        // Told once, with what it said; then kept only when asked.
        var unwrapped = System.Text.RegularExpressions.Regex.Replace(Screen(), @"\s+", " "); // lines wrap at 80 columns here
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(unwrapped, "deleted for everyone[^:]*: a secret for a moment"));
        using var store = new SqliteMessageStore(messages);
        Assert.Equal(keepDeleted, await store.FindByIdAsync(id) is not null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

using Spectre.Console;
using VkLongPoll.Cli.Commands;
using VkLongPoll.Cli.Feed;
using VkLongPoll.Sqlite;
using Xunit.Abstractions;

namespace VkLongPoll.Cli.Tests;

/// <summary>What the feed asks of VK while it tells the demo's story: lookups are batched and cached, the store stays small.</summary>
public sealed class DemoFiguresTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_AsksFewApiCallsPerEvent_AndKeepsASmallStore()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vklp-demo-messages-{Guid.NewGuid():N}.db");
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(screen), ColorSystem = ColorSystemSupport.NoColors, Ansi = AnsiSupport.No });
        long events = 0;
        IReadOnlyDictionary<string, int> calls = new Dictionary<string, int>();
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await DemoCommand.RunAsync(console, FeedLanguage.English, 7, 10, bound.Token, new SqliteMessageStore(path), emulator =>
            {
                calls = emulator.ApiCalls;
                events = emulator.Journal(0).Count(e => e.Sent);
            });
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var size = new FileInfo(path).Length;
            // Presence is asked on a clock, not per event; the lookups are what the events cost.
            var lookups = calls.Where(c => c.Key is not ("friends.getOnline" or "users.get (last_seen)" or "messages.getLongPollServer" or "messages.getLongPollHistory")).Sum(c => c.Value);
            var perHundred = lookups * 100.0 / events;
            output.WriteLine($"demo: {events} events sent; API calls {string.Join(", ", calls.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}; lookups {lookups} ({perHundred:F0} per 100 events); message store {size / 1024.0:F0} KB");

            Assert.True(perHundred < 50, $"{lookups} lookups for {events} events: they are not batched");
            Assert.True(size < 256 * 1024, $"the store is {size} bytes");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}

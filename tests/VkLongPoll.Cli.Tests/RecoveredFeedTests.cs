using System.Threading.Channels;
using Spectre.Console;
using VkLongPoll.Cli.Feed;
using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Tests;

/// <summary>Recovered = live: the same story told once while the feed watches and once after a gap reads the same, line for line.</summary>
public sealed class RecoveredFeedTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FeedLines_OfEveryMessageKind_AreTheSame_LiveAndRecovered()
    {
        var live = await TellAsync(away: false);
        var recovered = await TellAsync(away: true);

        Assert.Contains("— while you were away —", recovered.Header, StringComparison.Ordinal);

        // Recovered = live, but for the unread count: live it follows the messages; a catch-up tells it once, at its end.
        static bool IsCount(string line) => line.StartsWith("Unread conversations", StringComparison.Ordinal);
        Assert.Equal(live.Lines.Where(l => !IsCount(l)), recovered.Lines.Where(l => !IsCount(l)));
        Assert.True(live.Lines.Count(IsCount) > 1, "the story moves the live unread count more than once");
        Assert.Single(recovered.Lines, IsCount);
        Assert.True(IsCount(recovered.Lines[^1]), $"the catch-up's unread count is not at its end: {recovered.Lines[^1]}");

        // A catch-up's times never go back (lines without a time of their own take the one before).
        var times = recovered.Header.Split('\n').Where(l => l.Length > 10 && l[2] == ':' && l[5] == ':').Select(l => l[..8]).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        // The story has every kind, and the lines say what each is (nothing "(no text)").
        var all = string.Join('\n', live.Lines);
        foreach (var expected in new[] { "[photo https://", "[voice message https://", "[sticker https://", "[document “document600000004.pdf” https://", "[video “Видео 456000005” https://", "[graffiti https://", "[link https://", "[wall post https://", "[location]", "(reply)", "renamed the chat “Old title” to “New title”", "invited", "pinned a message in “New title”: “pin me”", "edited a message: “first words” → better words", "A message from", "was deleted for everyone: to be deleted [photo https://" })
        {
            Assert.Contains(expected, all, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("(no text)", all, StringComparison.Ordinal);
    }

    /// <summary>A prologue the feed sees live in both runs, then the story: watched live, or told while the feed is away.</summary>
    private static async Task<(List<string> Lines, string Header)> TellAsync(bool away)
    {
        // Two events kept for a_check: coming back after the story is a failed: 1, so it comes from history.
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 42, RetainedEvents = 2, ScenarioLanguage = "en" });
        using var control = emulator.CreateControlClient();
        var friends = emulator.FriendIds();
        var output = new StringWriter();
        var screen = TextWriter.Synchronized(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(screen), ColorSystem = ColorSystemSupport.NoColors, Ansi = AnsiSupport.No });
        console.Profile.Width = 100_000;
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions { BaseUrl = emulator.ApiUrl, CallsPerSecond = 0, Language = "en" }, http);
        var directory = new FeedDirectoryCache(api, emulator.UserIds[0], TimeProvider.System, FeedLanguage.English);
        var runner = new FeedRunner(new FeedPrinter(console, TimeProvider.System, int.MaxValue), new FeedFormatter(FeedLanguage.English, directory), directory, FeedLanguage.English, only: null, new InMemoryMessageStore());
        var options = new LongPollClientOptions { AccessToken = emulator.Tokens[0], ApiBaseUrl = emulator.ApiUrl, ApiCallsPerSecond = 0, Wait = 1, RetryDelay = TimeSpan.FromMilliseconds(20) };
        LongPollCheckpoint? last = null;
        var mark = 0;

        // Prologue, watched in both runs: what the story later edits, deletes, renames and pins.
        EmulatorChange chat = null!, first = null!, doomed = null!, pinned = null!;
        await WatchUntilCaughtUpAsync(async () =>
        {
            chat = await control.ActAsync("chat_create", Fields(("title", "Old title"), ("member_ids", new[] { friends[0], friends[1] })));
            first = await control.SendMessageAsync("first words", friends[0], friends[0]);
            doomed = await control.ActAsync("send", Fields(("peer_id", friends[1]), ("from_id", friends[1]), ("text", "to be deleted"), ("attachments", new[] { Attachment("photo", friends[1], 457_000_001) })));
            pinned = await control.SendMessageAsync("pin me", chat.PeerId, friends[1]);
        });
        var peer = chat.PeerId!.Value;
        mark = output.ToString().Length;

        async Task Story()
        {
            await Send(friends[0], friends[0], "a photo", Attachment("photo", friends[0], 457_000_002));
            await Send(friends[1], friends[1], string.Empty, Attachment("audio_message", friends[1], 520_000_003));
            await control.ActAsync("send", Fields(("peer_id", friends[2]), ("from_id", friends[2]), ("text", string.Empty), ("attachments", new[] { new Dictionary<string, object?> { ["type"] = "sticker", ["owner_id"] = 0, ["id"] = 4_321, ["product_id"] = 12 } })));
            await Send(peer, friends[0], "the doc", Attachment("doc", friends[0], 600_000_004));
            await Send(peer, friends[1], "a video", Attachment("video", friends[1], 456_000_005));
            await Send(friends[3], friends[3], string.Empty, Attachment("graffiti", friends[3], 600_000_006));
            await control.ActAsync("send", Fields(("peer_id", friends[0]), ("from_id", friends[0]), ("text", "see"), ("attachments", new[] { new Dictionary<string, object?> { ["type"] = "link", ["owner_id"] = 0, ["id"] = 0, ["url"] = "https://example.org/a", ["title"] = "An article" } })));
            await Send(friends[1], friends[1], "this post", Attachment("wall", -1, 2));
            await Send(friends[2], friends[2], "here", Attachment("geo", 55_751_244, 37_618_423));
            await control.ActAsync("send", Fields(("peer_id", friends[0]), ("from_id", friends[0]), ("text", "an answer"), ("reply_to", first.ConversationMessageId)));
            await control.ActAsync("chat_rename", Fields(("chat_id", chat.ChatId), ("title", "New title")));
            await control.ActAsync("chat_invite", Fields(("chat_id", chat.ChatId), ("user_id", friends[3])));
            await control.ActAsync("chat_pin", Fields(("chat_id", chat.ChatId), ("conversation_message_id", pinned.ConversationMessageId)));
            await control.EditMessageAsync(first.MessageId!.Value, "better words");
            await control.DeleteMessageAsync(doomed.MessageId!.Value, forAll: true);
            await Send(friends[0], friends[0], "the end");
        }

        if (away)
        {
            await Story();
            await WatchUntilCaughtUpAsync(() => Task.CompletedTask);
        }
        else
        {
            await WatchUntilCaughtUpAsync(Story);
        }

        var told = output.ToString()[mark..];
        var lines = told.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r'))
            .Where(line => !line.StartsWith('·') && !line.StartsWith('—'))
            .Select(line => line.Length > 10 && line[2] == ':' ? line[10..] : line) // without the time
            .ToList();
        return (lines, told);

        Task Send(long to, long from, string text, Dictionary<string, object?>? attachment = null) =>
            control.ActAsync("send", Fields(("peer_id", to), ("from_id", from), ("text", text), ("attachments", attachment is null ? null : new[] { attachment })));

        async Task WatchUntilCaughtUpAsync(Func<Task> meanwhile)
        {
            using var stop = new CancellationTokenSource(Bound);
            await using var client = new LongPollClient(options, http);
            // Every checkpoint the feed takes, in order: the test waits on them instead of looking at intervals.
            var taken = Channel.CreateUnbounded<LongPollCheckpoint>();
            var from = last;
            var store = new InMemoryCheckpointStore();
            if (from is not null)
            {
                await store.SaveAsync(client.Name, from);
            }

            var feed = runner.RunAsync(client, new FeedCheckpoints(store, saved: checkpoint =>
            {
                last = checkpoint;
                taken.Writer.TryWrite(checkpoint);
            }), stop.Token);
            if (from is null)
            {
                // From now: what happens before the first checkpoint (the starting point) is not the feed's news.
                await NextTakenAsync();
            }

            await meanwhile();
            var end = emulator.Position(0).Ts;
            while (last?.Ts != end)
            {
                await NextTakenAsync();
            }

            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feed);

            async Task NextTakenAsync()
            {
                var next = taken.Reader.ReadAsync(stop.Token).AsTask();
                await Task.WhenAny(next, feed);
                Assert.True(next.IsCompleted, $"the feed ended: {feed.Exception}\n{output}");
                await next;
            }
        }
    }

    private static Dictionary<string, object?> Attachment(string type, long owner, long id) => new() { ["type"] = type, ["owner_id"] = owner, ["id"] = id };

    private static Dictionary<string, object?> Fields(params (string Name, object? Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);
}

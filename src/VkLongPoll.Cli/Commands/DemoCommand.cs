using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VkLongPoll.Cli.Demo;
using VkLongPoll.Cli.Feed;
using VkLongPoll.Cli.Hosting;
using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Commands;

/// <summary><c>vklp demo</c>: the notifier against an in-process emulator running a lively scenario, with a key expiry and an outdated ts on the way.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = OptionParsers.Int("--seed", "Seed of the emulated world (names, ids).", 7, int.MinValue, int.MaxValue);
        var speed = OptionParsers.PositiveNumber("--speed", "Playback speed (1 = about four actions a second).", 1);
        var lang = OptionParsers.Language();
        var noColor = new Option<bool>("--no-color") { Description = "No colours (NO_COLOR is honoured too)." };
        var command = new Command("demo", "Show the live feed of an emulated VK account: friends online, typing, messages with photos and voice, chats, edits and deletions — and recoveries.")
        {
            seed, speed, lang, noColor,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var console = FeedConsole.Create(result.GetValue(noColor));
            return await RunAsync(console, FeedConsole.Language(result.GetValue(lang)), result.GetValue(seed), result.GetValue(speed), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <param name="console">Where the feed goes.</param>
    /// <param name="language">The feed's language.</param>
    /// <param name="seed">The emulated world's seed.</param>
    /// <param name="speed">Playback speed.</param>
    /// <param name="cancellationToken">Stops the demo.</param>
    /// <param name="messages">The message store (in memory by default).</param>
    /// <param name="inspect">Called with the emulator at the end (tests measure what the feed asked of it).</param>
    public static async Task<int> RunAsync(IAnsiConsole console, FeedLanguage language, int seed, double speed, CancellationToken cancellationToken, IMessageStore? messages = null, Action<VkEmulator>? inspect = null)
    {
        var ru = language == FeedLanguage.Russian;
        var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Seed = seed, RetainedEvents = 16, ApiCallsPerSecond = 0, ScenarioLanguage = ru ? "ru" : "en" }, cancellationToken).ConfigureAwait(false);
        await using var stopEmulator = emulator.ConfigureAwait(false);
        var time = TimeProvider.System;
        var printer = new FeedPrinter(console, time);
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions { BaseUrl = emulator.ApiUrl, CallsPerSecond = 0, Language = ru ? "ru" : "en" }, http);
        using var control = emulator.CreateControlClient();
        var directory = new FeedDirectoryCache(api, emulator.UserIds[0], time, language);
        using var runner = new FeedRunner(printer, new FeedFormatter(language, directory), directory, language, only: null, messages ?? new InMemoryMessageStore());
        var store = new InMemoryCheckpointStore();
        var options = new LongPollClientOptions
        {
            AccessToken = emulator.Tokens[0],
            ApiBaseUrl = emulator.ApiUrl,
            ApiCallsPerSecond = 0,
            Wait = 1,
            RetryDelay = TimeSpan.FromMilliseconds(200),
            OnStatus = status =>
            {
                // Each act starts the session again: "connected" lines would only be noise here.
                if (status is not LongPollStarted && StatusLines.For(status, language) is { } line)
                {
                    printer.Status("· " + line);
                }
            },
        };

        printer.Status(ru ? $"· эмулятор VK запущен на {emulator.BaseUri}, аккаунт id{emulator.UserIds[0]}" : $"· VK emulator on {emulator.BaseUri}, account id{emulator.UserIds[0]}");
        // Version 19 sends no friends' online events: the feed looks at presence itself, here often enough to see the story's.
        var presenceInterval = TimeSpan.FromMilliseconds(Math.Max(100, 1000 / speed));
        var story = new DemoStory(control, emulator.FriendIds(), ru, TimeSpan.FromMilliseconds(250 / speed), wait => Task.Delay(wait, cancellationToken));

        // Act 1: live, with the key expiring on the way. Act 2: the feed is away while more happens than the server keeps.
        await PlayAsync(emulator, options, store, runner, http, api, presenceInterval,
            () => story.LiveAsync(() => control.InjectFaultAsync(FaultKind.Failed2, cancellationToken: cancellationToken), presenceInterval * 3), cancellationToken).ConfigureAwait(false);
        printer.Status(ru ? "· лента отключена; тем временем на аккаунте продолжается жизнь…" : "· the feed is away; life on the account goes on…");
        await story.AwayAsync().ConfigureAwait(false);
        await PlayAsync(emulator, options, store, runner, http, api, presenceInterval, () => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        printer.Status(ru ? "· конец демонстрации" : "· end of the demo");
        inspect?.Invoke(emulator);
        return 0;
    }

    /// <summary>Runs the feed while <paramref name="act"/> plays, then until it has caught up with the emulator.</summary>
    private static async Task PlayAsync(VkEmulator emulator, LongPollClientOptions options, InMemoryCheckpointStore store, FeedRunner runner, HttpClient http, VkApiClient api, TimeSpan presenceInterval, Func<Task> act, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var client = new LongPollClient(options, http);
        await using var disposeClient = client.ConfigureAwait(false);
        LongPollCheckpoint? last = null;
        var presence = new FriendPresenceWatcher(api, presenceInterval) { ReportOnlineAtStart = true }.WatchAsync(stop.Token);
        var feed = runner.RunAsync(client, new FeedCheckpoints(store, saved: checkpoint => last = checkpoint), stop.Token, presence);

        // The session must be connected before the act starts, or the act's first events would precede it.
        while (last is null && !feed.IsCompleted)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        await act().ConfigureAwait(false);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        while (last?.Ts != emulator.Position(0).Ts && !feed.IsCompleted)
        {
            await Task.Delay(50, bound.Token).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await feed.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // This act is over.
        }
    }
}

/// <summary>The console and language of the feed commands.</summary>
internal static class FeedConsole
{
    public static IAnsiConsole Create(bool noColor)
    {
        var console = AnsiConsole.Console;
        if (noColor || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 })
        {
            console.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
        }

        // The feed wraps its lines itself (FeedPrinter) at the terminal's width, keeping links whole so the terminal can
        // soft-wrap them; Spectre's own wrapping would cut them with hard line breaks. A file or a pipe is not wrapped at all.
        console.Profile.Width = 100_000;

        return console;
    }

    /// <summary>The language asked for, else the system's (Russian for a Russian system, English otherwise).</summary>
    public static FeedLanguage Language(FeedLanguage? chosen) =>
        chosen ?? (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? FeedLanguage.Russian : FeedLanguage.English);
}

using System.CommandLine;
using System.Net;
using Spectre.Console;
using VkLongPoll.Cli.Community;
using VkLongPoll.Cli.Feed;
using VkLongPoll.Cli.Hosting;
using VkLongPoll.Cli.Login;
using VkLongPoll.Cli.Output;
using VkLongPoll.Engine;
using VkLongPoll.Sqlite;

namespace VkLongPoll.Cli.Commands;

/// <summary><c>vklp watch</c>: the live feed of a VK account (or of the emulator), with checkpoints so a restart misses and repeats nothing.</summary>
internal static class WatchCommand
{
    /// <summary>The groups <c>--only</c> knows.</summary>
    public static readonly IReadOnlyList<string> Groups = ["messages", "typing", "online", "chats", "reads", "counters"];

    /// <summary>Everything <c>vklp watch</c> was told.</summary>
    internal sealed record WatchSettings(
        string Token, Uri ApiUrl, string? CaPemPath, int Version, long? GroupId, FeedLanguage Language,
        bool Json, bool FromNow, string CheckpointPath, IReadOnlySet<string>? Only)
    {
        /// <summary>A proxy for every request (else HTTPS_PROXY / ALL_PROXY from the environment).</summary>
        public Uri? Proxy { get; init; }

        /// <summary>Seconds between two looks at friends' presence (versions 11 and later, where Long Poll no longer sends it).</summary>
        public int PresenceInterval { get; init; } = 60;

        /// <summary>The message store (what edits replaced, what deletions removed); null for <c>--no-store</c>.</summary>
        public string? MessagesPath { get; init; }

        /// <summary>Keep messages deleted for everyone in the store (by default they are forgotten once told).</summary>
        public bool KeepDeleted { get; init; }

        /// <summary>The login <c>vklp login</c> stored, used when <see cref="Token"/> is empty; <see cref="LoginPath"/> is where renewed tokens go.</summary>
        public StoredLogin? Login { get; init; }

        public string? LoginPath { get; init; }

        /// <summary>The answer to the captcha VK asks for (<c>--captcha-token</c>); without it, a captcha is asked on the terminal.</summary>
        public string? CaptchaToken { get; init; }

        /// <summary><c>--transport</c>; null: the Bots Long Poll for a community's own token with <c>--group-id</c>, the User Long Poll otherwise.</summary>
        public WatchTransport? Transport { get; init; }

        /// <summary>Where the Callback API listener takes VK's POSTs (<c>--listen</c>).</summary>
        public Uri? Listen { get; init; }

        /// <summary>The Callback API's secret (<c>--secret</c> or VK_CALLBACK_SECRET).</summary>
        public string? CallbackSecret { get; init; }

        /// <summary>The Callback API's confirmation code (<c>--confirmation</c>); null: asked from VK.</summary>
        public string? Confirmation { get; init; }
    }

    public static Command Create()
    {
        var token = new Option<string?>("--token") { Description = "Access token, or - to read it from standard input (else VK_TOKEN, vklp login's, or a prompt that does not echo). A value here is visible to other users in ps." };
        var tokenFile = OptionParsers.FilePath("--token-file", "A file holding the access token, readable by you only (chmod 600).");
        var apiUrl = OptionParsers.HttpUrl("--api-url", "API base URL, e.g. the emulator's (default https://api.vk.ru/method).");
        var caCert = OptionParsers.FilePath("--ca-cert", "A PEM certificate to trust (the emulator's ca_cert_pem_path; empty: none, as an emulator on plain HTTP gives).", emptyIsNone: true);
        // A proxy is usually plain http:// on the company's network: what it carries to VK is TLS end to end (CONNECT), so the
        // loopback-only rule of --api-url does not apply to it.
        var proxy = OptionParsers.HttpUrl("--proxy", "An HTTP proxy for every request, e.g. http://proxy.corp:3128 (HTTPS_PROXY and ALL_PROXY are honoured without it).", plainOnlyToLoopback: false);
        var version = OptionParsers.OneOf("--lp-version", "Long Poll version: 19, 11, 10 or 3.", 19, LongPollClientOptions.SupportedVersions);
        var groupId = OptionParsers.Id("--group-id", "A community whose dialogs to watch (you must be an admin).");
        var lang = OptionParsers.Language();
        var json = new Option<bool>("--json") { Description = "NDJSON events (as vklp decode) instead of readable lines; status lines go to stderr." };
        var noColor = new Option<bool>("--no-color") { Description = "No colours (NO_COLOR is honoured too)." };
        var only = OptionParsers.Subset("--only", "Show only these groups: " + string.Join(",", Groups) + ".", Groups);
        var fromNow = new Option<bool>("--from-now") { Description = "Skip what happened since the last run." };
        var checkpoints = OptionParsers.FilePath("--checkpoints", "SQLite file for checkpoints (default: vklp/checkpoints.db in the user's data folder).");
        var presence = OptionParsers.Int("--presence-interval", "Seconds between two looks at friends online (versions 11 and later; default 60, at least 5).", 60, 5, 24 * 3600);
        var messages = OptionParsers.FilePath("--messages", "SQLite file of the messages seen, for edits and deletions (default: vklp/messages.db in the user's data folder; 30 days, 64 MB).");
        var noStore = new Option<bool>("--no-store") { Description = "Keep no messages: edits and deletions then say less." };
        var keepDeleted = new Option<bool>("--keep-deleted") { Description = "Keep messages deleted for everyone in the message store (by default a deletion is told once, then forgotten)." };
        var captchaToken = new Option<string?>("--captcha-token") { Description = "The success_token VK's captcha page gave (or the older captcha's characters): answers the captcha VK asks for. Without it, watch asks on a terminal." };
        var transport = new Option<WatchTransport?>("--transport")
        {
            Description = "user (the User Long Poll; the default with a user's token), bots (a community's Bots Long Poll; the default with a community's token and --group-id), callback (VK POSTs to --listen), or both (bots and callback at once, each event once).",
            // One plain line for a wrong word, in the words the help uses (not the type's name and capitalised members).
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Enum.TryParse<WatchTransport>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _))
                {
                    return parsed;
                }

                result.AddError($"--transport: '{text}' is not one of user, bots, callback, both");
                return null;
            },
        };
        var listen = OptionParsers.HttpUrl("--listen", "Where to take the Callback API's POSTs, e.g. http://127.0.0.1:8080/vk (port 0: any free port, said on start).", plainOnlyToLoopback: false);
        var callbackSecret = new Option<string?>("--secret") { Description = "The Callback API's secret key (else VK_CALLBACK_SECRET; required with callback): a POST without it is refused with 403." };
        var confirmation = new Option<string?>("--confirmation") { Description = "The Callback API's confirmation code (else asked from VK with groups.getCallbackConfirmationCode)." };
        var command = new Command("watch", "Show what happens on a VK account, live, in plain words.")
        {
            token, tokenFile, apiUrl, caCert, proxy, version, groupId, lang, json, noColor, only, fromNow, checkpoints, presence, messages, noStore, keepDeleted, captchaToken,
            transport, listen, callbackSecret, confirmation,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var caPath = result.GetValue(caCert) is { Length: > 0 } givenCa ? givenCa : null;
            FailureReport.CheckCertificate(caPath, "--ca-cert");
            // The token: --token, then VK_TOKEN, then what vklp login stored, then a prompt on the terminal.
            var loginPath = StoredLogin.DefaultPath();
            var secret = TokenArguments.Read(result.GetValue(token), result.GetValue(tokenFile), Console.In, Console.Error, "vklp watch")
                ?? Environment.GetEnvironmentVariable("VK_TOKEN");
            var login = string.IsNullOrWhiteSpace(secret) ? StoredLogin.Load(loginPath) : null;
            if (string.IsNullOrWhiteSpace(secret) && login is null)
            {
                secret = SecretPrompt.Read(FeedConsole.Language(result.GetValue(lang)) == FeedLanguage.Russian ? "Токен доступа VK: " : "VK access token: ");
            }

            if (string.IsNullOrWhiteSpace(secret) && login is null)
            {
                throw new CliFailure(ExitCodes.Token, "no token: run vklp login, set VK_TOKEN, give --token-file or --token, or run it in a terminal to be asked (" + FailureReport.TokenHelp + ")");
            }

            var settings = new WatchSettings(
                secret?.Trim() ?? string.Empty,
                result.GetValue(apiUrl) ?? VkApiClientOptions.VkBaseUrl,
                caPath,
                result.GetValue(version),
                result.GetValue(groupId),
                FeedConsole.Language(result.GetValue(lang)),
                result.GetValue(json),
                result.GetValue(fromNow),
                result.GetValue(checkpoints) ?? DefaultCheckpointPath(),
                result.GetValue(only))
            {
                Proxy = result.GetValue(proxy),
                PresenceInterval = result.GetValue(presence),
                MessagesPath = result.GetValue(noStore) ? null : result.GetValue(messages) ?? Path.Combine(Path.GetDirectoryName(DefaultCheckpointPath())!, "messages.db"),
                KeepDeleted = result.GetValue(keepDeleted),
                Login = login,
                LoginPath = loginPath,
                CaptchaToken = result.GetValue(captchaToken),
                Transport = result.GetValue(transport),
                Listen = result.GetValue(listen),
                CallbackSecret = result.GetValue(callbackSecret) ?? Environment.GetEnvironmentVariable("VK_CALLBACK_SECRET"),
                Confirmation = result.GetValue(confirmation),
            };
            using var stdout = RawStandardOutput.OpenStream();
            return await RunAsync(settings, FeedConsole.Create(result.GetValue(noColor)), stdout, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs the feed until <paramref name="cancellationToken"/> stops it (then <see cref="OperationCanceledException"/>, after the checkpoint of the last batch shown is saved).</summary>
    public static async Task<int> RunAsync(WatchSettings settings, IAnsiConsole console, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // The checkpoint file first: a file that cannot be used, or that others can read, is said before anything goes to the
        // network (ssh refuses such keys too; these files hold Long Poll keys and message texts).
        foreach (var path in new[] { settings.CheckpointPath, settings.MessagesPath })
        {
            if (path is not null && File.Exists(path) && Sqlite.PrivateFile.OpenToOthers(path) is { } problem)
            {
                throw new CheckpointStoreException(path, problem);
            }
        }

        var store = new SqliteCheckpointStore(settings.CheckpointPath);
        using var remembered = settings.MessagesPath is { } messagesPath ? new SqliteMessageStore(messagesPath) : null;
        using var http = LongPollHttp.CreateClient(LongPollHttp.CreateHandler(settings.CaPemPath, settings.Proxy is { } proxy ? new WebProxy(proxy) : null));
        var time = TimeProvider.System;
        var printer = new FeedPrinter(console, time);
        var tokens = TokenSource(settings, http);
        var captcha = new CaptchaAnswers(settings.CaptchaToken, stderr);
        using var api = new VkApiClient(tokens, new VkApiClientOptions { BaseUrl = settings.ApiUrl, Language = settings.Language == FeedLanguage.Russian ? "ru" : "en", CaptchaHandler = captcha.AnswerAsync }, http);
        var onStatus = StatusSink(settings, printer, stderr);
        var (transport, group) = await CommunityWatch.ResolveAsync(settings, api, cancellationToken).ConfigureAwait(false);
        if (transport != WatchTransport.User)
        {
            return await CommunityWatch.RunAsync(settings, transport, group!.Value, store, tokens, http, api, printer, onStatus, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        var client = new LongPollClient(new LongPollClientOptions
        {
            TokenSource = tokens,
            ApiBaseUrl = settings.ApiUrl,
            CheckpointName = CheckpointNameFor(tokens.AccountKey, settings.GroupId, settings.ApiUrl),
            Version = settings.Version,
            GroupId = settings.GroupId,
            CaptchaHandler = captcha.AnswerAsync,
            OnStatus = onStatus,
        }, http);
        await using var disposeClient = client.ConfigureAwait(false);

        // One watch per account and checkpoint file, said before anything goes to the network.
        using var held = CheckpointLock.Acquire(settings.CheckpointPath, client.Name);
        var firstShown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpoints = new FeedCheckpoints(store, settings.FromNow, saved: _ => firstShown.TrySetResult());
        var directory = new FeedDirectoryCache(api, selfId: null, time, settings.Language, settings.GroupId);

        // Friends' names ahead, once the first batch is shown (the starting point, or a backlog): it does not take the
        // token's 3 calls a second from the lookups the backlog needs, and a friend's next message reads with a name at once.
        using var stopPrefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prefetch = PrefetchAfterAsync(firstShown.Task, directory, stopPrefetch.Token);
        try
        {
            return await WatchAsync(settings, client, checkpoints, directory, api, printer, remembered, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The watch may end before a first batch (a refused token): the prefetch then ends with it, never waits on.
            await stopPrefetch.CancelAsync().ConfigureAwait(false);
            await prefetch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The session's statuses as the feed's dim lines (or, with --json, as lines on standard error).</summary>
    private static Action<LongPollStatus> StatusSink(WatchSettings settings, FeedPrinter printer, TextWriter stderr) => status =>
    {
        if (StatusLines.For(status, settings.Language, settings.ApiUrl.Scheme == Uri.UriSchemeHttp ? settings.ApiUrl : null) is not { } line)
        {
            return;
        }

        if (settings.Json)
        {
            stderr.WriteLine("vklp watch: " + TerminalText.Sanitize(line, keepNewlines: false));
        }
        else
        {
            printer.Status("· " + line);
        }
    };

    private static async Task PrefetchAfterAsync(Task firstShown, FeedDirectoryCache directory, CancellationToken cancellationToken)
    {
        await firstShown.WaitAsync(cancellationToken).ConfigureAwait(false);
        await directory.PrefetchFriendsAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> WatchAsync(WatchSettings settings, LongPollClient client, FeedCheckpoints checkpoints, FeedDirectoryCache directory, VkApiClient api, FeedPrinter printer, SqliteMessageStore? remembered, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            using var writer = new EventJsonWriter(stdout, settings.Version);
            try
            {
                // A failing write ends the watch with it (the batch unsaved, so the next run sends it again).
                await new AccountEngine(client, new JsonFeed(writer, directory, settings.Only, stderr), new AccountEngineOptions
                {
                    CheckpointStore = checkpoints,
                    HandlerAttempts = 1,
                    HandlerFailure = HandlerFailurePolicy.StopAccount,
                }).RunAsync(cancellationToken, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (RawStandardOutput.IsBrokenPipe(e))
            {
                // The reader went away: watch ends as a program ended by SIGPIPE would.
                return ExitCodes.BrokenPipe;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return ExitCodes.Ok;
        }

        // Versions 11 and later do not send friends' online events: a watcher asks the API for them.
        var presence = settings.Version >= 11 ? new FriendPresenceWatcher(api, TimeSpan.FromSeconds(settings.PresenceInterval)) { ReportOnlineAtStart = true }.WatchAsync(cancellationToken) : null;
        using var feed = new FeedRunner(printer, new FeedFormatter(settings.Language, directory), directory, settings.Language, settings.Only, remembered, settings.KeepDeleted);
        await feed.RunAsync(client, checkpoints, cancellationToken, presence).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>A given token as it is; a stored VK ID login renewed through VK ID, each new pair written back to the login file.</summary>
    private static IAccessTokenSource TokenSource(WatchSettings settings, HttpClient http)
    {
        if (settings.Token.Length > 0 || settings.Login is null)
        {
            return new StaticAccessTokenSource(settings.Token);
        }

        if (settings.Login.Kind != StoredLogin.VkId)
        {
            return new StaticAccessTokenSource(settings.Login.AccessToken);
        }

        var login = settings.Login;
        return new StoredLoginTokens(login, settings.LoginPath!, new VkIdClient(login.ClientId!.Value, login.VkIdUrl, http));
    }

    private static string DefaultCheckpointPath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "vklp", "checkpoints.db");

    /// <summary>
    /// The library's name for VK's own hosts (so existing checkpoints go on); for any other API (an emulator, a stand-in) the
    /// host and port are part of it: a checkpoint holds that server's Long Poll key, and a watch pointed elsewhere must not
    /// poll the old server with it.
    /// </summary>
    /// <summary>The checkpoint name watch uses for a plain <paramref name="token"/> against <paramref name="apiUrl"/> (the tests look it up).</summary>
    internal static string CheckpointNameOf(string token, Uri apiUrl, long? groupId = null)
    {
        var accountKey = new StaticAccessTokenSource(token).AccountKey;
        return CheckpointNameFor(accountKey, groupId, apiUrl) ?? LongPollClient.DefaultCheckpointName(accountKey, groupId);
    }

    private static string? CheckpointNameFor(string accountKey, long? groupId, Uri apiUrl) =>
        apiUrl.Host is "api.vk.ru" or "api.vk.com"
            ? null
            : $"vk-{accountKey}{(groupId is { } group ? "-club" + group.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}@{apiUrl.Authority}";
}

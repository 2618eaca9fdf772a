using System.Globalization;
using System.Text.Json;
using VkLongPoll.Callback;
using VkLongPoll.Cli.Commands;
using VkLongPoll.Cli.Feed;
using VkLongPoll.Cli.Hosting;
using VkLongPoll.Cli.Output;
using VkLongPoll.Community;
using VkLongPoll.Engine;
using VkLongPoll.Sqlite;

namespace VkLongPoll.Cli.Community;

/// <summary>
/// <c>vklp watch</c> for a community: the Bots Long Poll, the Callback API (a listener at <c>--listen</c> recording into the
/// checkpoint file's inbox), or both, through one <see cref="CommunitySource"/> and the one engine; plain lines or NDJSON.
/// </summary>
internal static class CommunityWatch
{
    /// <summary>
    /// The transport to use: the one asked for; without <c>--transport</c>, the Bots Long Poll when the token is the
    /// community's own (<c>groups.getById</c> without ids names it), the User Long Poll otherwise (an admin's user token).
    /// </summary>
    public static async Task<(WatchTransport Transport, long? GroupId)> ResolveAsync(WatchCommand.WatchSettings settings, VkApiClient api, CancellationToken cancellationToken)
    {
        if (settings.Transport == WatchTransport.User || (settings.Transport is null && settings.GroupId is null))
        {
            return (WatchTransport.User, settings.GroupId);
        }

        if (settings.Transport is { } asked)
        {
            var group = settings.GroupId ?? await OwnCommunityAsync(api, cancellationToken).ConfigureAwait(false) ?? throw new CliFailure(ExitCodes.Usage,
                $"--transport {asked.ToString().ToLowerInvariant()} needs a community: a community's token, or --group-id ID");
            return (asked, group);
        }

        var own = await OwnCommunityAsync(api, cancellationToken).ConfigureAwait(false);
        return own is { } community && community == settings.GroupId ? (WatchTransport.Bots, community) : (WatchTransport.User, settings.GroupId);
    }

    public static async Task<int> RunAsync(
        WatchCommand.WatchSettings settings, WatchTransport transport, long groupId, SqliteCheckpointStore store, IAccessTokenSource tokens, HttpClient http,
        VkApiClient api, FeedPrinter printer, Action<LongPollStatus> onStatus, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var bots = transport is WatchTransport.Bots or WatchTransport.Both;
        var callback = transport is WatchTransport.Callback or WatchTransport.Both;
        var listener = callback ? await ListenAsync(settings, groupId, store, api, cancellationToken).ConfigureAwait(false) : null;
        try
        {
            return await RunSourceAsync(settings, bots, listener, groupId, store, tokens, http, api, printer, onStatus, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (listener is not null)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> RunSourceAsync(
        WatchCommand.WatchSettings settings, bool bots, CallbackListener? listener, long groupId, SqliteCheckpointStore store, IAccessTokenSource tokens, HttpClient http,
        VkApiClient api, FeedPrinter printer, Action<LongPollStatus> onStatus, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (listener is not null)
        {
            Say(settings, printer, stderr, settings.Language == FeedLanguage.Russian
                ? $"принимаю Callback API сообщества {groupId} на {listener.Address}"
                : $"receiving community {groupId}'s Callback API at {listener.Address}");
        }

        var source = new CommunitySource(new CommunitySourceOptions
        {
            Connection = new LongPollClientOptions { TokenSource = tokens, ApiBaseUrl = settings.ApiUrl, GroupId = groupId, OnStatus = onStatus },
            BotsLongPoll = bots,
            CallbackInbox = listener is null ? null : store,
            CheckpointName = CheckpointName(tokens.AccountKey, groupId, settings.ApiUrl),
        }, http);
        await using var disposeSource = source.ConfigureAwait(false);
        using var held = CheckpointLock.Acquire(settings.CheckpointPath, source.Name);
        using var json = settings.Json ? new EventJsonWriter(stdout, 0) : null;
        var feed = new CommunityFeed(settings.Json ? null : printer, json, api, settings.Language);
        try
        {
            await new AccountEngine(source, feed, new AccountEngineOptions
            {
                CheckpointStore = new FeedCheckpoints(store, settings.FromNow),
                HandlerAttempts = 1,
                HandlerFailure = HandlerFailurePolicy.StopAccount,
            }).RunAsync(cancellationToken, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (RawStandardOutput.IsBrokenPipe(e))
        {
            return ExitCodes.BrokenPipe;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return ExitCodes.Ok;
    }

    /// <summary>The Callback listener: the code from <c>--confirmation</c>, else asked from VK (a community token with <c>manage</c> may).</summary>
    private static async Task<CallbackListener> ListenAsync(WatchCommand.WatchSettings settings, long groupId, SqliteCheckpointStore store, VkApiClient api, CancellationToken cancellationToken)
    {
        var listen = settings.Listen ?? throw new CliFailure(ExitCodes.Usage, "--transport callback needs --listen URL, e.g. --listen http://127.0.0.1:8080/vk (VK POSTs there; put HTTPS in front of it)");
        if (string.IsNullOrEmpty(settings.CallbackSecret))
        {
            // Without a secret anyone who finds the address could post events that look like VK's.
            throw new CliFailure(ExitCodes.Usage, "--transport callback needs --secret S (or VK_CALLBACK_SECRET): the secret key set for the server in the community's Callback API settings");
        }

        var code = settings.Confirmation;
        if (string.IsNullOrWhiteSpace(code))
        {
            try
            {
                code = await ConfirmationCodeAsync(api, groupId, cancellationToken).ConfigureAwait(false);
            }
            catch (VkApiException e)
            {
                throw new CliFailure(ExitCodes.VkRefused, $"VK did not give the confirmation code ({e.Message}); give it with --confirmation CODE (the community's settings, Callback API)");
            }
        }

        var options = new VkCallbackOptions { Inbox = store };
        options.Communities.Add(new VkCallbackCommunity(groupId, code, settings.CallbackSecret));
        try
        {
            return await CallbackListener.StartAsync(listen, options, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new CliFailure(ExitCodes.Usage, $"cannot listen on {listen.GetLeftPart(UriPartial.Authority)}: {e.Message}");
        }
    }

    private static async Task<string> ConfirmationCodeAsync(VkApiClient api, long groupId, CancellationToken cancellationToken)
    {
        var body = await api.CallAsync("groups.getCallbackConfirmationCode", [new("group_id", groupId.ToString(CultureInfo.InvariantCulture))], cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("response").GetProperty("code").GetString()
            ?? throw new CliFailure(ExitCodes.VkRefused, "VK's confirmation code was empty; give it with --confirmation CODE");
    }

    /// <summary>The community the token is the community's own token of (<c>groups.getById</c> without ids), or null for a user's token.</summary>
    private static async Task<long?> OwnCommunityAsync(VkApiClient api, CancellationToken cancellationToken)
    {
        try
        {
            var body = await api.CallAsync("groups.getById", [], cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            var response = document.RootElement.GetProperty("response");
            // 5.199 answers {"groups":[…]}; older versions a bare array.
            var groups = response.ValueKind == JsonValueKind.Object && response.TryGetProperty("groups", out var list) ? list : response;
            return groups.ValueKind == JsonValueKind.Array && groups.GetArrayLength() > 0 && groups[0].TryGetProperty("id", out var id) && id.TryGetInt64(out var group) ? group : null;
        }
        catch (VkApiException e) when (e is not VkAuthorizationException)
        {
            // A user's token without group ids: VK refuses (error 100). Not a community token.
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // An answer of another shape: take the token for a user's.
            return null;
        }
    }

    private static string CheckpointName(string accountKey, long groupId, Uri apiUrl) =>
        CommunitySource.DefaultCheckpointName(accountKey, groupId) + (apiUrl.Host is "api.vk.ru" or "api.vk.com" ? string.Empty : "@" + apiUrl.Authority);

    private static void Say(WatchCommand.WatchSettings settings, FeedPrinter printer, TextWriter stderr, string line)
    {
        if (settings.Json)
        {
            stderr.WriteLine("vklp watch: " + TerminalText.Sanitize(line, keepNewlines: false));
        }
        else
        {
            printer.Status("· " + line);
        }
    }
}

using System.CommandLine;
using Spectre.Console;
using VkLongPoll.Api;
using VkLongPoll.Cli.Feed;
using VkLongPoll.Cli.Output;
using VkLongPoll.Session;

namespace VkLongPoll.Cli.Commands;

/// <summary><c>vklp watch</c>: the live feed of a VK account (or of the emulator), with checkpoints so a restart misses and repeats nothing.</summary>
internal static class WatchCommand
{
    /// <summary>Everything <c>vklp watch</c> was told.</summary>
    internal sealed record WatchSettings(
        string Token, Uri ApiUrl, string? CaPemPath, int Version, long? GroupId, FeedLanguage Language,
        bool Json, bool FromNow, string CheckpointPath, IReadOnlySet<string>? Only);

    public static Command Create()
    {
        var token = new Option<string?>("--token") { Description = "Access token (else VK_TOKEN, else a prompt that does not echo)." };
        var apiUrl = new Option<Uri?>("--api-url") { Description = "API base URL, e.g. the emulator's (default https://api.vk.com/method)." };
        var caCert = new Option<string?>("--ca-cert") { Description = "A PEM certificate to trust (the emulator's ca_cert_pem_path)." };
        var version = new Option<int>("--lp-version") { Description = "Long Poll version: 19, 11, 10 or 3.", DefaultValueFactory = _ => 19 };
        var groupId = new Option<long?>("--group-id") { Description = "A community whose dialogs to watch (you must be an admin)." };
        var lang = new Option<string?>("--lang") { Description = "ru or en (default: the system's language)." };
        var json = new Option<bool>("--json") { Description = "NDJSON events (as vklp decode) instead of readable lines." };
        var noColor = new Option<bool>("--no-color") { Description = "No colours (NO_COLOR is honoured too)." };
        var only = new Option<string?>("--only") { Description = "Show only these groups: messages,typing,online,chats,reads,counters." };
        var fromNow = new Option<bool>("--from-now") { Description = "Skip what happened since the last run." };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "SQLite file for checkpoints (default: vklp/checkpoints.db in the user's data folder)." };
        var command = new Command("watch", "Show what happens on a VK account, live, in plain words.")
        {
            token, apiUrl, caCert, version, groupId, lang, json, noColor, only, fromNow, checkpoints,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var secret = result.GetValue(token) ?? Environment.GetEnvironmentVariable("VK_TOKEN") ?? Prompt();
            if (string.IsNullOrWhiteSpace(secret))
            {
                await Console.Error.WriteLineAsync("vklp watch: no token: give --token, set VK_TOKEN, or run it in a terminal to be asked").ConfigureAwait(false);
                return 2;
            }

            var settings = new WatchSettings(
                secret,
                result.GetValue(apiUrl) ?? VkApiClientOptions.VkBaseUrl,
                result.GetValue(caCert),
                result.GetValue(version),
                result.GetValue(groupId),
                FeedConsole.Language(result.GetValue(lang)),
                result.GetValue(json),
                result.GetValue(fromNow),
                result.GetValue(checkpoints) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "vklp", "checkpoints.db"),
                result.GetValue(only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal));
            return await RunAsync(settings, FeedConsole.Create(result.GetValue(noColor)), Console.OpenStandardOutput(), Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(WatchSettings settings, IAnsiConsole console, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var http = LongPollHttp.CreateClient(LongPollHttp.CreateHandler(settings.CaPemPath));
        var time = TimeProvider.System;
        var printer = new FeedPrinter(console, time);
        try
        {
            using var api = new VkApiClient(settings.Token, new VkApiClientOptions { BaseUrl = settings.ApiUrl }, http);
            var me = await api.GetUsersAsync([], "nom", cancellationToken).ConfigureAwait(false);
            var self = me.Count > 0 ? me[0].Id : 0;
            var store = new SqliteCheckpointStore(settings.CheckpointPath);
            var client = new LongPollClient(new LongPollClientOptions
            {
                AccessToken = settings.Token,
                ApiBaseUrl = settings.ApiUrl,
                Version = settings.Version,
                GroupId = settings.GroupId,
                CheckpointName = settings.GroupId is { } group ? $"{LongPollClient.DefaultCheckpointName(settings.Token)}-club{group}" : null,
                LoggerFactory = settings.Json ? null : new StatusLoggerProvider(printer, settings.Language),
            }, http);
            await using var disposeClient = client.ConfigureAwait(false);
            var from = settings.FromNow ? null : await store.LoadAsync(client.Name, cancellationToken).ConfigureAwait(false);
            var batches = client.ReadBatchesAsync(from, cancellationToken);
            ValueTask Save(LongPollCheckpoint checkpoint) => store.SaveAsync(client.Name, checkpoint, CancellationToken.None);
            var directory = new FeedDirectoryCache(api, self, time, settings.Language);
            if (settings.Json)
            {
                using var writer = new EventJsonWriter(stdout, settings.Version);
                await foreach (var batch in batches.ConfigureAwait(false))
                {
                    await directory.ResolveAsync(batch.Events, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
                    foreach (var e in batch.Events)
                    {
                        writer.Write(e, directory);
                    }

                    writer.Flush();
                    await Save(batch.Checkpoint).ConfigureAwait(false);
                }

                return 0;
            }

            await new FeedRunner(printer, new FeedFormatter(settings.Language, directory), directory, settings.Language, settings.Only)
                .RunAsync(batches, Save, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (VkAuthorizationException e)
        {
            await stderr.WriteLineAsync($"vklp watch: VK rejected the token ({e.ErrorMessage})").ConfigureAwait(false);
            return 1;
        }
        catch (VkLongPollException e)
        {
            await stderr.WriteLineAsync($"vklp watch: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Asks for the token without echoing it; null when there is no terminal to ask on.</summary>
    private static string? Prompt()
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        Console.Error.Write("VK access token: ");
        var token = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return token.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && token.Length > 0)
            {
                token.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                token.Append(key.KeyChar);
            }
        }
    }
}

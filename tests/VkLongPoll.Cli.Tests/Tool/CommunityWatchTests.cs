using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary>
/// <c>vklp watch</c> for a community, as a process with real arguments: the Bots Long Poll chosen for a community's token,
/// and the Callback API at <c>--listen</c> met by a sender of our own making (not the emulator's) — the confirmation, a
/// 403 for a wrong secret, <c>ok</c> for each event, and each <c>event_id</c> once on the output although some come twice.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class CommunityWatchTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vklp-community-watch-").FullName;
    private VkEmulator _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 31, Communities = 2 });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ACommunitysToken_IsWatchedOverTheBotsLongPoll_InPlainWords_AndAsJsonWithEventIds()
    {
        string[] watch = ["watch", "--api-url", _emulator.ApiUrl.ToString(), "--ca-cert", _emulator.CertificatePemPath!, "--checkpoints", Path.Combine(_folder, "bots.db"),
            "--group-id", _emulator.CommunityIds[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--lang", "en", "--no-store"];
        var token = new Dictionary<string, string?> { ["VK_TOKEN"] = _emulator.CommunityTokens[0] };
        await using (var plain = VklpProcess.Start(watch, token))
        {
            await plain.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
            _emulator.SendCommunityMessage(0, "Когда откроетесь?");
            _emulator.SendCommunityMessage(0, "в беседе", inChat: true);
            var screen = await plain.WaitForStdoutAsync(s => s.Contains(": в беседе", StringComparison.Ordinal));
            plain.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await plain.WaitForExitAsync());
            Assert.Matches(@"Message to the community from \w+ \w+: Когда откроетесь\?", screen);
            Assert.Matches(@"Message to the community from \w+ \w+ in chat 1: в беседе", screen);
        }

        await using var json = VklpProcess.Start([.. watch, "--json"], token);
        await json.WaitForStderrAsync(s => s.Contains("continuing where it stopped", StringComparison.Ordinal));
        var sent = _emulator.SendCommunityMessage(0, "json please");
        var output = await json.WaitForStdoutAsync(s => s.Contains("json please", StringComparison.Ordinal));
        json.Signal(VklpProcess.SigInt);
        Assert.Equal(130, await json.WaitForExitAsync());
        var line = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal("message_new", line.GetProperty("type").GetString());
        Assert.Equal(sent.EventId, line.GetProperty("event_id").GetString());
        Assert.Equal(_emulator.CommunityIds[0], line.GetProperty("group_id").GetInt64());
    }

    [Fact]
    public async Task TheCallbackApi_AnswersASenderOfOurOwn_AndPrintsEachEventOnce_AlsoAcrossARestart()
    {
        var group = _emulator.CommunityIds[1];
        var groupText = group.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] watch = ["watch", "--api-url", _emulator.ApiUrl.ToString(), "--ca-cert", _emulator.CertificatePemPath!, "--checkpoints", Path.Combine(_folder, "callback.db"),
            "--group-id", groupText, "--transport", "callback", "--listen", "http://127.0.0.1:0/vk", "--secret", "s3cret", "--confirmation", "c0de", "--json"];
        var token = new Dictionary<string, string?> { ["VK_TOKEN"] = _emulator.CommunityTokens[1] };
        using var sender = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await using (var first = VklpProcess.Start(watch, token))
        {
            var url = await ListeningUrlAsync(first);

            Assert.Equal((HttpStatusCode.OK, "c0de"), await PostAsync(sender, url, $$"""{"type":"confirmation","group_id":{{groupText}}}"""));
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(sender, url, Event(group, "e0", "forged", "wrong"))).Status);
            foreach (var (id, retry) in new[] { ("e1", (int?)null), ("e2", null), ("e2", 1), ("e3", null), ("e1", 2), ("e4", null), ("e4", null) })
            {
                Assert.Equal((HttpStatusCode.OK, "ok"), await PostAsync(sender, url, Event(group, id, "text " + id, "s3cret"), retry));
            }

            var output = await first.WaitForStdoutAsync(s => s.Contains("\"e4\"", StringComparison.Ordinal));
            first.Signal(VklpProcess.SigInt);
            Assert.Equal(130, await first.WaitForExitAsync());
            Assert.Equal(["e1", "e2", "e3", "e4"], EventIds(first.Stdout));
            Assert.DoesNotContain("forged", output, StringComparison.Ordinal);
        }

        // VK retries an event it was told ok for (its answer got lost): after the restart it is answered ok, and not shown again.
        await using var second = VklpProcess.Start(watch, token);
        var again = await ListeningUrlAsync(second);
        Assert.Equal((HttpStatusCode.OK, "ok"), await PostAsync(sender, again, Event(group, "e3", "text e3", "s3cret"), retry: 3));
        Assert.Equal((HttpStatusCode.OK, "ok"), await PostAsync(sender, again, Event(group, "e5", "text e5", "s3cret")));
        await second.WaitForStdoutAsync(s => s.Contains("\"e5\"", StringComparison.Ordinal));
        second.Signal(VklpProcess.SigInt);
        Assert.Equal(130, await second.WaitForExitAsync());
        Assert.Equal(["e5"], EventIds(second.Stdout));
    }

    private static async Task<Uri> ListeningUrlAsync(VklpProcess watch)
    {
        var stderr = await watch.WaitForStderrAsync(s => ListeningLine().IsMatch(s));
        return new Uri(ListeningLine().Match(stderr).Groups[1].Value);
    }

    private static string[] EventIds(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event_id").GetString()!)];

    private static string Event(long group, string id, string text, string secret)
    {
        // Each event its own message: a message is known by its place too, so one place twice is one message.
        var cmid = 100 + int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        var message = $$$"""{"message":{"id":{{{cmid}}},"date":1796688865,"peer_id":5001,"from_id":5001,"text":"{{{text}}}","out":0,"conversation_message_id":{{{cmid}}}},"client_info":{"button_actions":["text"],"keyboard":true,"inline_keyboard":true,"carousel":true,"lang_id":0}}""";
        return $$"""{"group_id":{{group}},"type":"message_new","event_id":"{{id}}","v":"5.199","object":{{message}},"secret":"{{secret}}"}""";
    }

    private static async Task<(HttpStatusCode Status, string Text)> PostAsync(HttpClient sender, Uri url, string body, int? retry = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (retry is { } counter)
        {
            request.Headers.Add("X-Retry-Counter", counter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var response = await sender.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"Callback API at (http://127\.0\.0\.1:\d+/vk)")]
    private static partial Regex ListeningLine();
}

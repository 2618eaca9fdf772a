using System.Text;
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll.IntegrationTests;

/// <summary>The control API: every action emits what VK would; state, journal, scenarios.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class ControlTests(EmulatorFixture fixture)
{
    private static async Task<List<LongPollEvent>> EventsSince(EmulatorClient client, long ts, int version = 19)
    {
        var (server, key, _, _) = await client.LongPollServerAsync();
        return [.. TestDecoder.Response(await client.CheckAsync(server, key, ts, mode: 234, version: version), version).Updates];
    }

    [Fact]
    public async Task EveryAction_EmitsItsEvents()
    {
        using var client = fixture.NewClient();
        var (_, _, ts, _) = await client.LongPollServerAsync();
        var friend = (await client.ControlAsync("state")).GetProperty("accounts").EnumerateArray()
            .First(a => a.GetProperty("token").GetString() == client.Token).GetProperty("friends")[1].GetInt64();

        var sent = await client.ControlAsync("send", new { peer_id = friend, text = "hi" });
        var id = sent.GetProperty("message_id").GetInt64();
        Assert.Equal(friend, sent.GetProperty("peer_id").GetInt64()); // docs/emulator.md promises peer_id with every message
        var defaulted = await client.ControlAsync("send", new { text = "to the first friend" });
        Assert.True(defaulted.GetProperty("peer_id").GetInt64() > 0, "no peer_id when send chose the peer");
        await client.ControlAsync("edit", new { message_id = id, text = "hi!" });
        await client.ControlAsync("flags", new { message_id = id, set = 8 });
        await client.ControlAsync("flags", new { message_id = id, reset = 8 });
        await client.ControlAsync("delete", new { message_id = id, for_all = true });
        await client.ControlAsync("restore", new { message_id = id });
        await client.ControlAsync("read", new { peer_id = friend, direction = "out" });
        await client.ControlAsync("typing", new { peer_id = friend, activity = "voice" });
        await client.ControlAsync("notifications", new { peer_id = friend, disabled_until = -1 });
        await client.ControlAsync("cache_reset", new { message_id = id });
        await client.ControlAsync("conversation_flags", new { peer_id = friend, set = 8388608 });
        await client.ControlAsync("conversation_flags", new { peer_id = friend, reset = 8388608 });
        var chat = await client.ControlAsync("chat_create", new { title = "A & B", member_ids = new[] { friend } });
        var chatId = chat.GetProperty("chat_id").GetInt64();
        await client.ControlAsync("chat_rename", new { chat_id = chatId, title = "C" });
        await client.ControlAsync("chat_photo", new { chat_id = chatId });
        var another = (await client.ControlAsync("state")).GetProperty("accounts").EnumerateArray()
            .First(a => a.GetProperty("token").GetString() == client.Token).GetProperty("friends")[2].GetInt64();
        await client.ControlAsync("chat_invite", new { chat_id = chatId, user_id = another });
        await client.ControlAsync("chat_kick", new { chat_id = chatId, user_id = another });
        await client.ControlAsync("chat_leave", new { chat_id = chatId, user_id = friend });
        await client.ControlAsync("chat_pin", new { chat_id = chatId, conversation_message_id = 1 });
        await client.ControlAsync("history_delete", new { peer_id = friend });

        var events = await EventsSince(client, ts);
        var types = events.Select(e => e.Type).ToList();

        foreach (var type in new[] { "message_new", "message_edit", "message_flags_set", "message_flags_reset", "messages_read_outbox", "recording_voice", "notification_settings", "message_cache_reset", "conversation_flags_set", "conversation_flags_reset", "chat_changed", "chat_info", "messages_deleted", "unread_counter" })
        {
            Assert.Contains(type, types);
        }

        var restore = events.OfType<MessageFlagsResetEvent>().Single(e => e.Mask == MessageFlags.Deleted);
        Assert.True(restore.Message.IsComplete);
        var actions = events.OfType<MessageNewEvent>().Select(e => e.Message.Action?.Type).OfType<string>().ToList();
        Assert.Equal(["chat_create", "chat_title_update", "chat_photo_update", "chat_invite_user", "chat_kick_user", "chat_kick_user", "chat_pin_message"], actions);
        Assert.Equal("A & B", events.OfType<MessageNewEvent>().First(e => e.Message.Action?.Type == "chat_create").Message.Action!.Text);
        Assert.Equal(
            [ChatInfoType.TitleChanged, ChatInfoType.PhotoChanged, ChatInfoType.UserJoined, ChatInfoType.UserKicked, ChatInfoType.UserLeft, ChatInfoType.PinChanged],
            events.OfType<ChatInfoEvent>().Select(e => e.InfoType));
    }

    [Fact]
    public async Task Journal_HasEveryEventInOrderWithTsAndPts()
    {
        using var client = fixture.NewClient();
        await client.ControlAsync("send", new { text = "one" });
        await client.ControlAsync("typing", new { peer_id = client.UserId });

        var journal = await client.ControlAsync("journal");

        var events = journal.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["message_new", "unread_counter", "activity"], events.Select(e => e.GetProperty("kind").GetString()));
        var ts = events.Select(e => e.GetProperty("ts").GetInt64()).ToList();
        Assert.Equal(ts.Order(), ts);
        Assert.False(events[2].GetProperty("persistent").GetBoolean());
        Assert.Equal(events[1].GetProperty("pts").GetInt64(), events[2].GetProperty("pts").GetInt64()); // typing does not move pts
        Assert.Equal(10004, events[0].GetProperty("update")[0].GetInt32());
    }

    [Fact]
    public async Task Scenario_SameSeedSameEvents()
    {
        using var first = fixture.NewClient();
        using var second = fixture.NewClient();

        await first.ControlAsync("scenario", new { seed = 5, events = 200, rate = 0 });
        await second.ControlAsync("scenario", new { seed = 5, events = 200, rate = 0 });

        var a = (await first.ControlAsync("journal")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        var b = (await second.ControlAsync("journal")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.True(a.Count >= 200);
        Assert.Equal(a, b);
        Assert.Contains("message_new", a);
        Assert.Contains("chat_info", a);
        Assert.Contains("activity", a);
    }

    [Fact]
    public async Task Scenario_EverythingItEmits_DecodesInEveryVersion()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("scenario", new { seed = 9, events = 50, rate = 0 }); // stays inside the 256 retained events
        var journal = await client.ControlAsync("journal?version=3&mode=234");

        foreach (var version in new[] { 3, 10, 19, 21 })
        {
            var response = TestDecoder.Response(await client.CheckAsync(server, key, ts, mode: 234, version: version), version);
            Assert.Null(response.Failed);
            Assert.DoesNotContain(response.Updates, e => e is UnknownEvent);
            Assert.NotEmpty(response.Updates);
        }

        Assert.True(journal.GetProperty("count").GetInt32() >= 50);
    }

    [Theory]
    [InlineData("send", "{\"text\": 5}")]
    [InlineData("edit", "{\"message_id\": 999999, \"text\": \"x\"}")]
    [InlineData("faults", "{\"fault\": \"meteor\"}")]
    [InlineData("nonsense", "{}")]
    [InlineData("send", "not json")]
    public async Task BadControlRequests_Are400WithAReason(string action, string body)
    {
        using var client = fixture.NewClient();

        using var response = await client.Http.PostAsync(
            new Uri($"{fixture.Emulator.ControlUrl}/{action}"), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.NotEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!);
    }

    [Fact]
    public void Certificate_CoversLoopbackNamesAndIsWrittenAsPem()
    {
        var pem = File.ReadAllText(fixture.Emulator.CertificatePemPath!);
        var extension = fixture.Emulator.Certificate!.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single();

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
        Assert.Contains("localhost", extension.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Loopback, extension.EnumerateIPAddresses());
    }
}

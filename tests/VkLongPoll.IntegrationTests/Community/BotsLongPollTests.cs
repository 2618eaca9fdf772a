using System.Text.Json;
using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>Bots Long Poll on the wire: the update shape, held polls, settings, and failed 1/2/3 as VK answers them.</summary>
[Collection(CommunityGroup.Name)]
public sealed class BotsLongPollTests(CommunityFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task HeldPoll_WakesWithMessageNew_InVksUpdateShape()
    {
        var (index, id, token) = fixture.NewCommunity();
        var (server, key, ts) = await fixture.BotsServerAsync(id, token);
        using var bound = new CancellationTokenSource(Bound); // far below wait=90: only the event can answer in time

        var poll = fixture.CheckAsync(server, key, ts, wait: 90, bound.Token);
        var sent = fixture.Emulator.SendCommunityMessage(index, "Привет <бот> & 🙂");
        var answer = await poll;

        Assert.Equal(JsonValueKind.String, answer.GetProperty("ts").ValueKind);
        Assert.Equal(sent.Ts.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.GetProperty("ts").GetString());
        var update = Assert.Single(answer.GetProperty("updates").EnumerateArray());
        Assert.Equal(["type", "event_id", "v", "object", "group_id"], update.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("message_new", "5.199", id), (update.GetProperty("type").GetString(), update.GetProperty("v").GetString(), update.GetProperty("group_id").GetInt64()));
        Assert.Matches("^[0-9a-f]{40}$", update.GetProperty("event_id").GetString());
        Assert.Equal(sent.EventId, update.GetProperty("event_id").GetString());
        var message = update.GetProperty("object").GetProperty("message");
        Assert.Equal("Привет <бот> & 🙂", message.GetProperty("text").GetString());
        Assert.Equal(message.GetProperty("from_id").GetInt64(), message.GetProperty("peer_id").GetInt64());
        Assert.Equal(0, message.GetProperty("out").GetInt32());
        var client = update.GetProperty("object").GetProperty("client_info");
        Assert.True(client.GetProperty("keyboard").GetBoolean() && client.GetProperty("inline_keyboard").GetBoolean() && client.GetProperty("carousel").GetBoolean());
        Assert.Contains("callback", client.GetProperty("button_actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(0, client.GetProperty("lang_id").GetInt32());
    }

    [Fact]
    public async Task LongPollSettings_SwitchEventTypesOff()
    {
        var (index, id, token) = fixture.NewCommunity();
        var group = CommunityFixture.Id(id);
        await fixture.ResponseAsync("groups.setLongPollSettings", token, new() { ["group_id"] = group, ["message_typing_state"] = "0", ["api_version"] = "5.199" });
        var (server, key, ts) = await fixture.BotsServerAsync(id, token);
        var settings = await fixture.ResponseAsync("groups.getLongPollSettings", token, new() { ["group_id"] = group });

        using (var control = fixture.Emulator.CreateControlClient())
        {
            await control.CommunityEventAsync(index, "message_typing_state");
        }

        fixture.Emulator.SendCommunityMessage(index, "видно");
        var answer = await fixture.CheckAsync(server, key, ts);

        Assert.True(settings.GetProperty("is_enabled").GetBoolean());
        Assert.Equal((0, 1), (settings.GetProperty("events").GetProperty("message_typing_state").GetInt32(), settings.GetProperty("events").GetProperty("message_new").GetInt32()));
        Assert.Equal(["message_new"], answer.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("type").GetString()));
        Assert.Equal(2, fixture.Emulator.CommunityJournal(index).Count(e => e.Ts > long.Parse(ts, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Failed1_LosesTheEventsInBetween_WhichStayInTheJournalAndInHistory()
    {
        var (index, id, token) = fixture.NewCommunity();
        var group = CommunityFixture.Id(id);
        var (server, key, ts) = await fixture.BotsServerAsync(id, token);
        var pts = (await fixture.ResponseAsync("messages.getLongPollServer", token, new() { ["group_id"] = group, ["need_pts"] = "1" })).GetProperty("pts").GetInt64();
        var lost = Enumerable.Range(0, 3).Select(i => fixture.Emulator.SendCommunityMessage(index, $"потеряно {i}")).ToList();
        fixture.Emulator.BotsFaults.EnqueueFor(-id, FaultKind.Failed1, 1);

        var failed = await fixture.CheckAsync(server, key, ts);
        var after = await fixture.CheckAsync(server, key, failed.GetProperty("ts").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var history = await fixture.ResponseAsync("messages.getLongPollHistory", token, new() { ["group_id"] = group, ["pts"] = CommunityFixture.Id(pts) });

        Assert.Equal(1, failed.GetProperty("failed").GetInt32());
        Assert.Equal(JsonValueKind.Number, failed.GetProperty("ts").ValueKind); // a number beside failed (vksdk: {"ts":8,"failed":1})
        Assert.Equal(lost[^1].Ts, failed.GetProperty("ts").GetInt64());
        Assert.Empty(after.GetProperty("updates").EnumerateArray()); // what came between is gone for this poller
        Assert.Equal(lost.Select(e => e.EventId), fixture.Emulator.CommunityJournal(index).TakeLast(3).Select(e => e.EventId));
        Assert.Equal(3, history.GetProperty("messages").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Failed2_ExpiresTheKey_ANewKeyWithTheOldTsGetsEverything_Failed3_NeedsNewKeyAndTs()
    {
        var (index, id, token) = fixture.NewCommunity();
        var (server, key, ts) = await fixture.BotsServerAsync(id, token);
        fixture.Emulator.SendCommunityMessage(index, "раз");
        fixture.Emulator.BotsFaults.EnqueueFor(-id, FaultKind.Failed2, 1);

        var failed2 = await fixture.CheckAsync(server, key, ts);
        var oldKey = await fixture.CheckAsync(server, key, ts);
        var (_, newKey, _) = await fixture.BotsServerAsync(id, token);
        var resumed = await fixture.CheckAsync(server, newKey, ts);
        fixture.Emulator.BotsFaults.EnqueueFor(-id, FaultKind.Failed3, 1);
        var failed3 = await fixture.CheckAsync(server, newKey, resumed.GetProperty("ts").GetString()!);

        Assert.Equal("""{"failed":2}""", failed2.ToString());
        Assert.Equal(2, oldKey.GetProperty("failed").GetInt32());
        Assert.Equal(["message_new"], resumed.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("type").GetString()));
        Assert.Equal("""{"failed":3}""", failed3.ToString());
        Assert.Equal(2, (await fixture.CheckAsync(server, newKey, ts)).GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task HttpFaults_5xxAndReset_ThenTheSameTsStillWorks()
    {
        var (index, id, token) = fixture.NewCommunity();
        var (server, key, ts) = await fixture.BotsServerAsync(id, token);
        fixture.Emulator.SendCommunityMessage(index, "после сбоя");
        fixture.Emulator.BotsFaults.EnqueueFor(-id, FaultKind.Http502, 1);
        fixture.Emulator.BotsFaults.EnqueueFor(-id, FaultKind.Reset, 1);
        var uri = new Uri($"{server}?act=a_check&key={key}&ts={ts}&wait=0");

        using var bad = await fixture.Http.GetAsync(uri);
        await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Http.GetAsync(uri));
        var answer = await fixture.CheckAsync(server, key, ts);

        Assert.Equal(502, (int)bad.StatusCode);
        Assert.Single(answer.GetProperty("updates").EnumerateArray());
    }

    [Fact]
    public async Task Scenario_IsAMixOfVksTypes_EachObjectShapedAsVksSchema()
    {
        var (index, id, _) = fixture.NewCommunity();

        fixture.Emulator.EmitCommunityScenario(index, new Random(5), 600);
        var journal = fixture.Emulator.CommunityJournal(index);

        var types = journal.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(types["message_new"] > journal.Count / 3, string.Join(", ", types));
        Assert.Superset(new HashSet<string>(["message_new", "message_reply", "message_edit", "message_typing_state", "message_allow", "message_event", "message_reaction_event", "group_join", "wall_post_new", "wall_reply_new", "like_add"]), types.Keys.ToHashSet());
        Assert.Equal(journal.Count, journal.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, journal.Count).Select(i => journal[0].Ts + i), journal.Select(e => e.Ts));
        foreach (var entry in journal)
        {
            var update = JsonDocument.Parse(entry.Update).RootElement;
            var o = update.GetProperty("object");
            Assert.Equal(id, update.GetProperty("group_id").GetInt64());
            string[] required = entry.Type switch
            {
                "message_new" => ["message", "client_info"],
                "message_reply" or "message_edit" => ["id", "date", "peer_id", "from_id", "text", "conversation_message_id"],
                "message_typing_state" => ["state", "from_id", "to_id"],
                "message_allow" => ["user_id", "key"],
                "message_deny" => ["user_id"],
                "message_event" => ["user_id", "peer_id", "event_id", "payload", "conversation_message_id"],
                "message_reaction_event" => ["reacted_id", "peer_id", "cmid", "reaction_id"],
                "group_join" => ["user_id", "join_type"],
                "group_leave" => ["user_id", "self"],
                "wall_post_new" => ["id", "owner_id", "from_id", "date", "text", "post_type"],
                "wall_reply_new" => ["id", "from_id", "date", "text", "post_id", "owner_id"],
                "like_add" or "like_remove" => ["liker_id", "object_type", "object_owner_id", "object_id", "post_id"],
                "photo_new" => ["id", "owner_id", "sizes"],
                "user_block" => ["admin_id", "user_id", "unblock_date", "reason"],
                "user_unblock" => ["admin_id", "user_id", "by_end_date"],
                _ => throw new InvalidOperationException("unexpected type " + entry.Type),
            };
            Assert.All(required, name => Assert.True(o.TryGetProperty(name, out _), $"{entry.Type} lacks {name}: {o}"));
            Assert.Equal(entry.Type.StartsWith("message_", StringComparison.Ordinal) && entry.Type is not ("message_allow" or "message_deny" or "message_typing_state"), entry.ConversationMessageId is not null);
        }
    }
}

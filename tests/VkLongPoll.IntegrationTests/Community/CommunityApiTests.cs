using System.Text.Json;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>The API as a community token sees it: groups.*, messages.* as the group, and VK's errors.</summary>
[Collection(CommunityGroup.Name)]
public sealed class CommunityApiTests(CommunityFixture fixture)
{
    [Fact]
    public async Task GroupsGetById_WithoutGroupId_IsTheTokensOwnGroup_InThe5194Shape()
    {
        var (_, id, token) = fixture.NewCommunity();

        var response = await fixture.ResponseAsync("groups.getById", token);

        var group = response.GetProperty("groups")[0];
        Assert.Equal(id, group.GetProperty("id").GetInt64());
        Assert.Equal($"club{id}", group.GetProperty("screen_name").GetString());
        Assert.Equal(JsonValueKind.Array, response.GetProperty("profiles").ValueKind);
        Assert.StartsWith("vk1.a.", token, StringComparison.Ordinal);
        Assert.Equal(fixture.Emulator.CommunityTokens.Count, fixture.Emulator.CommunityTokens.Distinct().Count());
    }

    [Fact]
    public async Task GetLongPollServer_TsIsAString_ServerIsAFullUrlWithThePath()
    {
        var (_, id, token) = fixture.NewCommunity();

        var response = await fixture.ResponseAsync("groups.getLongPollServer", token, new() { ["group_id"] = CommunityFixture.Id(id) });

        Assert.Equal(JsonValueKind.String, response.GetProperty("ts").ValueKind);
        Assert.Equal(new Uri(fixture.Emulator.BaseUri, $"wh{id}"), new Uri(response.GetProperty("server").GetString()!));
        Assert.Matches("^[0-9a-f]{40}$", response.GetProperty("key").GetString());
    }

    [Fact]
    public async Task GroupMethods_RefuseAnotherGroup_ANonAdmin_AndADisabledLongPoll_WithVksErrors()
    {
        var (_, id, token) = fixture.NewCommunity();
        var (_, otherId, _) = fixture.NewCommunity();
        var group = new Dictionary<string, string> { ["group_id"] = CommunityFixture.Id(id) };

        var foreign = await fixture.ApiAsync("groups.getLongPollServer", token, new() { ["group_id"] = CommunityFixture.Id(otherId) });
        var notAdmin = await fixture.ApiAsync("groups.getLongPollServer", fixture.Emulator.Tokens[1], group);
        var admin = await fixture.ApiAsync("groups.getLongPollServer", fixture.Emulator.Tokens[0], group);
        await fixture.ResponseAsync("groups.setLongPollSettings", token, new() { ["group_id"] = CommunityFixture.Id(id), ["enabled"] = "0" });
        var disabled = await fixture.ApiAsync("groups.getLongPollServer", token, group);
        await fixture.ResponseAsync("groups.setLongPollSettings", token, new() { ["group_id"] = CommunityFixture.Id(id), ["enabled"] = "1" });

        Assert.Equal(15, foreign.GetProperty("error").GetProperty("error_code").GetInt32());
        Assert.Equal(15, notAdmin.GetProperty("error").GetProperty("error_code").GetInt32());
        Assert.True(admin.TryGetProperty("response", out _), admin.ToString());
        Assert.Equal(100, disabled.GetProperty("error").GetProperty("error_code").GetInt32());
        Assert.EndsWith("longpoll for this group is not enabled.", disabled.GetProperty("error").GetProperty("error_msg").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, disabled.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesSend_ActsAsTheGroup_AndTheSameRandomIdSendsNothing()
    {
        var (index, id, token) = fixture.NewCommunity();
        var written = fixture.Emulator.SendCommunityMessage(index, "Здравствуйте!");
        var before = fixture.Emulator.CommunityJournal(index).Count;
        var send = new Dictionary<string, string> { ["peer_id"] = CommunityFixture.Id(written.PeerId!.Value), ["random_id"] = "777", ["message"] = "Добрый день" };

        var first = (await fixture.ResponseAsync("messages.send", token, send)).GetInt64();
        var again = (await fixture.ResponseAsync("messages.send", token, send)).GetInt64();
        var journal = fixture.Emulator.CommunityJournal(index);
        var reply = JsonDocument.Parse(journal[^1].Update).RootElement;
        var fetched = (await fixture.ResponseAsync("messages.getById", token, new() { ["message_ids"] = CommunityFixture.Id(first) })).GetProperty("items")[0];

        Assert.Equal(first, again);
        Assert.Equal(before + 1, journal.Count);
        Assert.Equal("message_reply", reply.GetProperty("type").GetString());
        Assert.Equal(-id, reply.GetProperty("object").GetProperty("from_id").GetInt64());
        Assert.Equal(1, reply.GetProperty("object").GetProperty("out").GetInt32());
        Assert.Equal((-id, "Добрый день"), (fetched.GetProperty("from_id").GetInt64(), fetched.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task CommunityChatMessages_HaveIdZero_ButARealConversationMessageId_AndComeBackThroughHistory()
    {
        var (index, id, token) = fixture.NewCommunity();
        var group = CommunityFixture.Id(id);
        var server = await fixture.ResponseAsync("messages.getLongPollServer", token, new() { ["group_id"] = group, ["need_pts"] = "1", ["lp_version"] = "3" });
        var pts = server.GetProperty("pts").GetInt64();

        var first = fixture.Emulator.SendCommunityMessage(index, "в беседе", inChat: true);
        var second = fixture.Emulator.SendCommunityMessage(index, "и ещё", inChat: true);
        var history = await fixture.ResponseAsync("messages.getLongPollHistory", token, new() { ["group_id"] = group, ["pts"] = CommunityFixture.Id(pts), ["lp_version"] = "3" });
        var update = JsonDocument.Parse(first.Update).RootElement;

        Assert.Equal(2_000_000_001, first.PeerId);
        Assert.Equal(first.ConversationMessageId + 1, second.ConversationMessageId);
        Assert.Equal(0, update.GetProperty("object").GetProperty("message").GetProperty("id").GetInt64());
        Assert.Equal(first.ConversationMessageId, update.GetProperty("object").GetProperty("message").GetProperty("conversation_message_id").GetInt64());
        var items = history.GetProperty("messages").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, m => Assert.Equal(0, m.GetProperty("id").GetInt64()));
        Assert.Equal([first.ConversationMessageId!.Value, second.ConversationMessageId!.Value], items.Select(m => m.GetProperty("conversation_message_id").GetInt64()));
        Assert.True(history.GetProperty("new_pts").GetInt64() > pts);
    }

    [Fact]
    public async Task CallbackServerMethods_AddListEditDelete_WithVksShapes()
    {
        var (_, id, token) = fixture.NewCommunity();
        var group = CommunityFixture.Id(id);

        var code = (await fixture.ResponseAsync("groups.getCallbackConfirmationCode", token, new() { ["group_id"] = group })).GetProperty("code").GetString();
        var added = (await fixture.ResponseAsync("groups.addCallbackServer", token, new() { ["group_id"] = group, ["url"] = "http://127.0.0.1:9/none", ["title"] = "bot", ["secret_key"] = "s3" })).GetProperty("server_id").GetInt64();
        var serverId = CommunityFixture.Id(added);
        await fixture.ResponseAsync("groups.editCallbackServer", token, new() { ["group_id"] = group, ["server_id"] = serverId, ["url"] = "http://127.0.0.1:9/other", ["title"] = "bot 2" });
        await fixture.ResponseAsync("groups.setCallbackSettings", token, new() { ["group_id"] = group, ["server_id"] = serverId, ["api_version"] = "5.199", ["message_new"] = "1" });
        var listed = (await fixture.ResponseAsync("groups.getCallbackServers", token, new() { ["group_id"] = group })).GetProperty("items")[0];
        var settings = await fixture.ResponseAsync("groups.getCallbackSettings", token, new() { ["group_id"] = group, ["server_id"] = serverId });
        var deleted = (await fixture.ResponseAsync("groups.deleteCallbackServer", token, new() { ["group_id"] = group, ["server_id"] = serverId })).GetInt32();
        var gone = await fixture.ApiAsync("groups.getCallbackSettings", token, new() { ["group_id"] = group, ["server_id"] = serverId });

        Assert.Matches("^[0-9a-f]{8}$", code);
        Assert.Equal(("bot 2", "http://127.0.0.1:9/other", "s3"), (listed.GetProperty("title").GetString(), listed.GetProperty("url").GetString(), listed.GetProperty("secret_key").GetString()));
        Assert.True(listed.GetProperty("status").GetString() is "wait" or "failed", listed.ToString()); // nothing answers at port 9
        Assert.Equal((1, 0), (settings.GetProperty("events").GetProperty("message_new").GetInt32(), settings.GetProperty("events").GetProperty("group_join").GetInt32()));
        Assert.Equal(1, deleted);
        Assert.Equal(104, gone.GetProperty("error").GetProperty("error_code").GetInt32());
    }
}

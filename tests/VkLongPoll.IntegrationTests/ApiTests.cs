using System.Text;
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll.IntegrationTests;

/// <summary>Every API method of the emulator, and VK's error envelope.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class ApiTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task UsersGet_NameCasesAndFields()
    {
        using var client = fixture.NewClient();

        var nominative = (await client.ResponseAsync("users.get", new() { ["fields"] = "sex,photo_100,online" }))[0];
        var genitive = (await client.ResponseAsync("users.get", new() { ["user_ids"] = client.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["name_case"] = "gen" }))[0];

        Assert.Equal(client.UserId, nominative.GetProperty("id").GetInt64());
        Assert.InRange(nominative.GetProperty("sex").GetInt32(), 1, 2);
        Assert.StartsWith("https://", nominative.GetProperty("photo_100").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(nominative.GetProperty("last_name").GetString(), genitive.GetProperty("last_name").GetString());
    }

    [Fact]
    public async Task ChatMethods_AfterCreatingAChat()
    {
        using var client = fixture.NewClient();
        var created = await client.ControlAsync("chat_create", new { title = "Дача 2026" });
        var chatId = created.GetProperty("chat_id").GetInt64();
        var peer = created.GetProperty("peer_id").GetInt64();

        var chat = await client.ResponseAsync("messages.getChat", new() { ["chat_id"] = chatId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var conversations = await client.ResponseAsync("messages.getConversationsById", new() { ["peer_ids"] = peer.ToString(System.Globalization.CultureInfo.InvariantCulture), ["extended"] = "1" });

        Assert.Equal("Дача 2026", chat.GetProperty("title").GetString());
        Assert.Equal(4, chat.GetProperty("users").GetArrayLength());
        var item = conversations.GetProperty("items")[0];
        Assert.Equal(("chat", "Дача 2026"), (item.GetProperty("peer").GetProperty("type").GetString(), item.GetProperty("chat_settings").GetProperty("title").GetString()));
        Assert.Equal(4, conversations.GetProperty("profiles").GetArrayLength());
    }

    [Fact]
    public async Task GetById_GivesFullObjects_AndPrivatePhotosOnlyWithTheirAccessKey()
    {
        using var client = fixture.NewClient();
        var sent = await client.ControlAsync("send", new { text = "plain <text>", attachments = new[] { new { type = "photo", owner_id = 11, id = 22 }, new { type = "audio_message", owner_id = 11, id = 33 } } });
        var id = sent.GetProperty("message_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var message = (await client.ResponseAsync("messages.getById", new() { ["message_ids"] = id })).GetProperty("items")[0];
        var photo = message.GetProperty("attachments")[0].GetProperty("photo");
        var voice = message.GetProperty("attachments")[1].GetProperty("audio_message");
        var key = photo.GetProperty("access_key").GetString();
        var keyless = await client.ResponseAsync("photos.getById", new() { ["photos"] = "11_22" });
        var keyed = await client.ResponseAsync("photos.getById", new() { ["photos"] = $"11_22_{key}" });
        var docs = await client.ResponseAsync("docs.getById", new() { ["docs"] = "5_6" });

        Assert.Equal("plain <text>", message.GetProperty("text").GetString()); // API text is not escaped
        Assert.StartsWith("https://", photo.GetProperty("sizes")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(".mp3", voice.GetProperty("link_mp3").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, keyless.GetArrayLength()); // VK: a private photo without its key is not given
        Assert.Equal(22, keyed[0].GetProperty("id").GetInt64());
        Assert.Equal(0, docs.GetArrayLength());
    }

    [Fact]
    public async Task UsersGet_WithANonCyrillicLang_TransliteratesNames()
    {
        using var client = fixture.NewClient();

        var ru = (await client.ResponseAsync("users.get", new() { ["lang"] = "ru" }))[0];
        var en = (await client.ResponseAsync("users.get", new() { ["lang"] = "en" }))[0];

        Assert.Matches("^[А-Яа-яЁё]+$", ru.GetProperty("first_name").GetString());
        Assert.Matches("^[A-Za-z]+$", en.GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task FriendsGetOnline_FollowsThePresenceModel_WithMobileApart()
    {
        using var client = fixture.NewClient();
        var state = await client.ResponseAsync("friends.getOnline", new() { ["online_mobile"] = "1" });
        Assert.Equal(0, state.GetProperty("online").GetArrayLength() + state.GetProperty("online_mobile").GetArrayLength());
        var friends = fixture.Emulator.FriendIds(fixture.Emulator.Tokens.ToList().IndexOf(client.Token));

        await client.ControlAsync("online", new { user_id = friends[0], platform = 2 });
        await client.ControlAsync("online", new { user_id = friends[1], platform = 7 });
        var now = await client.ResponseAsync("friends.getOnline", new() { ["online_mobile"] = "1" });
        var seen = (await client.ResponseAsync("users.get", new() { ["user_ids"] = friends[0].ToString(System.Globalization.CultureInfo.InvariantCulture), ["fields"] = "online,last_seen" }))[0];

        Assert.Equal([friends[1]], now.GetProperty("online").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([friends[0]], now.GetProperty("online_mobile").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal((1, 2), (seen.GetProperty("online").GetInt32(), seen.GetProperty("last_seen").GetProperty("platform").GetInt32()));
    }

    [Theory]
    [InlineData("messages.send", null, 3)]
    [InlineData("users.get", "bad-token", 5)]
    [InlineData("users.get?name_case=xyz", null, 100)]
    [InlineData("photos.getById?photos=abc", null, 100)]
    public async Task Errors_HaveVkShape_AndNeverEchoTheToken(string methodAndQuery, string? token, int code)
    {
        using var client = fixture.NewClient();
        var parts = methodAndQuery.Split('?');
        var parameters = parts.Length > 1 ? new Dictionary<string, string> { [parts[1].Split('=')[0]] = parts[1].Split('=')[1] } : null;

        var body = await client.ApiAsync(parts[0], parameters, token);

        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("error_code").GetInt32());
        Assert.NotEmpty(error.GetProperty("error_msg").GetString()!);
        Assert.DoesNotContain(client.Token, body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("bad-token", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InjectedCaptcha_IsVks2025Form_AndComesBackUntilTheSuccessTokenIsSent()
    {
        using var client = fixture.NewClient();
        await client.ControlAsync("api_faults", new { error_code = 14, count = 1 });

        var first = (await client.ApiAsync("users.get")).GetProperty("error");
        var again = (await client.ApiAsync("users.get")).GetProperty("error");
        var redirect = first.GetProperty("redirect_uri").GetString()!;
        using var page = JsonDocument.Parse(await client.Http.GetStringAsync(new Uri(redirect)));
        var successToken = page.RootElement.GetProperty("success_token").GetString()!;
        var answered = await client.ApiAsync("users.get", new() { ["success_token"] = successToken });

        Assert.Equal(14, first.GetProperty("error_code").GetInt32());
        Assert.StartsWith(fixture.Emulator.BaseUri + "not_robot_captcha?", redirect, StringComparison.Ordinal);
        Assert.True(first.TryGetProperty("captcha_sid", out _) && first.TryGetProperty("captcha_img", out _) && first.TryGetProperty("remixstlid", out _));
        Assert.Equal((14, 2), (again.GetProperty("error_code").GetInt32(), again.GetProperty("captcha_attempt").GetInt32()));
        Assert.True(answered.TryGetProperty("response", out _), answered.ToString());
    }

    [Fact]
    public async Task LegacyCaptcha_HasNoRedirect_AndTakesSidAndKey()
    {
        using var client = fixture.NewClient();
        await client.ControlAsync("api_faults", new { error_code = 14, count = 1, legacy = true });

        var error = (await client.ApiAsync("users.get")).GetProperty("error");
        var sid = error.GetProperty("captcha_sid").GetString()!;
        var answered = await client.ApiAsync("users.get", new() { ["captcha_sid"] = sid, ["captcha_key"] = "x7k2" });

        Assert.False(error.TryGetProperty("redirect_uri", out _));
        Assert.True(answered.TryGetProperty("response", out _), answered.ToString());
    }

    [Fact]
    public async Task TokenWithoutMessagesAccess_GetsError15OnMessagesMethods_AndAnExpiredOneError5()
    {
        using var client = fixture.NewClient();
        var index = fixture.Emulator.Tokens.ToList().IndexOf(client.Token);
        var noMessages = fixture.Emulator.IssueToken(index, messagesAccess: false);
        var shortLived = fixture.Emulator.IssueToken(index, lifetime: TimeSpan.FromHours(1));
        // Its hour passes at once (the emulator's clock is the real one here): the token is expired, not merely about to be.
        Assert.Equal(1, (await client.ControlAsync("expire_tokens", new { })).GetProperty("expired").GetInt32());

        var denied = (await client.ApiAsync("messages.getLongPollServer", new() { ["need_pts"] = "1", ["lp_version"] = "19" }, noMessages)).GetProperty("error");
        var usersStillWork = await client.ApiAsync("users.get", token: noMessages);
        var expired = (await client.ApiAsync("users.get", token: shortLived)).GetProperty("error");

        Assert.Equal((15, "Access denied: no access to call this method"), (denied.GetProperty("error_code").GetInt32(), denied.GetProperty("error_msg").GetString()));
        Assert.True(usersStillWork.TryGetProperty("response", out _));
        Assert.Equal((5, "User authorization failed: access_token has expired."), (expired.GetProperty("error_code").GetInt32(), expired.GetProperty("error_msg").GetString()));
    }

    [Fact]
    public async Task History_DecodesAndCompletesFromMessagesItems()
    {
        using var client = fixture.NewClient();
        var (_, _, _, pts) = await client.LongPollServerAsync();
        await client.ControlAsync("send", new { text = "a & b" });
        await client.ControlAsync("send", new { text = "second" });

        var body = await client.ApiAsync("messages.getLongPollHistory", new() { ["pts"] = pts.ToString(System.Globalization.CultureInfo.InvariantCulture), ["lp_version"] = "19", ["credentials"] = "1" });
        var history = new LongPollDecoder().ReadHistory(Encoding.UTF8.GetBytes(body.ToString()));

        var texts = history.Events.OfType<MessageNewEvent>().Select(e => e.Message).ToList();
        Assert.Equal(["a & b", "second"], texts.Select(m => m.Text));
        Assert.All(texts, m => Assert.True(m.IsComplete));
        Assert.Contains(history.Events, e => e is UnreadCounterEvent);
        Assert.Equal(pts, history.FromPts);
        Assert.True(history.NewPts > pts);
        Assert.False(history.More);
        Assert.NotNull(history.Credentials);
    }

    [Fact]
    public async Task History_PagesWithMore()
    {
        using var client = fixture.NewClient();
        var (_, _, _, pts) = await client.LongPollServerAsync();
        for (var i = 0; i < 210; i++)
        {
            await client.ControlAsync("send", new { text = $"n{i}" });
        }

        var page = await client.ResponseAsync("messages.getLongPollHistory", new() { ["pts"] = pts.ToString(System.Globalization.CultureInfo.InvariantCulture), ["lp_version"] = "19", ["msgs_limit"] = "200" });
        var next = page.GetProperty("new_pts").GetInt64();
        var rest = await client.ResponseAsync("messages.getLongPollHistory", new() { ["pts"] = next.ToString(System.Globalization.CultureInfo.InvariantCulture), ["lp_version"] = "19" });

        Assert.True(page.GetProperty("more").GetBoolean());
        Assert.Equal(200, page.GetProperty("messages").GetProperty("count").GetInt32());
        Assert.Equal(10, rest.GetProperty("messages").GetProperty("count").GetInt32());
        Assert.False(rest.TryGetProperty("more", out _));
    }

    [Theory]
    [InlineData(-100_000, 907)]
    [InlineData(100_000, 908)]
    public async Task History_UnusablePts_Is907Or908(long offset, int code)
    {
        using var client = fixture.NewClient();
        var (_, _, _, pts) = await client.LongPollServerAsync();

        var body = await client.ApiAsync("messages.getLongPollHistory", new() { ["pts"] = (pts + offset).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(code, body.GetProperty("error").GetProperty("error_code").GetInt32());
    }
}

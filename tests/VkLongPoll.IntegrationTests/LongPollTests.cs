using System.Text;
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll.IntegrationTests;

/// <summary>a_check against the in-process emulator over HTTPS, decoded by the library: the two were written apart, so agreement is evidence.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class LongPollTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task GetLongPollServer_GivesServerWithoutSchemeKeyTsAndPts()
    {
        using var client = fixture.NewClient();

        var (server, key, ts, pts) = await client.LongPollServerAsync();

        Assert.Matches(@"^127\.0\.0\.1:\d+/nim\d+$", server);
        Assert.Matches("^[0-9a-f]{40}$", key);
        Assert.True(ts > 0 && pts > 0);
    }

    [Fact]
    public async Task HeldRequest_IsAnsweredByTheEvent_NotByTheWait()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        using var bound = new CancellationTokenSource(Bound); // far below wait=90: only the event can answer in time

        var poll = client.CheckAsync(server, key, ts, wait: 90, cancellationToken: bound.Token);
        await client.ControlAsync("send", new { text = "wake up" });
        var response = TestDecoder.Response(await poll);

        var message = Assert.IsType<MessageNewEvent>(response.Updates[0]).Message;
        Assert.Equal("wake up", message.Text);
        Assert.True(response.Ts > ts);
    }

    public static TheoryData<int, int> VersionsAndModes => new()
    {
        { 3, 234 }, { 3, 74 }, { 10, 234 }, { 11, 234 }, { 19, 234 }, { 19, 1706 }, { 19, 202 }, { 21, 682 },
    };

    [Theory]
    [MemberData(nameof(VersionsAndModes))]
    public async Task EveryVersion_DecodesToWhatTheControlApiDid(int version, int mode)
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        var friend = (await client.ControlAsync("state")).GetProperty("accounts").EnumerateArray()
            .First(a => a.GetProperty("token").GetString() == client.Token).GetProperty("friends")[0].GetInt64();
        var sent = await client.ControlAsync("send", new
        {
            peer_id = friend,
            text = "Tom & \"Jerry\" <3\nline 2",
            attachments = new object[] { new { type = "photo", owner_id = friend, id = 457240383 }, new { type = "sticker", id = 3670, product_id = 380 }, new { type = "audio_message", owner_id = friend, id = 5 } },
        });
        await client.ControlAsync("read", new { peer_id = friend });
        await client.ControlAsync("typing", new { peer_id = friend });

        var response = TestDecoder.Response(await client.CheckAsync(server, key, ts, mode: mode, version: version), version, mode);

        var message = response.Updates.OfType<MessageNewEvent>().Single().Message;
        Assert.Equal(friend, message.PeerId?.Value);
        Assert.Equal(friend, message.FromId);
        Assert.False(message.IsOutgoing);
        if ((mode & 2) != 0)
        {
            Assert.Equal("Tom & \"Jerry\" <3\nline 2", message.Text);
            Assert.Equal(["photo", "sticker", "doc"], message.Attachments.Select(a => a.Type));
            Assert.Equal((380L, true), (message.Attachments[1].ProductId!.Value, message.Attachments[2].IsVoiceMessage));
        }

        var expectedId = sent.GetProperty(version >= 19 ? "conversation_message_id" : "message_id").GetInt64();
        Assert.Equal(expectedId, version >= 19 ? message.ConversationMessageId : message.MessageId);
        Assert.Contains(response.Updates, e => e is MessagesReadInboxEvent read && read.PeerId.Value == friend);
        Assert.Contains(response.Updates, e => e is ActivityEvent { Activity: ActivityKind.Typing } typing && typing.PeerId.Value == friend);
        Assert.Contains(response.Updates, e => e is UnreadCounterEvent);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    [InlineData(19, false)]
    public async Task FriendOnline_SentUpToVersion10Only(int version, bool sent)
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("online", new { platform = 2 });

        var response = TestDecoder.Response(await client.CheckAsync(server, key, ts, mode: 234, version: version), version);

        Assert.Equal(sent, response.Updates.Any(e => e is FriendOnlineEvent { Platform: Platform.IPhone }));
        Assert.True(response.Ts > ts); // the event still took a number
    }

    [Fact]
    public async Task TsOutsideTheWindow_IsFailed1WithTheCurrentTs()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();

        var old = TestDecoder.Response(await client.CheckAsync(server, key, ts - 10_000));
        var future = TestDecoder.Response(await client.CheckAsync(server, key, ts + 5));

        Assert.Equal((1, ts), (old.Failed!.Value, old.Ts!.Value));
        Assert.Equal((1, ts), (future.Failed!.Value, future.Ts!.Value));
    }

    [Fact]
    public async Task UnsupportedVersion_IsFailed4WithTheRange()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();

        var response = TestDecoder.Response(await client.CheckAsync(server, key, ts, version: 99));

        Assert.Equal((4, 0, 21), (response.Failed!.Value, response.MinVersion!.Value, response.MaxVersion!.Value));
    }

    [Fact]
    public async Task WrongKey_IsFailed2_AndANewKeyWorksWithTheSameTs()
    {
        using var client = fixture.NewClient();
        var (server, _, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("send", new { text = "kept" });

        var failed = TestDecoder.Response(await client.CheckAsync(server, "0000000000000000000000000000000000000000", ts));
        var (_, key, _, _) = await client.LongPollServerAsync();
        var again = TestDecoder.Response(await client.CheckAsync(server, key, ts));

        Assert.Equal(2, failed.Failed);
        Assert.Contains(again.Updates, e => e is MessageNewEvent { Message.Text: "kept" });
    }

    [Fact]
    public async Task PostWithAFormBody_WorksLikeGet()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("send", new { text = "via POST" });

        using var response = await client.Http.PostAsync(
            new Uri($"https://{server}?act=a_check"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["ts"] = ts.ToString(System.Globalization.CultureInfo.InvariantCulture), ["wait"] = "0", ["mode"] = "234", ["version"] = "19" }));

        Assert.Contains(TestDecoder.Response(await response.Content.ReadAsByteArrayAsync()).Updates, e => e is MessageNewEvent { Message.Text: "via POST" });
    }

    [Theory]
    [InlineData("failed_1", 1)]
    [InlineData("failed_2", 2)]
    [InlineData("failed_3", 3)]
    [InlineData("failed_4", 4)]
    public async Task FailedFaults_AnswerWithTheirCode_AndLoseNoEvent(string fault, int code)
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("send", new { text = "survives " + fault });
        await client.ControlAsync("faults", new { fault, count = 1 });

        var failed = TestDecoder.Response(await client.CheckAsync(server, key, ts));
        if (code is 2 or 3)
        {
            Assert.Equal(2, TestDecoder.Response(await client.CheckAsync(server, key, ts)).Failed); // the old key is dead now
            key = (await client.LongPollServerAsync()).Key;
        }

        var after = TestDecoder.Response(await client.CheckAsync(server, key, ts));

        Assert.Equal(code, failed.Failed);
        Assert.Contains(after.Updates, e => e is MessageNewEvent { Message.Text: var text } && text == "survives " + fault);
    }

    [Theory]
    [InlineData("http_500", 500)]
    [InlineData("http_502", 502)]
    public async Task HttpFaults_AnswerWithTheStatus(string fault, int status)
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("faults", new { fault });

        using var response = await client.Http.GetAsync(EmulatorClient.CheckUri(server, key, ts));

        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task ResetFault_DropsTheConnection()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("faults", new { fault = "reset" });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.CheckAsync(server, key, ts));
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("truncated")]
    public async Task BodyFaults_AreRejectedByTheDecoder_AndTheNextAnswerIsWhole(string fault)
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("send", new { text = "after " + fault });
        await client.ControlAsync("faults", new { fault });

        var bad = await client.CheckAsync(server, key, ts);

        Assert.Throws<LongPollProtocolException>(() => new LongPollDecoder().ReadResponse(bad));
        Assert.Contains(TestDecoder.Response(await client.CheckAsync(server, key, ts)).Updates, e => e is MessageNewEvent);
    }

    [Fact]
    public async Task HangFault_HoldsTheRequestUntilTheClientGivesUp()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("faults", new { fault = "hang" });
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CheckAsync(server, key, ts, cancellationToken: giveUp.Token));
        Assert.NotNull(TestDecoder.Response(await client.CheckAsync(server, key, ts)).Ts);
    }
}

internal static class TestDecoder
{
    public static LongPollResponse Response(byte[] body, int version = 19, int? mode = null)
    {
        try
        {
            return new LongPollDecoder(new LongPollDecoderOptions { Version = version, Mode = mode }).ReadResponse(body);
        }
        catch (LongPollProtocolException e)
        {
            throw new InvalidOperationException($"{e.Message} in {Encoding.UTF8.GetString(body)}", e);
        }
    }

    public static JsonElement Json(byte[] body) => JsonDocument.Parse(body).RootElement.Clone();
}

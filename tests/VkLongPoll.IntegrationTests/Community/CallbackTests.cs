using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>The callback sender against a loopback receiver: confirmation, order, secret, retries, pauses, and its faults.</summary>
[Collection(CommunityGroup.Name)]
public sealed class CallbackTests(CommunityFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ConfiguredThroughTheApi_ConfirmsThenDeliversEveryEventInOrder_WithTheSecret()
    {
        var (index, id, token) = fixture.NewCommunity();
        var group = CommunityFixture.Id(id);
        var code = (await fixture.ResponseAsync("groups.getCallbackConfirmationCode", token, new() { ["group_id"] = group })).GetProperty("code").GetString()!;
        using var receiver = new CallbackReceiver(() => code, "s3cret");
        var serverId = (await fixture.ResponseAsync("groups.addCallbackServer", token, new() { ["group_id"] = group, ["url"] = receiver.Url.ToString(), ["title"] = "bot", ["secret_key"] = "s3cret" })).GetProperty("server_id").GetInt64();
        await fixture.ResponseAsync("groups.setCallbackSettings", token, new() { ["group_id"] = group, ["server_id"] = CommunityFixture.Id(serverId), ["api_version"] = "5.199", ["message_new"] = "1", ["group_join"] = "1" });

        var sent = new List<CommunityJournalEntry>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(fixture.Emulator.SendCommunityMessage(index, $"сообщение {i}", inChat: i % 2 == 1));
        }

        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 5, Bound);
        var status = (await fixture.ResponseAsync("groups.getCallbackServers", token, new() { ["group_id"] = group })).GetProperty("items")[0].GetProperty("status").GetString();

        Assert.Equal(1, receiver.Confirmations);
        Assert.Equal(sent.Select(e => e.EventId), receiver.Accepted.Select(r => r.EventId));
        var body = receiver.Accepted[0].Body;
        Assert.Equal(["group_id", "type", "event_id", "v", "object", "secret"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal((id, "message_new", "5.199", "s3cret"), (body.GetProperty("group_id").GetInt64(), body.GetProperty("type").GetString(), body.GetProperty("v").GetString(), body.GetProperty("secret").GetString()));
        Assert.Equal(0, receiver.Accepted[1].Body.GetProperty("object").GetProperty("message").GetProperty("id").GetInt64()); // a chat message
        Assert.All(receiver.Accepted, r => Assert.Equal(0, r.Retry));
        Assert.Equal("ok", status);
    }

    [Fact]
    public async Task AnErrorAnswer_IsRetriedWithXRetryCounter_HonouringRetryAfter_AndOnlyEventsChosenAreSent()
    {
        var (index, _, _) = fixture.NewCommunity();
        using var receiver = new CallbackReceiver(() => fixture.Emulator.CallbackConfirmationCode(index), secret: null)
        {
            Answer = n => n switch { 0 => (503, "busy", "0"), 1 => (500, "oops", null), _ => null },
        };
        fixture.Emulator.ConfigureCallback(index, receiver.Url, secret: null);
        await receiver.WaitUntilAsync(r => r.Confirmations == 1, Bound);

        var sent = fixture.Emulator.SendCommunityMessage(index, "повтори");
        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 1, Bound);

        var delivered = Assert.Single(receiver.Accepted);
        Assert.Equal((sent.EventId, 2), (delivered.EventId, delivered.Retry)); // the third try, counted from the first retry
        Assert.False(delivered.Body.TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task FailuresInARow_PauseTheServer_MarkedFailed_ThenItResumesWithTheSameEvent()
    {
        var (index, _, _) = fixture.NewCommunity();
        var broken = true;
        using var receiver = new CallbackReceiver(() => fixture.Emulator.CallbackConfirmationCode(index), secret: null)
        {
            Answer = _ => Volatile.Read(ref broken) ? (500, "down", null) : null,
        };
        var serverId = fixture.Emulator.ConfigureCallback(index, receiver.Url, secret: null);
        await receiver.WaitUntilAsync(r => r.Confirmations == 1, Bound);
        var sent = fixture.Emulator.SendCommunityMessage(index, "дойдёт позже");

        await WaitForStatusAsync(index, serverId, "failed");
        Volatile.Write(ref broken, false);
        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 1, Bound);

        Assert.Equal(sent.EventId, receiver.Accepted[0].EventId);
        Assert.True(receiver.Accepted[0].Retry >= 3, $"retry {receiver.Accepted[0].Retry}");
        Assert.True(receiver.Confirmations >= 2); // a paused server is confirmed again before it gets events
        await WaitForStatusAsync(index, serverId, "ok");
    }

    [Fact]
    public async Task RotatedCode_TheNextConfirmationMustAnswerTheNewCode()
    {
        var (index, _, _) = fixture.NewCommunity();
        var answered = fixture.Emulator.CallbackConfirmationCode(index);
        using var receiver = new CallbackReceiver(() => Volatile.Read(ref answered), secret: null);
        var serverId = fixture.Emulator.ConfigureCallback(index, receiver.Url, secret: null);
        fixture.Emulator.SendCommunityMessage(index, "до смены");
        await receiver.WaitUntilAsync(r => r.Accepted.Count == 1, Bound);

        var code = fixture.Emulator.RotateCallbackCode(index);
        var held = fixture.Emulator.SendCommunityMessage(index, "после смены");
        await WaitForStatusAsync(index, serverId, "failed"); // the receiver still answers the old code
        Volatile.Write(ref answered, code);
        await receiver.WaitUntilAsync(r => r.Accepted.Count == 2, Bound);

        Assert.Equal(held.EventId, receiver.Accepted[1].EventId);
        Assert.True(receiver.Confirmations >= 2);
    }

    [Fact]
    public async Task Faults_GiveTrueDuplicates_AbandonedBodies_AndForgeriesOutsideTheJournal()
    {
        var (index, _, _) = fixture.NewCommunity();
        using var receiver = new CallbackReceiver(() => fixture.Emulator.CallbackConfirmationCode(index), secret: "real");
        fixture.Emulator.ConfigureCallback(index, receiver.Url, secret: "real");
        await receiver.WaitUntilAsync(r => r.Confirmations == 1, Bound);
        var faults = fixture.Emulator.CallbackFaults(index);
        faults.Enqueue(CallbackFaultKind.TimeoutAfterRecord, 1);
        faults.Enqueue(CallbackFaultKind.ServerError, 1);
        faults.Enqueue(CallbackFaultKind.Duplicate, 1);
        faults.Enqueue(CallbackFaultKind.ForgedSecret, 1);

        var sent = Enumerable.Range(0, 4).Select(i => fixture.Emulator.SendCommunityMessage(index, $"сбой {i}")).ToList();
        await receiver.WaitUntilAsync(r => r.Accepted.Select(a => a.EventId).Distinct().Count() == 4 && r.Refused.Count == 1, Bound);
        var journal = fixture.Emulator.CommunityJournal(index).Select(e => e.EventId).ToHashSet();
        var byEvent = receiver.Accepted.GroupBy(a => a.EventId).ToDictionary(g => g.Key, g => g.ToList());

        // timeout_after_record: recorded, answered ok, and still sent again with a retry counter.
        Assert.Equal([0, 1], byEvent[sent[0].EventId].Select(a => a.Retry));
        // server_error: the first try never arrived whole; the retry did.
        Assert.Equal([1], byEvent[sent[1].EventId].Select(a => a.Retry));
        // duplicate: the same body twice.
        Assert.Equal(2, byEvent[sent[2].EventId].Count);
        Assert.Single(byEvent[sent[3].EventId]);
        // forged_secret: refused by the receiver, and its event id is not VK's.
        Assert.DoesNotContain(receiver.Refused[0], journal);
        Assert.All(receiver.Accepted, a => Assert.Contains(a.EventId, journal));
        Assert.Equal(1, faults.Injected[CallbackFaultKind.ForgedSecret]);
    }

    private async Task WaitForStatusAsync(int index, long serverId, string status)
    {
        // The sender's status has no event to wait on; a short, bounded poll of in-process state.
        using var giveUp = new CancellationTokenSource(Bound);
        while (fixture.Emulator.CallbackStatus(index, serverId) != status)
        {
            await Task.Delay(10, giveUp.Token);
        }
    }
}

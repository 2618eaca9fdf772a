using System.Text.Json;
using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>The control API's community actions, as an out-of-process test drives them (the typed client over HTTP).</summary>
[Collection(CommunityGroup.Name)]
public sealed class CommunityControlTests(CommunityFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ControlActions_WriteReadAndCallBack_TheSameWorld()
    {
        var (index, id, token) = fixture.NewCommunity();
        using var control = fixture.Emulator.CreateControlClient();
        var (server, key, ts) = await fixture.BotsServerAsync(id, token);

        var message = await control.SendCommunityMessageAsync(index, "из теста", inChat: true);
        var join = await control.CommunityEventAsync(index, "group_join");
        var newest = await control.EmitCommunityScenarioAsync(index, seed: 3, steps: 20);
        var journal = await control.GetCommunityJournalAsync(index);
        var polled = await fixture.CheckAsync(server, key, ts);

        Assert.Equal(2_000_000_001, message.PeerId);
        Assert.Equal(0, JsonDocument.Parse(message.Update).RootElement.GetProperty("object").GetProperty("message").GetProperty("id").GetInt64());
        Assert.Equal(("group_join", id), (join.Type, JsonDocument.Parse(join.Update).RootElement.GetProperty("group_id").GetInt64()));
        Assert.Equal(newest, journal[^1].Ts);
        Assert.Equal(fixture.Emulator.CommunityJournal(index).Select(e => e.EventId), journal.Select(e => e.EventId));
        Assert.Equal(journal.Select(e => e.EventId), polled.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("event_id").GetString()));

        using var receiver = new CallbackReceiver(() => fixture.Emulator.CallbackConfirmationCode(index), secret: "k");
        await control.ConfigureCallbackAsync(index, receiver.Url, "k");
        await control.InjectCallbackFaultAsync(index, CallbackFaultKind.Duplicate);
        var sent = await control.SendCommunityMessageAsync(index, "дважды");
        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 2, Bound);

        Assert.Equal([sent.EventId, sent.EventId], receiver.Accepted.Select(a => a.EventId));
    }
}

using System.Collections.Concurrent;
using System.Text;
using VkLongPoll.Events;
using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests;

/// <summary>VkLongPoll.Testing's typed control client: what a user's own tests drive the emulator with.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class ControlClientTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task ControlClient_SendsEditsDeletes_AndTheJournalHasItAll()
    {
        using var account = fixture.NewClient();
        var index = fixture.Emulator.Tokens.ToList().IndexOf(account.Token);
        using var control = fixture.Emulator.CreateControlClient(index);

        var sent = await control.SendMessageAsync("hello from a test");
        var edited = await control.EditMessageAsync(sent.MessageId!.Value, "edited");
        var deleted = await control.DeleteMessageAsync(sent.MessageId.Value, forAll: true);
        var journal = await control.GetJournalAsync();

        Assert.True(edited.Ts > sent.Ts && deleted.Ts > edited.Ts);
        Assert.Equal(deleted.Ts, journal[^1].Ts);
        var updates = journal.Select(e => Encoding.UTF8.GetString(e.Update)).ToList();
        Assert.Contains(updates, u => u.StartsWith("[10004,", StringComparison.Ordinal) && u.Contains("hello from a test", StringComparison.Ordinal));
        Assert.Contains(updates, u => u.StartsWith("[10005,", StringComparison.Ordinal) && u.Contains("edited", StringComparison.Ordinal));
        var decoded = new LongPollDecoder().ReadEvent(journal[^1].Update);
        Assert.IsType<MessageFlagsSetEvent>(decoded);
    }

    [Fact]
    public async Task ControlClient_InjectedFault_IsWhatTheSessionMeets()
    {
        using var account = fixture.NewClient();
        var index = fixture.Emulator.Tokens.ToList().IndexOf(account.Token);
        using var control = fixture.Emulator.CreateControlClient(index);
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(fixture.Emulator, account.Token);
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        var texts = await SessionTests.ReadMessagesAsync(session, account, 1, async () =>
        {
            await control.InjectFaultAsync(FaultKind.Http502);
            await control.SendMessageAsync("after a 502");
        });

        Assert.Equal(["after a 502"], texts);
        Assert.Contains(statuses, s => s is LongPollRetrying { Reason: LongPollRetryReason.HttpStatus, HttpStatusCode: 502 });
    }
}

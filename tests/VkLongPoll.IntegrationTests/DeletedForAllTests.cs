using VkLongPoll.Events;

namespace VkLongPoll.IntegrationTests;

/// <summary>
/// A message deleted for everyone before the poll that brings it: VK sends it short (<c>[10004, cmid, flags, minor_id]</c>),
/// and its API gives back only your own, with <c>deleted: 1</c> and its <c>random_id</c> (danyadev/longpoll-doc, version 19).
/// </summary>
[Collection(EmulatorGroup.Name)]
public sealed class DeletedForAllTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AShortLiveNewMessage_IsFetchedByMinorId_YourOwnComesBackWithItsRandomId_TheirsStaysShort()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, pts) = await client.LongPollServerAsync();
        var theirs = await client.ControlAsync("send", new { text = "theirs, then gone" });
        var mine = await client.ControlAsync("send", new { text = "mine, then gone", from_id = client.UserId, random_id = 4242 });
        await client.ControlAsync("delete", new { message_id = theirs.GetProperty("message_id").GetInt64(), for_all = true });
        await client.ControlAsync("delete", new { message_id = mine.GetProperty("message_id").GetInt64(), for_all = true });
        await client.ControlAsync("send", new { text = "after" });
        await using var session = new LongPollClient(SessionTests.Options(fixture.Emulator, client.Token), LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));
        using var bound = new CancellationTokenSource(Bound);

        var news = new List<LongPollMessage>();
        await foreach (var e in session.ReadEventsAsync(new LongPollCheckpoint(ts, pts, server, key, 19), bound.Token))
        {
            if (e is MessageNewEvent { Message: var m })
            {
                news.Add(m);
                if (m.Text == "after")
                {
                    break;
                }
            }
        }

        Assert.Equal(3, news.Count);
        // Someone else's: VK will not give it; the event stays short, with its ids and flags, and nothing of what it said.
        Assert.False(news[0].IsComplete);
        Assert.Equal(theirs.GetProperty("message_id").GetInt64(), news[0].MinorId);
        Assert.True(news[0].Flags.HasFlag(MessageFlags.DeletedForAll));
        Assert.Null(news[0].Text);
        // Your own: fetched by minor_id, with its random_id (what a bot needs to know its send went through), not its text.
        Assert.True(news[1].IsComplete);
        Assert.Equal(4242, news[1].RandomId);
        Assert.Equal(mine.GetProperty("message_id").GetInt64(), news[1].MessageId);
        Assert.Equal(string.Empty, news[1].Text);
        Assert.True(news[1].Flags.HasFlag(MessageFlags.DeletedForAll));
        Assert.Equal("after", news[2].Text);
    }

    [Fact]
    public async Task TheApi_GivesNoTextOfAMessageDeletedForEveryone_AndNothingOfSomeoneElses()
    {
        using var client = fixture.NewClient();
        var theirs = (await client.ControlAsync("send", new { text = "secret" })).GetProperty("message_id").GetInt64();
        var mine = (await client.ControlAsync("send", new { text = "my secret", from_id = client.UserId })).GetProperty("message_id").GetInt64();
        await client.ControlAsync("delete", new { message_id = theirs, for_all = true });
        await client.ControlAsync("delete", new { message_id = mine, for_all = true });

        var answer = await client.ResponseAsync("messages.getById", new() { ["message_ids"] = $"{theirs},{mine}" });

        var item = Assert.Single(answer.GetProperty("items").EnumerateArray());
        Assert.Equal(mine, item.GetProperty("id").GetInt64());
        Assert.Equal(1, item.GetProperty("deleted").GetInt32());
        Assert.Equal(string.Empty, item.GetProperty("text").GetString());
    }
}

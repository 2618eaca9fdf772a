using VkLongPoll.Events;

namespace VkLongPoll.IntegrationTests;

/// <summary>Message requests and unpinning, as VK signals them (danyadev/longpoll-doc, version 19: conversation flags 256 and 512, event 52 type 5).</summary>
[Collection(EmulatorGroup.Name)]
public sealed class MessageRequestTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AMessageRequest_ItsAcceptance_AndAnUnpin_ComeAsVkSendsThem()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, pts) = await client.LongPollServerAsync();
        const long Stranger = 777_000_001;
        await client.ControlAsync("message_request", new { from_id = Stranger, text = "can we talk?" });
        await client.ControlAsync("message_request_answer", new { from_id = Stranger });
        var chat = (await client.ControlAsync("chat_create", new { title = "Pins" })).GetProperty("chat_id").GetInt64();
        var pinned = await client.ControlAsync("send", new { peer_id = 2_000_000_000 + chat, text = "pin me" });
        await client.ControlAsync("chat_pin", new { chat_id = chat, conversation_message_id = pinned.GetProperty("conversation_message_id").GetInt64() });
        await client.ControlAsync("chat_unpin", new { chat_id = chat });
        await client.ControlAsync("send", new { text = "the end" });
        await using var session = new LongPollClient(SessionTests.Options(fixture.Emulator, client.Token), LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));
        using var bound = new CancellationTokenSource(Bound);

        var events = new List<LongPollEvent>();
        await foreach (var e in session.ReadEventsAsync(new LongPollCheckpoint(ts, pts, server, key, 19), bound.Token))
        {
            events.Add(e);
            if (e is MessageNewEvent { Message.Text: "the end" })
            {
                break;
            }
        }

        var request = Assert.Single(events.OfType<ConversationFlagsSetEvent>(), f => f.Flags.HasFlag(ConversationFlags.MessageRequest));
        Assert.Equal(Stranger, request.PeerId.Value);
        Assert.Contains(events.OfType<ConversationFlagsResetEvent>(), f => f.PeerId.Value == Stranger && f.Flags.HasFlag(ConversationFlags.MessageRequest));
        Assert.Contains(events.OfType<MessageNewEvent>(), m => m.Message.Action?.Type == "accepted_message_request" && m.Message.PeerId?.Value == Stranger);
        var pins = events.OfType<ChatInfoEvent>().Where(c => c.InfoType == ChatInfoType.PinChanged).Select(c => c.Info).ToList();
        Assert.Equal([pinned.GetProperty("conversation_message_id").GetInt64(), 0L], pins);
        Assert.Contains(events.OfType<MessageNewEvent>(), m => m.Message.Action?.Type == "chat_unpin_message");
        Assert.DoesNotContain(events, e => e is MessageUpdatedEvent);
    }

    [Fact]
    public async Task ReactionsAndWriteBans_ComeLive_AsVkSendsThem()
    {
        using var client = fixture.NewClient();
        var (server, key, ts, pts) = await client.LongPollServerAsync();
        var chat = (await client.ControlAsync("chat_create", new { title = "Reactions" })).GetProperty("chat_id").GetInt64();
        var mine = await client.ControlAsync("send", new { peer_id = 2_000_000_000 + chat, from_id = client.UserId, text = "react to me" });
        const long friend = 555_000_001;
        await client.ControlAsync("react", new { message_id = mine.GetProperty("message_id").GetInt64(), from_id = friend, reaction_id = 4 });
        await client.ControlAsync("restrict", new { chat_id = chat, user_id = friend });
        await client.ControlAsync("send", new { text = "the end" });
        await using var session = new LongPollClient(SessionTests.Options(fixture.Emulator, client.Token), LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));
        using var bound = new CancellationTokenSource(Bound);

        var events = new List<LongPollEvent>();
        await foreach (var e in session.ReadEventsAsync(new LongPollCheckpoint(ts, pts, server, key, 19), bound.Token))
        {
            events.Add(e);
            if (e is MessageNewEvent { Message.Text: "the end" })
            {
                break;
            }
        }

        var reaction = Assert.Single(events.OfType<ReactionsChangedEvent>());
        Assert.Equal((ReactionAction.OtherAdded, mine.GetProperty("conversation_message_id").GetInt64()), (reaction.Action, reaction.ConversationMessageId));
        Assert.Equal(4, Assert.Single(reaction.Reactions).ReactionId);
        Assert.Equal([mine.GetProperty("conversation_message_id").GetInt64()], Assert.Single(events.OfType<UnreadReactionsEvent>()).ConversationMessageIds);
        var ban = Assert.Single(events.OfType<ChatMemberWriteBanEvent>());
        Assert.Equal((WriteBanAction.BannedForever, friend), (ban.Action, ban.MemberId));
        Assert.DoesNotContain(events, e => e is UnknownEvent);
    }
}

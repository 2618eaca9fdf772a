using Microsoft.Data.Sqlite;
using VkLongPoll.Events;
using VkLongPoll.Sqlite;

namespace VkLongPoll.IntegrationTests;

/// <summary>The library parts the notifier is built of: presence on version 19, the message store, complete messages by id.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class NotifierPartsTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task PresenceWatcher_TurnsChangesIntoPolledOnlineAndOfflineEvents_WithTheDevice()
    {
        using var client = fixture.NewClient();
        var friends = fixture.Emulator.FriendIds(fixture.Emulator.Tokens.ToList().IndexOf(client.Token));
        using var api = new VkApiClient(client.Token, new VkApiClientOptions { BaseUrl = fixture.Emulator.ApiUrl, CallsPerSecond = 0 }, client.Http);
        var watcher = new FriendPresenceWatcher(api, TimeSpan.FromSeconds(5));

        Assert.Empty(await watcher.LookAsync()); // the first look only learns who is online
        await client.ControlAsync("online", new { user_id = friends[0], platform = 2 });
        await client.ControlAsync("online", new { user_id = friends[1], platform = 7 });
        var online = await watcher.LookAsync();
        await client.ControlAsync("offline", new { user_id = friends[0] });
        var offline = await watcher.LookAsync();

        Assert.Equal(new[] { (friends[0], Platform.IPhone), (friends[1], Platform.Web) }.Order(), online.Cast<FriendOnlineEvent>().Select(e => (e.UserId, e.Platform)).Order());
        Assert.All(online.Cast<FriendOnlineEvent>(), e => Assert.True(e.IsPolled));
        var gone = Assert.IsType<FriendOfflineEvent>(Assert.Single(offline));
        Assert.Equal(friends[0], gone.UserId);
        Assert.True(gone.IsPolled);
    }

    [Fact]
    public async Task GetMessagesById_GivesCompleteMessages_WithAttachmentLinksAndKeys()
    {
        using var client = fixture.NewClient();
        var sent = await client.ControlAsync("send", new { text = "look", attachments = new[] { new { type = "photo", owner_id = 5, id = 6 }, new { type = "graffiti", owner_id = 5, id = 7 } } });
        using var api = new VkApiClient(client.Token, new VkApiClientOptions { BaseUrl = fixture.Emulator.ApiUrl, CallsPerSecond = 0 }, client.Http);

        var message = Assert.Single(await api.GetMessagesByIdAsync([sent.GetProperty("message_id").GetInt64()]));

        Assert.Equal("look", message.Text);
        Assert.True(message.IsComplete);
        Assert.Equal(("photo", "5_6"), (message.Attachments[0].Type, message.Attachments[0].Id));
        Assert.StartsWith("https://", message.Attachments[0].Url, StringComparison.Ordinal);
        Assert.NotNull(message.Attachments[0].AccessKey);
        Assert.True(message.Attachments[1].IsGraffiti);
    }

    [Fact]
    public async Task SqliteMessageStore_RemembersAcrossInstances_ByEitherId_AndIsPrivate()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vklp-messages-{Guid.NewGuid():N}.db");
        try
        {
            var message = new LongPollMessage
            {
                MessageId = 101, ConversationMessageId = 7, PeerId = new PeerId(2_000_000_003), FromId = 42, Text = "remember me", IsComplete = true,
                Attachments = [new MessageAttachment { Index = 1, Type = "photo", Id = "42_9", Url = "https://example.org/p.jpg" }],
            };
            using (var first = new SqliteMessageStore(path))
            {
                await first.SaveAsync([message, message with { MessageId = 102, ConversationMessageId = 8, IsComplete = false }]);
            }

            using var again = new SqliteMessageStore(path);
            var byId = await again.FindByIdAsync(101);
            var byConversation = await again.FindInConversationAsync(new PeerId(2_000_000_003), 7);

            Assert.Equal(("remember me", 42L, "https://example.org/p.jpg"), (byId!.Text, byId.FromId!.Value, byId.Attachments[0].Url));
            Assert.Equal(101, byConversation!.MessageId);
            Assert.Null(await again.FindByIdAsync(102)); // an incomplete message is not kept
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task SqliteMessageStore_ForgetsWhatIsOlderThanItsRetention()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vklp-messages-{Guid.NewGuid():N}.db");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        try
        {
            using var store = new SqliteMessageStore(path, TimeSpan.FromDays(30), timeProvider: clock);
            await store.SaveAsync([new LongPollMessage { MessageId = 1, PeerId = new PeerId(5), Text = "old", IsComplete = true }]);
            clock.Advance(TimeSpan.FromDays(31));
            await store.SaveAsync([new LongPollMessage { MessageId = 2, PeerId = new PeerId(5), Text = "new", IsComplete = true }]);

            store.Prune();

            Assert.Null(await store.FindByIdAsync(1));
            Assert.Equal("new", (await store.FindByIdAsync(2))!.Text);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task SqliteMessageStore_PrunesWhenItOpens_AndEveryIntervalWhileOpen_WithoutAnySave()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vklp-messages-{Guid.NewGuid():N}.db");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        try
        {
            using (var first = new SqliteMessageStore(path, TimeSpan.FromDays(30), timeProvider: clock))
            {
                await first.SaveAsync([new LongPollMessage { MessageId = 1, PeerId = new PeerId(5), Text = "a month ago", IsComplete = true }]);
            }

            // Opened again after the retention: the old message is gone before anything is saved.
            clock.Advance(TimeSpan.FromDays(31));
            using var store = new SqliteMessageStore(path, TimeSpan.FromDays(30), timeProvider: clock);
            Assert.Null(await store.FindByIdAsync(1));

            // While it stays open and saves nothing, the hourly pruning drops what ages past the retention.
            await store.SaveAsync([new LongPollMessage { MessageId = 2, PeerId = new PeerId(5), Text = "quiet since", IsComplete = true }]);
            clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(30));
            Assert.NotNull(await store.FindByIdAsync(2));
            clock.Advance(SqliteMessageStore.PruneInterval);
            Assert.Null(await store.FindByIdAsync(2));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task MessageStores_ForgetAMessage_ByEitherId()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vklp-messages-{Guid.NewGuid():N}.db");
        try
        {
            using var sqlite = new SqliteMessageStore(path);
            foreach (IMessageStore store in new IMessageStore[] { sqlite, new InMemoryMessageStore() })
            {
                var message = new LongPollMessage { MessageId = 11, ConversationMessageId = 3, PeerId = new PeerId(2_000_000_001), Text = "deleted for all", IsComplete = true };
                var other = message with { MessageId = 12, ConversationMessageId = 4, Text = "kept" };
                await store.SaveAsync([message, other]);

                // Deletion events of version 19 name the message by its conversation id only.
                await store.ForgetAsync(new LongPollMessage { PeerId = message.PeerId, ConversationMessageId = 3 });

                Assert.Null(await store.FindByIdAsync(11));
                Assert.Null(await store.FindInConversationAsync(message.PeerId.Value, 3));
                Assert.Equal("kept", (await store.FindByIdAsync(12))!.Text);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task MessageStores_KeepEveryIdZeroMessageOfACommunityChat_ByItsConversationId()
    {
        // VK gives messages in community chats the id 0 (vk-api-schema#40, vk-io#308): two of them are two messages.
        var path = Path.Combine(Path.GetTempPath(), $"vklp-messages-{Guid.NewGuid():N}.db");
        try
        {
            using var sqlite = new SqliteMessageStore(path);
            foreach (IMessageStore store in new IMessageStore[] { sqlite, new InMemoryMessageStore() })
            {
                var chat = new PeerId(2_000_000_007);
                var first = new LongPollMessage { MessageId = 0, ConversationMessageId = 1, PeerId = chat, Text = "first", IsComplete = true };
                var second = first with { ConversationMessageId = 2, Text = "second" };
                await store.SaveAsync([first]);
                await store.SaveAsync([second]);

                Assert.Equal("first", (await store.FindInConversationAsync(chat, 1))!.Text);
                Assert.Equal("second", (await store.FindInConversationAsync(chat, 2))!.Text);
                Assert.Null(await store.FindByIdAsync(0));

                // Forgetting one (named by id 0 and its cmid, as a deletion event names it) leaves the other.
                await store.ForgetAsync(first with { Text = null });
                Assert.Null(await store.FindInConversationAsync(chat, 1));
                Assert.Equal("second", (await store.FindInConversationAsync(chat, 2))!.Text);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}

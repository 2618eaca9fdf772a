using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>
/// Names and chat titles for the feed, fetched in batches (one users.get per name case for all unknown ids of a
/// batch, one getConversationsById for its chats), kept for an hour, and never allowed to stall the feed.
/// </summary>
/// <remarks>
/// The account's own id may be unknown at first (<c>watch</c> asks for it only once the session is connected, so a
/// network fault shows as the session's status, not as a failed start); the first lookup learns it.
/// </remarks>
internal sealed class FeedDirectoryCache(VkApiClient api, long? selfId, TimeProvider time, FeedLanguage language) : IFeedDirectory, IEventNames
{
    // English needs one form of a name; Russian lines use five cases (one users.get each).
    private readonly string[] _cases = language == FeedLanguage.Russian ? ["nom", "gen", "dat", "acc", "ins"] : ["nom"];
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly Dictionary<long, (Person Person, DateTimeOffset At)> _users = [];
    private readonly Dictionary<long, (string Title, DateTimeOffset At)> _chats = [];
    private readonly Dictionary<string, string> _urls = new(StringComparer.Ordinal);
    private Task _pending = Task.CompletedTask;

    private long _selfId = selfId ?? 0;

    public long SelfId => Volatile.Read(ref _selfId);

    public Person? User(long id)
    {
        lock (_users)
        {
            return _users.TryGetValue(id, out var entry) ? entry.Person : null;
        }
    }

    /// <summary>The name <c>watch --json</c> writes beside an id: the nominative.</summary>
    public string? UserName(long userId) => User(userId)?.In("nom");

    public string? ChatTitle(long peerId)
    {
        lock (_chats)
        {
            return _chats.TryGetValue(peerId, out var entry) ? entry.Title : null;
        }
    }

    public string? AttachmentUrl(MessageAttachment attachment)
    {
        lock (_urls)
        {
            return _urls.GetValueOrDefault(attachment.Type + ":" + attachment.Id);
        }
    }

    /// <summary>Looks up what the events name and the cache lacks; waits at most <paramref name="patience"/>, then lets the feed go on.</summary>
    public async Task ResolveAsync(IReadOnlyList<LongPollEvent> events, TimeSpan patience, CancellationToken cancellationToken)
    {
        Learn(events);
        var (users, chats) = Unknown(events);
        var attachments = UnknownAttachments(events);
        if (users.Count == 0 && chats.Count == 0 && attachments.Count == 0 && SelfId != 0)
        {
            return;
        }

        // One lookup at a time; a slow one keeps running in the background and fills the cache later.
        if (_pending.IsCompleted)
        {
            _pending = FetchAsync(users, chats, attachments, cancellationToken);
        }

        await Task.WhenAny(_pending, Task.Delay(patience, time, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Renames and new chats are in the events themselves: the cache follows them without an API call.</summary>
    private void Learn(IReadOnlyList<LongPollEvent> events)
    {
        foreach (var e in events)
        {
            if (e is MessageNewEvent { Message: { PeerId: { IsChat: true } peer, Action: { Type: "chat_create" or "chat_title_update", Text: { } title } } })
            {
                lock (_chats)
                {
                    _chats[peer.Value] = (title, time.GetUtcNow());
                }
            }
        }
    }

    private (List<long> Users, List<long> Chats) Unknown(IReadOnlyList<LongPollEvent> events)
    {
        var users = new HashSet<long>();
        var chats = new HashSet<long>();
        foreach (var e in events)
        {
            foreach (var id in Mentioned(e))
            {
                if (id > 2_000_000_000)
                {
                    chats.Add(id);
                }
                else if (id > 0 && id != SelfId)
                {
                    users.Add(id);
                }
            }
        }

        var now = time.GetUtcNow();
        lock (_users)
        {
            users.RemoveWhere(id => _users.TryGetValue(id, out var entry) && now - entry.At < Lifetime);
        }

        lock (_chats)
        {
            chats.RemoveWhere(id => _chats.TryGetValue(id, out var entry) && now - entry.At < Lifetime);
        }

        return ([.. users], [.. chats]);
    }

    private static IEnumerable<long> Mentioned(LongPollEvent e) => e switch
    {
        MessageNewEvent m => [m.Message.FromId ?? 0, m.Message.PeerId?.Value ?? 0, m.Message.Action?.MemberId ?? 0],
        MessageEditEvent m => [m.Message.FromId ?? 0, m.Message.PeerId?.Value ?? 0],
        MessageFlagsSetEvent m => [m.Message.PeerId?.Value ?? 0],
        MessageFlagsResetEvent m => [m.Message.PeerId?.Value ?? 0],
        FriendOnlineEvent f => [f.UserId],
        FriendOfflineEvent f => [f.UserId],
        ActivityEvent a => [a.PeerId.Value, .. a.UserIds],
        MessagesReadInboxEvent r => [r.PeerId.Value],
        MessagesReadOutboxEvent r => [r.PeerId.Value],
        MessagesDeletedEvent d => [d.PeerId.Value],
        NotificationSettingsEvent n => [n.PeerId.Value],
        ChatInfoEvent c => [c.PeerId.Value, c.MemberId ?? 0],
        _ => [],
    };

    private List<MessageAttachment> UnknownAttachments(IReadOnlyList<LongPollEvent> events)
    {
        lock (_urls)
        {
            return [.. events.OfType<MessageNewEvent>().SelectMany(e => e.Message.Attachments)
                .Where(a => a.Type is "photo" or "doc" && a.OwnerId is not null && !_urls.ContainsKey(a.Type + ":" + a.Id))];
        }
    }

    private async Task FetchAsync(List<long> users, List<long> chats, List<MessageAttachment> attachments, CancellationToken cancellationToken)
    {
        try
        {
            if (SelfId == 0 && await api.GetUsersAsync([], "nom", cancellationToken).ConfigureAwait(false) is [var self, ..])
            {
                Volatile.Write(ref _selfId, self.Id);
                users.Remove(self.Id);
            }

            if (attachments.Count > 0)
            {
                var photos = await api.GetPhotoUrlsAsync([.. attachments.Where(a => a.Type == "photo").Select(a => a.Id).Distinct()], cancellationToken).ConfigureAwait(false);
                var docs = await api.GetDocUrlsAsync([.. attachments.Where(a => a.Type == "doc").Select(a => a.Id).Distinct()], cancellationToken).ConfigureAwait(false);
                lock (_urls)
                {
                    foreach (var (id, url) in photos)
                    {
                        _urls["photo:" + id] = url;
                    }

                    foreach (var (id, url) in docs)
                    {
                        _urls["doc:" + id] = url;
                    }
                }
            }

            if (chats.Count > 0)
            {
                var titles = await api.GetChatTitlesAsync(chats, cancellationToken).ConfigureAwait(false);
                lock (_chats)
                {
                    foreach (var (peer, title) in titles)
                    {
                        _chats[peer] = (title, time.GetUtcNow());
                    }
                }
            }

            if (users.Count == 0)
            {
                return;
            }

            var names = new Dictionary<long, Dictionary<string, string>>();
            var sexes = new Dictionary<long, int>();
            foreach (var nameCase in _cases)
            {
                foreach (var user in await api.GetUsersAsync(users, nameCase, cancellationToken).ConfigureAwait(false))
                {
                    (names.TryGetValue(user.Id, out var byCase) ? byCase : names[user.Id] = [])[nameCase] = $"{user.FirstName} {user.LastName}".Trim();
                    sexes[user.Id] = user.Sex;
                }
            }

            lock (_users)
            {
                foreach (var (id, byCase) in names)
                {
                    _users[id] = (new Person(id, byCase, sexes[id]), time.GetUtcNow());
                }
            }
        }
        catch (Exception e) when (e is VkLongPollException or HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // A failed lookup leaves ids on screen; the next batch tries again.
        }
    }
}

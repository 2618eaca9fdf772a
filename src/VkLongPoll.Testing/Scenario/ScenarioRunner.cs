using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Scenario;

/// <summary>
/// A lively, deterministic stream of activity for one account: friends coming and going, typing, messages
/// with attachments and entities, replies, edits, deletions, reads, chats created, renamed, joined and left.
/// The same seed gives the same actions.
/// </summary>
internal sealed class ScenarioRunner(TimeProvider time, string language = "ru")
{
    private static readonly string[] RussianTexts =
    [
        "Привет! Как дела?", "Завтра в 10:00 на \"Даче\"?", "Возьми <гитару> & чай 🙂", "ок", "Смотри: https://vk.com/wall-1_2",
        "Line one\nline two", "Tom & Jerry", "&amp; is not an entity here", "👍", "Созвонимся вечером", "Кто будет в субботу?",
    ];

    private static readonly string[] EnglishTexts =
    [
        "Hi! How are you?", "Tomorrow at 10:00 at \"the Cottage\"?", "Bring a <guitar> & tea 🙂", "ok", "Look: https://vk.com/wall-1_2",
        "Line one\nline two", "Tom & Jerry", "&amp; is not an entity here", "👍", "Let's call tonight", "Who's in on Saturday?",
    ];

    private readonly string[] _texts = language == "en" ? EnglishTexts : RussianTexts;
    private readonly (string Chat, string Renamed) _titles = language == "en" ? ("Chat", "Cottage") : ("Беседа", "Дача");

    private long _emitted;

    public long Emitted => Interlocked.Read(ref _emitted);

    /// <summary>Emits <paramref name="events"/> actions at <paramref name="rate"/> per second; rate 0 emits them all before returning.</summary>
    public Task StartAsync(Account account, int seed, int events, double rate, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        if (rate <= 0)
        {
            for (var i = 0; i < events; i++)
            {
                Step(account, random);
            }

            return Task.CompletedTask;
        }

        _ = Task.Run(
            async () =>
            {
                var interval = TimeSpan.FromSeconds(1 / rate);
                for (var i = 0; i < events; i++)
                {
                    await Task.Delay(interval, time, CancellationToken.None).ConfigureAwait(false);
                    Step(account, random);
                }
            },
            CancellationToken.None);
        _ = cancellationToken;
        return Task.CompletedTask;
    }

    /// <summary>One action, chosen by weight.</summary>
    internal void Step(Account account, Random random)
    {
        lock (account.Sync)
        {
            var friend = account.Friends[random.Next(account.Friends.Count)];
            var roll = random.Next(100);
            var chats = account.Chats.Values.ToList();
            var recent = account.Recent.Select(account.Find).Where(m => (m.Flags & Account.Deleted) == 0).ToList();
            if (chats.Count == 0 && roll >= 80)
            {
                roll = 80; // chat actions need a chat: create one first
            }

            switch (roll)
            {
                case < 10:
                    account.FriendOnline(friend, random.Next(1, 8));
                    break;
                case < 15:
                    account.FriendOffline(friend, random.Next(2) == 0);
                    break;
                case < 30:
                    account.Activity(chats.Count > 0 && random.Next(2) == 0 ? chats[random.Next(chats.Count)].PeerId : friend, friend, 63 + random.Next(3));
                    break;
                case < 60:
                    SendMessage(account, random, friend, chats);
                    break;
                case < 66 when recent.Count > 0:
                    account.EditMessage(recent[random.Next(recent.Count)].Id, _texts[random.Next(_texts.Length)]);
                    break;
                case < 70 when recent.Count > 0:
                    account.DeleteMessage(recent[random.Next(recent.Count)].Id, random.Next(2) == 0);
                    break;
                case < 80:
                    account.Read(recent.Count > 0 ? recent[0].PeerId : friend, random.Next(3) != 0);
                    break;
                case < 84:
                    account.CreateChat($"{_titles.Chat} {random.Next(100, 999)}", [.. account.Friends.OrderBy(_ => random.Next()).Take(3)], account.Self.Id);
                    break;
                case < 90:
                    account.RenameChat(chats[random.Next(chats.Count)].Id, $"{_titles.Renamed} {random.Next(2024, 2030)}", account.Self.Id);
                    break;
                case < 95:
                    account.InviteToChat(chats[random.Next(chats.Count)].Id, friend, account.Self.Id);
                    break;
                default:
                    var chat = chats[random.Next(chats.Count)];
                    var member = chat.Members.FirstOrDefault(m => m != account.Self.Id);
                    if (member != 0)
                    {
                        account.KickFromChat(chat.Id, member, random.Next(2) == 0 ? member : account.Self.Id);
                    }

                    break;
            }
        }

        Interlocked.Increment(ref _emitted);
    }

    private void SendMessage(Account account, Random random, long friend, List<EmulatedChat> chats)
    {
        var inChat = chats.Count > 0 && random.Next(3) == 0;
        var peer = inChat ? chats[random.Next(chats.Count)].PeerId : friend;
        var from = random.Next(5) == 0 ? account.Self.Id : inChat ? chats.First(c => c.PeerId == peer).Members.FirstOrDefault(m => m != account.Self.Id, friend) : friend;
        List<StoredAttachment>? attachments = random.Next(4) switch
        {
            0 => [new StoredAttachment("photo", from, random.Next(400_000_000, 460_000_000))],
            1 when random.Next(2) == 0 => [new StoredAttachment("sticker", 0, random.Next(1, 20_000)) { ProductId = random.Next(1, 500) }],
            1 => [new StoredAttachment("audio_message", from, random.Next(500_000_000, 540_000_000))],
            _ => null,
        };
        var text = attachments is { Count: > 0 } && random.Next(2) == 0 ? string.Empty : _texts[random.Next(_texts.Length)];
        account.AddMessage(peer, from, text, attachments, randomId: from == account.Self.Id ? random.Next() : 0);
    }
}

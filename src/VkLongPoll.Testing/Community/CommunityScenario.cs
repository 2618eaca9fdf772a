namespace VkLongPoll.Testing.Community;

/// <summary>
/// A realistic, deterministic mix of what happens in a community, most of it messages: subscribers write (some in the
/// community's chat), the community answers and edits, people type, press buttons, react, join and leave, post, comment,
/// like, and now and then get blocked. The same seed gives the same steps.
/// </summary>
internal static class CommunityScenario
{
    private static readonly string[] Texts =
    [
        "Здравствуйте! Когда откроетесь?", "Сколько стоит доставка?", "Спасибо 🙂", "А есть <скидки> & акции?", "ок",
        "Line one\nline two", "Можно заказ на завтра к 10:00?", "👍", "Где вас найти?",
    ];

    /// <summary>One step, chosen by weight.</summary>
    public static void Step(EmulatedCommunity community, Random random)
    {
        lock (community.Sync)
        {
            var user = community.Subscribers[random.Next(community.Subscribers.Count)];
            var text = Texts[random.Next(Texts.Length)];
            var lastIncoming = community.Messages.Recent.Select(community.Messages.Find).LastOrDefault(m => !m.Out);
            switch (random.Next(100))
            {
                case < 45:
                    community.Receive(user, text, inChat: false);
                    break;
                case < 57:
                    community.Receive(user, text, inChat: true);
                    break;
                case < 65 when lastIncoming is not null:
                    community.Send(lastIncoming.PeerId, "Ответ: " + text, random.Next(1, int.MaxValue));
                    break;
                case < 69 when community.Messages.Recent.Count > 0:
                    community.Edit(community.Messages.Recent[^1], text + " (изм.)");
                    break;
                case < 75:
                    community.Typing(user);
                    break;
                case < 78 when lastIncoming is not null:
                    community.ButtonPressed(lastIncoming.FromId, lastIncoming.PeerId, lastIncoming.ConversationMessageId);
                    break;
                case < 81 when lastIncoming is not null:
                    community.Reacted(user, lastIncoming.PeerId, lastIncoming.ConversationMessageId, random.Next(1, 17));
                    break;
                case < 83:
                    community.Allow(user);
                    break;
                case < 84:
                    community.Deny(user);
                    break;
                case < 87:
                    community.Join(user);
                    break;
                case < 88:
                    community.Leave(user, self: random.Next(4) != 0);
                    break;
                case < 91:
                    community.Post(text);
                    break;
                case < 94:
                    community.Comment(user, 1 + random.Next(3), text);
                    break;
                case < 96:
                    community.Like(user, 1 + random.Next(3), add: true);
                    break;
                case < 97:
                    community.Like(user, 1 + random.Next(3), add: false);
                    break;
                case < 98:
                    community.PhotoAdded(random.Next(457_000_000, 457_999_999));
                    break;
                case < 99:
                    community.Block(user);
                    break;
                default:
                    community.Unblock(user);
                    break;
            }
        }
    }
}

using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Demo;

/// <summary>
/// What happens on the demo's account, in the feed's language: friends coming online with their devices, typing, messages
/// with a photo and a voice message, a chat created and renamed, an edit and a deletion — while the feed watches, and again
/// while it is away (so the recovered part shows the same kinds of things).
/// </summary>
internal sealed class DemoStory(EmulatorControlClient control, IReadOnlyList<long> friends, bool russian, TimeSpan step, Func<TimeSpan, Task> pause)
{
    private long _chatPeer;
    private long _chatId;

    private long Friend(int index) => friends[index % friends.Count];

    /// <summary>The part the feed sees live; <paramref name="midway"/> runs in the middle (the key expiring).</summary>
    public async Task LiveAsync(Func<Task> midway, TimeSpan presencePause)
    {
        await Act("online", new() { ["user_id"] = Friend(0), ["platform"] = 2 }).ConfigureAwait(false); // iPhone
        await pause(presencePause).ConfigureAwait(false);
        await Act("typing", new() { ["peer_id"] = Friend(1), ["user_id"] = Friend(1) }).ConfigureAwait(false);
        var question = await Send(Friend(1), Friend(1), russian ? "Привет! Завтра в 10:00 на «Даче»?" : "Hi! Tomorrow at 10:00 at “the Cottage”?").ConfigureAwait(false);
        await Act("typing", new() { ["peer_id"] = Friend(2), ["user_id"] = Friend(2), ["activity"] = "photo" }).ConfigureAwait(false);
        var view = await Send(Friend(2), Friend(2), russian ? "Смотри, какой вид" : "Look at this view", Attachment("photo", Friend(2), 457_239_017)).ConfigureAwait(false);
        var created = await control.ActAsync("chat_create", new Dictionary<string, object?>
        {
            ["title"] = russian ? "Дача 2026" : "Cottage 2026",
            ["member_ids"] = new[] { Friend(0), Friend(1), Friend(2) },
        }).ConfigureAwait(false);
        (_chatId, _chatPeer) = (created.ChatId!.Value, created.PeerId!.Value);
        await Send(_chatPeer, Friend(0), russian ? "Я возьму гитару" : "I'll bring the guitar").ConfigureAwait(false);
        await midway().ConfigureAwait(false);
        await Act("online", new() { ["user_id"] = Friend(3), ["platform"] = 4 }).ConfigureAwait(false); // Android
        await pause(presencePause).ConfigureAwait(false);
        await Act("typing", new() { ["peer_id"] = Friend(3), ["user_id"] = Friend(3), ["activity"] = "voice" }).ConfigureAwait(false);
        await Send(Friend(3), Friend(3), string.Empty, Attachment("audio_message", Friend(3), 520_114_200)).ConfigureAwait(false);
        await Act("chat_rename", new() { ["chat_id"] = _chatId, ["title"] = russian ? "Дача 2026 🏕" : "Cottage 2026 🏕" }).ConfigureAwait(false);
        await Act("edit", new() { ["message_id"] = question, ["text"] = russian ? "Привет! Завтра в 11:00 на «Даче»?" : "Hi! Tomorrow at 11:00 at “the Cottage”?" }).ConfigureAwait(false);
        await Act("delete", new() { ["message_id"] = view, ["for_all"] = true }).ConfigureAwait(false);
        await Act("offline", new() { ["user_id"] = Friend(0) }).ConfigureAwait(false);
        await pause(presencePause).ConfigureAwait(false);
    }

    /// <summary>The part that happens while the feed is away: more than the server keeps for <c>a_check</c>, so it comes back through history.</summary>
    public async Task AwayAsync()
    {
        var where = await Send(Friend(1), Friend(1), russian ? "Ты где?" : "Where are you?").ConfigureAwait(false);
        await Send(_chatPeer, Friend(4), russian ? "Фото с прошлого раза" : "A photo from last time", Attachment("photo", Friend(4), 457_239_044)).ConfigureAwait(false);
        var guitar = await Send(_chatPeer, Friend(0), russian ? "Гитара в машине" : "The guitar is in the car").ConfigureAwait(false);
        await Act("edit", new() { ["message_id"] = guitar, ["text"] = russian ? "Гитара и чай в машине" : "The guitar and tea are in the car" }).ConfigureAwait(false);
        await Act("delete", new() { ["message_id"] = where, ["for_all"] = true }).ConfigureAwait(false);
        await Act("chat_rename", new() { ["chat_id"] = _chatId, ["title"] = russian ? "Дача 2027" : "Cottage 2027" }).ConfigureAwait(false);
        await Send(Friend(2), Friend(2), string.Empty, Attachment("audio_message", Friend(2), 520_114_377)).ConfigureAwait(false);
        for (var i = 0; i < 20; i++)
        {
            // Typing passes Long Poll's retained window without a trace in history, as it does on VK.
            await control.TypingAsync(Friend(i % 3), Friend(i % 3)).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, object?> Attachment(string type, long owner, long id) => new() { ["type"] = type, ["owner_id"] = owner, ["id"] = id };

    private async Task<long> Send(long peer, long from, string text, Dictionary<string, object?>? attachment = null)
    {
        var sent = await control.ActAsync("send", new Dictionary<string, object?>
        {
            ["peer_id"] = peer,
            ["from_id"] = from,
            ["text"] = text,
            ["attachments"] = attachment is null ? null : new[] { attachment },
        }).ConfigureAwait(false);
        await pause(step).ConfigureAwait(false);
        return sent.MessageId!.Value;
    }

    private async Task Act(string action, Dictionary<string, object?> fields)
    {
        await control.ActAsync(action, fields).ConfigureAwait(false);
        await pause(step).ConfigureAwait(false);
    }
}

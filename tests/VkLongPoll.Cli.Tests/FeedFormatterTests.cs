using VkLongPoll.Cli.Feed;

namespace VkLongPoll.Cli.Tests;

/// <summary>Every line template of the feed, in Russian and English.</summary>
public sealed class FeedFormatterTests
{
    private sealed class Directory : IFeedDirectory
    {
        public long SelfId => 1;

        public Person? User(long id) => id switch
        {
            10 => new Person(10, new Dictionary<string, string>
            {
                ["nom"] = "Анна Петрова", ["gen"] = "Анны Петровой", ["dat"] = "Анне Петровой", ["acc"] = "Анну Петрову", ["ins"] = "Анной Петровой",
            }, Sex: 1),
            20 => new Person(20, new Dictionary<string, string>
            {
                ["nom"] = "Иван Иванов", ["gen"] = "Ивана Иванова", ["dat"] = "Ивану Иванову", ["acc"] = "Ивана Иванова", ["ins"] = "Иваном Ивановым",
            }, Sex: 2),
            _ => null,
        };

        public string? ChatTitle(long peerId) => peerId == 2000000005 ? "Дача 2026" : null;

        public string? AttachmentUrl(VkLongPoll.Events.LongPollMessage message, VkLongPoll.Events.MessageAttachment attachment) =>
            attachment.Url ?? (attachment.Id == "10_77" ? "https://vk.example/photo10_77.jpg" : null);

        public string? AttachmentTitle(VkLongPoll.Events.LongPollMessage message, VkLongPoll.Events.MessageAttachment attachment) => attachment.Title;

        public string? PreviousTitle(long peerId) => null;
    }

    private static readonly LongPollDecoder Decoder = new(new LongPollDecoderOptions { Version = 19, SelfUserId = 1 });
    private static readonly LongPollDecoder Version3 = new(new LongPollDecoderOptions { Version = 3, SelfUserId = 1 });

    public static TheoryData<string, string, string> Lines => new()
    {
        { "[8,-10,2,1700000000]", "Анна Петрова вошла с iPhone", "Анна Петрова came online (iPhone)" },
        { "[8,-20,7,1700000000]", "Иван Иванов вошёл с компьютера", "Иван Иванов came online (web)" },
        { "[8,-30,4,1700000000]", "id30 вошёл(а) с Android", "id30 came online (Android)" },
        { "[9,-10,1,1700000000]", "Анна Петрова отошла (нет активности)", "Анна Петрова is away (timed out)" },
        { "[9,-20,0,1700000000]", "Иван Иванов вышел из сети", "Иван Иванов went offline" },
        { "[63,2000000005,[20],1,1700000000]", "Иван Иванов печатает в беседе «Дача 2026»", "Иван Иванов is typing in “Дача 2026”" },
        { "[63,10,[10],1,1700000000]", "Анна Петрова печатает", "Анна Петрова is typing" },
        { "[63,2000000005,[10,20],2,1700000000]", "Анна Петрова, Иван Иванов печатают в беседе «Дача 2026»", "Анна Петрова, Иван Иванов are typing in “Дача 2026”" },
        { "[64,10,[10],1,1700000000]", "Анна Петрова записывает голосовое сообщение", "Анна Петрова is recording a voice message" },
        { "[65,10,[10],1,1700000000]", "Анна Петрова загружает фото", "Анна Петрова is uploading a photo" },
        { "[10004,7,532481,100,2000000005,1700000000,\"Привет!\",{\"from\":\"20\"},{},0,100,0]", "Сообщение от Ивана Иванова в беседе «Дача 2026»: Привет!", "Message from Иван Иванов in “Дача 2026”: Привет!" },
        { "[10004,7,1,100,10,1700000000,\"Как дела?\",{},{\"attach1_type\":\"photo\",\"attach1\":\"10_5\"},0,100,0]", "Сообщение от Анны Петровой: Как дела? [фото]", "Message from Анна Петрова: Как дела? [photo]" },
        { "[10004,7,1,100,10,1700000000,\"\",{},{\"attach1_type\":\"doc\",\"attach1\":\"10_5\",\"attach1_kind\":\"audiomsg\"},0,100,0]", "Сообщение от Анны Петровой: [голосовое сообщение]", "Message from Анна Петрова: [voice message]" },
        { "[10004,7,1,100,10,1700000000,\"Смотри\",{},{\"attach1_type\":\"photo\",\"attach1\":\"10_77\"},0,100,0]", "Сообщение от Анны Петровой: Смотри [фото https://vk.example/photo10_77.jpg]", "Message from Анна Петрова: Смотри [photo https://vk.example/photo10_77.jpg]" },
        { "[10004,8,3,101,10,1700000000,\"Хорошо\",{},{},5,101,0]", "Вы написали Анне Петровой: Хорошо", "You wrote to Анна Петрова: Хорошо" },
        { "[10004,8,8195,101,2000000005,1700000000,\"Всем привет\",{\"from\":\"1\"},{},5,101,0]", "Вы написали в беседе «Дача 2026»: Всем привет", "You wrote in “Дача 2026”: Всем привет" },
        { "[10004,9,532481,102,2000000005,1700000000,\"\",{\"from\":\"10\",\"source_act\":\"chat_create\",\"source_text\":\"Дача 2026\"},{},0,102,0]", "Анна Петрова создала беседу «Дача 2026»", "Анна Петрова created the chat “Дача 2026”" },
        { "[10004,9,532481,102,2000000005,1700000000,\"\",{\"from\":\"20\",\"source_act\":\"chat_title_update\",\"source_old_text\":\"Дача\",\"source_text\":\"Дача 2026\"},{},0,102,0]", "Иван Иванов переименовал беседу «Дача» в «Дача 2026»", "Иван Иванов renamed the chat “Дача” to “Дача 2026”" },
        { "[10004,9,532481,102,2000000005,1700000000,\"\",{\"from\":\"10\",\"source_act\":\"chat_invite_user\",\"source_mid\":\"20\"},{},0,102,0]", "Анна Петрова пригласила Ивана Иванова в беседу «Дача 2026»", "Анна Петрова invited Иван Иванов to “Дача 2026”" },
        { "[10004,9,532481,102,2000000005,1700000000,\"\",{\"from\":\"20\",\"source_act\":\"chat_kick_user\",\"source_mid\":\"10\"},{},0,102,0]", "Иван Иванов исключил Анну Петрову из беседы «Дача 2026»", "Иван Иванов removed Анна Петрова from “Дача 2026”" },
        { "[10004,9,532481,102,2000000005,1700000000,\"\",{\"from\":\"10\",\"source_act\":\"chat_kick_user\",\"source_mid\":\"10\"},{},0,102,0]", "Анна Петрова вышла из беседы «Дача 2026»", "Анна Петрова left “Дача 2026”" },
        { "[10004,9,532481,102,2000000005,1700000000,\"\",{\"from\":\"10\",\"source_act\":\"chat_photo_update\"},{},0,102,0]", "Анна Петрова обновила фото беседы «Дача 2026»", "Анна Петрова changed the photo of “Дача 2026”" },
        { "[10004,9,532481,102,2000000005,1700000000,\"\",{\"from\":\"20\",\"source_act\":\"chat_pin_message\",\"source_mid\":\"20\",\"source_message\":\"Встреча в 10\"},{},0,102,0]", "Иван Иванов закрепил сообщение в беседе «Дача 2026»: «Встреча в 10»", "Иван Иванов pinned a message in “Дача 2026”: “Встреча в 10”" },
        { "[10004,9,532481,102,2000000005,1700000000,\"\",{\"from\":\"20\",\"source_act\":\"chat_pin_message\",\"source_mid\":\"20\",\"source_message\":\"\"},{},0,102,0]", "Иван Иванов закрепил сообщение в беседе «Дача 2026»", "Иван Иванов pinned a message in “Дача 2026”" },
        { "[10005,7,1,10,1700000000,\"Как дела??\",{},{},0,100,1700000100]", "Анна Петрова изменила сообщение: Как дела??", "Анна Петрова edited a message: Как дела??" },
        { "[10002,7,131200,10]", "Сообщение удалено для всех", "A message was deleted for everyone" },
        { "[10005,8,3,10,1700000000,\"Буду в 9\",{},{},5,101,1700000100]", "Вы изменили сообщение: Буду в 9", "You edited a message: Буду в 9" },
        { "[10004,7,131201,900]", "Пришло сообщение, но его удалили для всех раньше, чем вы его увидели", "A message came and was deleted for everyone before you saw it" },
        { "[10002,7,128,2000000005]", "Сообщение удалено в беседе «Дача 2026»", "A message was deleted in “Дача 2026”" },
        { "[10002,7,8,10]", "Сообщение отмечено как важное", "A message was marked important" },
        { "[10003,7,128,10,1700000000,\"вернулось\",{},{},0,100,0]", "Сообщение восстановлено: вернулось", "A message was restored: вернулось" },
        { "[10006,10,7,0]", "Вы прочитали диалог с Анной Петровой", "You read the conversation with Анна Петрова" },
        { "[10006,2000000005,7,0]", "Вы прочитали беседу «Дача 2026»", "You read “Дача 2026”" },
        { "[10004,9,8195,102,2000000005,1700000000,\"\",{\"from\":\"1\",\"source_act\":\"chat_title_update\",\"source_old_text\":\"A\",\"source_text\":\"B\"},{},0,102,0]", "Вы переименовали беседу «A» в «B»", "You renamed the chat “A” to “B”" },
        { "[10004,9,8195,102,2000000005,1700000000,\"\",{\"from\":\"1\",\"source_act\":\"chat_invite_user\",\"source_mid\":\"10\"},{},0,102,0]", "Вы пригласили Анну Петрову в беседу «Дача 2026»", "You invited Анна Петрова to “Дача 2026”" },
        { "[10004,9,532481,102,2000000005,1700000000,\"\",{\"from\":\"20\",\"source_act\":\"chat_invite_user\",\"source_mid\":\"1\"},{},0,102,0]", "Иван Иванов пригласил вас в беседу «Дача 2026»", "Иван Иванов invited you to “Дача 2026”" },
        { "[10007,20,7,0]", "Иван Иванов прочитал ваши сообщения", "Иван Иванов read your messages" },
        { "[10007,2000000005,7,0]", "Ваши сообщения в беседе «Дача 2026» прочитаны", "Your messages in “Дача 2026” were read" },
        { "[80,3,3,0,0,3,3,0,0,0]", "Непрочитанных диалогов: 3", "Unread conversations: 3" },
        { "[114,{\"peer_id\":2000000005,\"sound\":1,\"disabled_until\":-1}]", "Уведомления беседы «Дача 2026» выключены", "Notifications for “Дача 2026” are off" },
        { "[10018,7,1,10,1700000000,\"\",{\"is_expired\":\"1\"},{},0,100,0]", "Исчезающее сообщение истекло", "A disappearing message expired" },
        { "[81,-10,1,1700000000,-1,0]", "Анна Петрова включила невидимку", "Анна Петрова turned invisibility on" },
        { "[90,2,20]", "Вы приняли заявку в друзья от Ивана Иванова", "You accepted a friend request from Иван Иванов" },
        { "[90,3,10]", "Вы удалили Анну Петрову из друзей", "You removed Анна Петрова from friends" },
        { "[91,3,2000000005,20]", "Иван Иванов снова может писать в беседе «Дача 2026»", "Иван Иванов may write in “Дача 2026” again" },
        { "[91,2,2000000005,20]", "Иван Иванов больше не может писать в беседе «Дача 2026»", "Иван Иванов may no longer write in “Дача 2026”" },
        { "[12,10,256]", "Анна Петрова хочет с вами переписываться: запрос на переписку", "Анна Петрова wants to write to you: a message request" },
        { "[12,10,512]", "Вы отклонили запрос на переписку от Анны Петровой", "You declined the message request from Анна Петрова" },
        { "[10004,9,3,102,10,1700000000,\"\",{\"source_act\":\"accepted_message_request\",\"source_mid\":\"1\"},{},0,102,0]", "Вы приняли запрос на переписку", "You accepted the message request" },
        { "[12,10,8388608]", "Диалог с Анной Петровой в архиве", "The conversation with Анна Петрова was archived" },
        { "[10,2000000005,8388608]", "Беседа «Дача 2026» вернулась из архива", "“Дача 2026” left the archive" },
        { "[50,{\"peer_id\":2000000005,\"cmid\":5,\"translation\":\"Hello\",\"language\":\"ru-en\"}]", "Перевод (ru-en) в беседе «Дача 2026»: Hello", "Translation (ru-en) in “Дача 2026”: Hello" },
        { "[601,2,2000000005,5,1,3,2,1,0]", "На сообщение в беседе «Дача 2026» поставили реакцию", "Someone reacted to a message in “Дача 2026”" },
        { "[501,3,\"Работа\",0]", "Создана папка «Работа»", "Folder “Работа” created" },
        { "[10013,10,7]", "История диалога с Анной Петровой очищена", "History of the conversation with Анна Петрова was cleared" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Format_EveryTemplate_InBothLanguages(string update, string russian, string english)
    {
        var decoder = update.StartsWith("[8,", StringComparison.Ordinal) || update.StartsWith("[9,", StringComparison.Ordinal) ? Version3 : Decoder;
        var e = decoder.ReadEvent(System.Text.Encoding.UTF8.GetBytes(update));

        Assert.Equal(russian, new FeedFormatter(FeedLanguage.Russian, new Directory()).Format(e));
        Assert.Equal(english, new FeedFormatter(FeedLanguage.English, new Directory()).Format(e));
    }

    [Theory]
    [InlineData("[10002,100,8,2000000005]", "Сообщение от Ивана Иванова в беседе «Дача 2026» отмечено как важное: Привет!", "A message from Иван Иванов in “Дача 2026” was marked important: Привет!")]
    [InlineData("[10003,100,8,2000000005]", "Сообщение от Ивана Иванова в беседе «Дача 2026» больше не важное: Привет!", "A message from Иван Иванов in “Дача 2026” is no longer important: Привет!")]
    [InlineData("[10003,100,128,2000000005]", "Сообщение от Ивана Иванова в беседе «Дача 2026» восстановлено: Привет!", "A message from Иван Иванов in “Дача 2026” was restored: Привет!")]
    public void Format_AMarkOrARestoreOfARememberedMessage_SaysWhoseAndWhat(string update, string russian, string english)
    {
        var remembered = ((VkLongPoll.Events.MessageNewEvent)Decoder.ReadEvent(System.Text.Encoding.UTF8.GetBytes("[10004,100,532481,100,2000000005,1700000000,\"Привет!\",{\"from\":\"20\"},{},0,100,0]"))).Message;
        var e = Decoder.ReadEvent(System.Text.Encoding.UTF8.GetBytes(update));

        Assert.Equal(russian, new FeedFormatter(FeedLanguage.Russian, new Directory()).Format(e, remembered));
        Assert.Equal(english, new FeedFormatter(FeedLanguage.English, new Directory()).Format(e, remembered));
    }

    [Fact]
    public void Format_ADeletionOfARememberedLink_KeepsItsAddress()
    {
        // What SqliteMessageStore gives back: the link's address as the attachment's URL, no snippet.
        var remembered = new VkLongPoll.Events.LongPollMessage
        {
            MessageId = 100, PeerId = new VkLongPoll.Events.PeerId(20), FromId = 20, Text = "see", Timestamp = 1700000000,
            Attachments = [new VkLongPoll.Events.MessageAttachment { Index = 1, Type = "link", Id = "0", Url = "https://example.org/a" }],
        };
        var deleted = Decoder.ReadEvent(System.Text.Encoding.UTF8.GetBytes("[10002,100,128,20]"));

        Assert.Equal("Сообщение от Ивана Иванова удалено: see [ссылка https://example.org/a]", new FeedFormatter(FeedLanguage.Russian, new Directory()).Format(deleted, remembered));
        Assert.Equal("A message from Иван Иванов was deleted: see [link https://example.org/a]", new FeedFormatter(FeedLanguage.English, new Directory()).Format(deleted, remembered));
    }

    [Theory]
    [InlineData("[51,5]")]
    [InlineData("[52,1,2000000005,0]")]
    [InlineData("[116,1]")]
    public void Format_EventsAPersonDoesNotNeed_AreNotShown(string update)
    {
        Assert.Null(new FeedFormatter(FeedLanguage.English, new Directory()).Format(Decoder.ReadEvent(System.Text.Encoding.UTF8.GetBytes(update))));
    }

    [Fact]
    public void Format_AHugeText_ShowsAScreenfulAndCountsTheRest()
    {
        var text = string.Concat(Enumerable.Repeat("абвгд", 2_000)); // 10,000 characters
        var e = Decoder.ReadEvent(System.Text.Encoding.UTF8.GetBytes($"[10004,7,1,7,5,1700000000,\"{text}\",{{}},{{}},0,7,0]"));

        var russian = new FeedFormatter(FeedLanguage.Russian, new Directory()).Format(e)!;
        var english = new FeedFormatter(FeedLanguage.English, new Directory()).Format(e)!;

        Assert.EndsWith(text[..FeedFormatter.ShownCharacters] + "… ещё 8000 символов", russian, StringComparison.Ordinal);
        Assert.EndsWith(text[..FeedFormatter.ShownCharacters] + "… 8000 more characters", english, StringComparison.Ordinal);
        Assert.True(english.Length < FeedFormatter.ShownCharacters + 200);
    }

    [Theory]
    [InlineData(1, "символ")]
    [InlineData(3, "символа")]
    [InlineData(11, "символов")]
    [InlineData(21, "символ")]
    [InlineData(8000, "символов")]
    public void RussianCount_AgreesWithTheNumber(int count, string word) =>
        Assert.Equal(word, FeedFormatter.RussianCount(count, "символ", "символа", "символов"));
}

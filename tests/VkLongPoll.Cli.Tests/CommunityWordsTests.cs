using VkLongPoll.Cli.Community;
using VkLongPoll.Cli.Feed;
using VkLongPoll.Community;

namespace VkLongPoll.Cli.Tests;

/// <summary>A community's events in plain words: who, named from the event's own object, in the feed's language.</summary>
public sealed class CommunityWordsTests
{
    private static readonly Dictionary<long, VkUser> People = new()
    {
        [7] = new VkUser(7, "Ольга", "Попова", 1),
        [8] = new VkUser(8, "Сергей", "Кузнецов", 2),
    };

    [Theory]
    [InlineData("message_reaction_event", """{"reacted_id":7,"peer_id":7,"cmid":3,"reaction_id":2}""", "Ольга Попова отреагировала на сообщение")]
    [InlineData("group_join", """{"user_id":8,"join_type":"join"}""", "Сергей Кузнецов вступил в сообщество")]
    [InlineData("like_add", """{"liker_id":7,"object_type":"post","object_owner_id":-1,"object_id":5}""", "Ольга Попова поставила лайк")]
    [InlineData("wall_reply_new", """{"id":1,"from_id":8,"text":"Хорошо"}""", "Сергей Кузнецов прокомментировал запись: Хорошо")]
    [InlineData("some_new_type", """{}""", "Событие сообщества some_new_type")]
    public void AnEvent_NamesWhoItIsAbout_InRussian(string type, string obj, string expected)
    {
        var words = new CommunityWords(FeedLanguage.Russian, id => People.GetValueOrDefault(id));

        var line = words.Describe(new UnknownCommunityEvent(type) { Object = obj });

        Assert.Equal(expected, line);
    }
}

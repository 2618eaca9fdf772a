using VkLongPoll.Events;

namespace VkLongPoll.Tests.Events;

public sealed class MessageFlagsTests
{
    public static TheoryData<long, string> Version3Flags => new()
    {
        { 1, "unread" }, { 2, "outbox" }, { 4, "replied" }, { 8, "important" }, { 16, "chat" }, { 32, "friends" },
        { 64, "spam" }, { 128, "deleted" }, { 256, "fixed" }, { 512, "media" }, { 65536, "hidden" },
        { 131072, "deleted_for_all" }, { 262144, "not_delivered" },
    };

    public static TheoryData<long, string> Version10Flags => new()
    {
        { 1, "unread" }, { 2, "outbox" }, { 8, "important" }, { 16, "chat" }, { 32, "friends" }, { 64, "spam" },
        { 128, "deleted" }, { 4096, "audio_listened" }, { 8192, "group_chat" }, { 32768, "cancel_spam" },
        { 65536, "keep_minor_id" }, { 131072, "deleted_for_all" },
        { 1048576, "silent" }, { 2097152, "reply" }, { 4194304, "expires_with_ttl" }, { 8388608, "auto_read" },
        { 16777216, "has_reactions" }, { 67108864, "has_ttl" },
    };

    [Theory]
    [InlineData(262144)]
    [InlineData(524288)]
    public void VersionsFrom10_VksInternalBits_StayInTheValueUnnamed(long bit)
    {
        var message = TestData.Message(TestData.Event($"[10004,1,{bit},1,100,1,\"x\",{{}},{{}},0,1,0]", 19));

        Assert.Equal((MessageFlags)bit, message.Flags);
        Assert.Empty(MessageFlagNames.For(message.Flags, 19));
    }

    [Theory]
    [MemberData(nameof(Version3Flags))]
    public void Version3_EveryFlag_HasItsOfficialName(long bit, string name)
    {
        var message = TestData.Message(TestData.Event($"[4,1,{bit},100,1,\"x\",{{}},{{}},0]", 3));

        Assert.Equal((MessageFlags)bit, message.Flags);
        Assert.Equal([name], MessageFlagNames.For(message.Flags, 3));
    }

    [Theory]
    [MemberData(nameof(Version10Flags))]
    public void Version10And11_EveryFlag_HasItsName(long bit, string name)
    {
        foreach (var version in new[] { 10, 11 })
        {
            var message = TestData.Message(TestData.Event($"[4,1,{bit},100,1,\"x\",{{}},{{}},0,1,0]", version));
            Assert.Equal([name], MessageFlagNames.For(message.Flags, version));
        }
    }

    [Theory]
    [MemberData(nameof(Version10Flags))]
    public void Version19_EveryFlag_HasItsName(long bit, string name)
    {
        var message = TestData.Message(TestData.Event($"[10004,1,{bit},5,100,1,\"x\",{{}},{{}},0,5,0]", 19));

        Assert.Equal([name], MessageFlagNames.For(message.Flags, 19));
    }

    [Theory]
    [InlineData(4, 19)]
    [InlineData(256, 19)]
    [InlineData(512, 10)]
    [InlineData(4096, 3)]
    [InlineData(2097152, 3)]
    public void FlagsTheVersionDoesNotDefine_AreKeptButNotNamed(long bit, int version)
    {
        Assert.Empty(MessageFlagNames.For((MessageFlags)bit, version));
    }

    [Fact]
    public void UnknownHighBits_SurviveInTheValue()
    {
        var message = TestData.Message(TestData.Event("[10004,1,4294967297,5,100,1,\"x\",{},{},0,5,0]"));

        Assert.Equal(4294967297L, (long)message.Flags);
        Assert.Equal(["unread"], MessageFlagNames.For(message.Flags, 19));
    }

    [Fact]
    public void ObservedCombinations_AreSplitLowBitFirst()
    {
        Assert.Equal(["unread", "outbox", "friends", "group_chat"], MessageFlagNames.For((MessageFlags)8227, 10));
        Assert.Equal(["unread", "chat", "friends", "media"], MessageFlagNames.For((MessageFlags)561, 3));
    }

    [Theory]
    [InlineData("[10,100,16]", ConversationFlags.Muted)]
    [InlineData("[12,100,8388608]", ConversationFlags.Archived)]
    [InlineData("[12,100,1048576]", ConversationFlags.MarkedUnread)]
    [InlineData("[10,-20,3]", ConversationFlags.Important | ConversationFlags.Unanswered)]
    public void ConversationFlags_AreTyped(string update, ConversationFlags flags)
    {
        var e = TestData.Event(update);

        var actual = e switch
        {
            ConversationFlagsSetEvent s => s.Flags,
            ConversationFlagsResetEvent r => r.Flags,
            _ => throw new InvalidOperationException(e.Type),
        };
        Assert.Equal(flags, actual);
    }
}

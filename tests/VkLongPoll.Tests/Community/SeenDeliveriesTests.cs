using VkLongPoll.Community;
using VkLongPoll.Events;

namespace VkLongPoll.Tests.Community;

/// <summary>The memory of what a community handled: what makes an event that comes again be recognised, and its bounds.</summary>
public sealed class SeenDeliveriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WhatWasAdded_IsRecognised_AfterTheRoundTripThroughTheCheckpointText()
    {
        var seen = new SeenDeliveries(100, TimeSpan.FromHours(1));
        seen.Add(SeenDeliveries.EventKey("a1b2"), Now);
        seen.Add("m2000000001:7", Now.AddSeconds(5));

        var position = CommunityPosition.Decode(new CommunityPosition(42, seen.Encode()).Encode())!;
        var back = SeenDeliveries.Decode(position.Seen, 100, TimeSpan.FromHours(1));

        Assert.Equal(42, position.InboxPosition);
        Assert.True(back.Contains(SeenDeliveries.EventKey("a1b2")));
        Assert.True(back.Contains("m2000000001:7"));
        Assert.False(back.Contains(SeenDeliveries.EventKey("a1b3")));
        Assert.Equal(2, back.Count);
    }

    [Fact]
    public void PastItsCapacity_TheOldestAreForgottenFirst()
    {
        var seen = new SeenDeliveries(3, TimeSpan.FromHours(1));
        for (var i = 0; i < 5; i++)
        {
            seen.Add(SeenDeliveries.EventKey("e" + i), Now.AddSeconds(i));
        }

        Assert.Equal(3, seen.Count);
        Assert.False(seen.Contains(SeenDeliveries.EventKey("e0")));
        Assert.False(seen.Contains(SeenDeliveries.EventKey("e1")));
        Assert.True(seen.Contains(SeenDeliveries.EventKey("e4")));
    }

    [Fact]
    public void PastItsAge_ADeliveryIsForgotten_AlsoAfterARestart()
    {
        var seen = new SeenDeliveries(100, TimeSpan.FromMinutes(10));
        seen.Add(SeenDeliveries.EventKey("old"), Now);
        seen.Add(SeenDeliveries.EventKey("new"), Now.AddMinutes(9));

        var back = SeenDeliveries.Decode(seen.Encode(), 100, TimeSpan.FromMinutes(10));
        back.Trim(Now.AddMinutes(11));

        Assert.False(back.Contains(SeenDeliveries.EventKey("old")));
        Assert.True(back.Contains(SeenDeliveries.EventKey("new")));
    }

    [Fact]
    public void AMessageIsKnownByItsPlace_SoTheIdZeroMessagesOfAChatStayApart()
    {
        var first = new LongPollMessage { MessageId = 0, PeerId = new PeerId(2_000_000_001), ConversationMessageId = 7 };
        var second = first with { ConversationMessageId = 8 };
        var direct = new LongPollMessage { MessageId = 55, PeerId = new PeerId(1) };

        Assert.Equal("m2000000001:7", SeenDeliveries.MessageKey(first));
        Assert.NotEqual(SeenDeliveries.MessageKey(first), SeenDeliveries.MessageKey(second));
        Assert.Equal("i55", SeenDeliveries.MessageKey(direct));
        Assert.Null(SeenDeliveries.MessageKey(new LongPollMessage { MessageId = 0, PeerId = new PeerId(2_000_000_001) }));
    }

    [Fact]
    public void AfterALongStop_ARecoveryStillKnowsWhatWasHandledJustBeforeIt()
    {
        var seen = new SeenDeliveries(100, TimeSpan.FromHours(6));
        var handled = new LongPollMessage { MessageId = 10, PeerId = new PeerId(5), ConversationMessageId = 10, Timestamp = Now.ToUnixTimeSeconds() };
        Assert.True(seen.TryTake(new CommunityMessageNew(handled) { EventId = "a" }, Now));
        var back = SeenDeliveries.Decode(seen.Encode(), 100, TimeSpan.FromHours(6));

        // A day later the gap is recovered from pts: its first message was sent during the stop; the one before it comes again.
        var later = Now.AddDays(1);
        var inGap = new LongPollMessage { MessageId = 11, PeerId = new PeerId(5), ConversationMessageId = 11, Timestamp = Now.AddHours(1).ToUnixTimeSeconds() };
        Assert.True(back.TryTake(new CommunityMessageNew(inGap), later));
        Assert.False(back.TryTake(new CommunityMessageNew(handled), later));
        Assert.True(back.Knows(handled));
    }

    [Theory]
    [InlineData("x1:0:")]
    [InlineData("c1:-5:")]
    [InlineData("c1:5")]
    public void ATextThisLibraryDidNotWrite_IsAFormatError(string text) =>
        Assert.Throws<FormatException>(() => CommunityPosition.Decode(text));

    [Fact]
    public void ASeenSetThisLibraryDidNotWrite_IsAFormatError() =>
        Assert.Throws<FormatException>(() => SeenDeliveries.Decode(Convert.ToBase64String(new byte[13]), 100, TimeSpan.FromHours(1)));
}

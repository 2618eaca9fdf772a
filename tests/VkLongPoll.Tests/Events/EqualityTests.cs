using System.Text;
using VkLongPoll.Events;

namespace VkLongPoll.Tests.Events;

/// <summary>Events compare by what they say: the lists and maps inside them by content, not by reference.</summary>
public sealed class EqualityTests
{
    private const string WithAttachments = """
        [10004,7,532481,100,2000000005,1700000000,"look",{"from":"20","marked_users":[[1,[20,30]]],"unknown_key":"x"},
         {"attach1_type":"photo","attach1":"10_5","attach2_type":"doc","attach2":"10_6","attach2_kind":"audiomsg","attach2_custom":"y"},0,100,0]
        """;

    [Fact]
    public void TwoDecodesOfOneUpdate_WithAttachmentsMarksAndUnknownKeys_AreEqual_WithEqualHashes()
    {
        var first = TestData.Event(WithAttachments);
        var second = TestData.Event(WithAttachments);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void AChangedAttachment_IsNotEqual()
    {
        var original = (MessageNewEvent)TestData.Event(WithAttachments);
        var changed = TestData.Event(WithAttachments.Replace("\"10_5\"", "\"10_9\"", StringComparison.Ordinal));

        Assert.NotEqual<LongPollEvent>(original, changed);
        Assert.NotEqual(original, original with { Message = original.Message with { Attachments = [original.Message.Attachments[0]] } });
    }

    [Fact]
    public void ListsGivenByTheCaller_CompareByContentToo()
    {
        var a = new ActivityEvent(63, ActivityKind.Typing, new PeerId(10), [1, 2], 2, 5);
        var b = new ActivityEvent(63, ActivityKind.Typing, new PeerId(10), new List<long> { 1, 2 }, 2, 5);

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { UserIds = [1, 3] });
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void RecordedBatches_OfOneAnswer_AreEqual()
    {
        var answer = Encoding.UTF8.GetBytes("{\"ts\":2,\"updates\":[" + WithAttachments + ",[63,10,[10,20],2,1700000000]]}");

        Assert.Equal(TestData.Decoder().ReadResponse(answer).Updates, TestData.Decoder().ReadResponse(answer).Updates);
    }
}

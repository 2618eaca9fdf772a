using System.Text;
using VkLongPoll.Events;

namespace VkLongPoll.Tests.Protocol;

/// <summary>Bad input raises <see cref="LongPollProtocolException"/> with the offset of the problem, nothing else.</summary>
public sealed class MalformedInputTests
{
    private static LongPollProtocolException EventError(string json, LongPollDecoderOptions? options = null) =>
        Assert.Throws<LongPollProtocolException>(() => new LongPollDecoder(options ?? new LongPollDecoderOptions()).ReadEvent(Encoding.UTF8.GetBytes(json)));

    private static LongPollProtocolException ResponseError(string json) =>
        Assert.Throws<LongPollProtocolException>(() => new LongPollDecoder().ReadResponse(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("[4,\"abc\",1,100,1,\"x\"]", 3, "message_id")]
    [InlineData("[4,1,1,{},1,\"x\"]", 7, "peer_id")]
    [InlineData("[10004,5,1,900,100,1,\"x\",{\"from\":\"abc\"},{}]", 33, "from")]
    [InlineData("[10004,5,1,900,100,1,\"x\",{\"marked_users\":[[\"x\"]]},{}]", 43, "marked_users")]
    [InlineData("[63,100,[1,\"two\"],2,1]", 11, "user_ids")]
    [InlineData("[80]", 3, "count")]
    [InlineData("[52,1]", 5, "peer_id")]
    [InlineData("[4,1.5,1,100]", 3, "integer")]
    [InlineData("[4,99999999999999999999,1,100]", 3, "integer")]
    [InlineData("[6,100,5,99999999999]", 9, "out of range")]
    public void WrongShape_PointsAtTheElement(string json, long offset, string mentions)
    {
        var e = EventError(json);

        Assert.Equal(offset, e.Offset);
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", 0)]
    [InlineData("[\"4\",1]", 1)]
    [InlineData("[null]", 1)]
    [InlineData("{}", 0)]
    [InlineData("", 0)]
    [InlineData("[4,1,1,100] trailing", 12)]
    public void NotAnUpdate_IsAProtocolError(string json, long offset)
    {
        Assert.Equal(offset, EventError(json).Offset);
    }

    [Theory]
    [InlineData("{\"ts\":", 6)]
    [InlineData("{\"ts\":1,\"updates\":[[4,1,", 23)]
    [InlineData("{\"ts\":1,\"updates\":[[4,1,1]]", 27)]
    [InlineData("{\"ts\":1 \"pts\":2}", 8)]
    public void InvalidJson_ReportsWhereTheReaderStopped(string json, long offset)
    {
        var e = ResponseError(json);

        Assert.Equal(offset, e.Offset);
        Assert.StartsWith("invalid JSON", e.Reason, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(e.InnerException, exactMatch: false);
    }

    [Fact]
    public void InvalidJson_OnALaterLine_OffsetCountsEarlierLines()
    {
        var e = ResponseError("{\n  \"ts\": 1,\n  \"updates\": [x]\n}");

        Assert.Equal(27, e.Offset);
    }

    [Theory]
    [InlineData("{\"ts\":1,\"updates\":{}}", 18)]
    [InlineData("{\"ts\":1,\"updates\":[5]}", 19)]
    [InlineData("{\"ts\":\"{new_ts}\",\"failed\":1}", 6)]
    [InlineData("{\"updates\":[]}", 0)]
    [InlineData("[]", 0)]
    [InlineData("{\"failed\":1e3}", 10)]
    public void WrongEnvelope_IsAProtocolError(string json, long offset)
    {
        Assert.Equal(offset, ResponseError(json).Offset);
    }

    [Fact]
    public void InvalidUtf8InText_IsAProtocolError()
    {
        byte[] json = [.. "[4,1,1,100,1,\""u8, 0xC3, 0x28, .. "\",{},{}]"u8];

        var e = Assert.Throws<LongPollProtocolException>(() => new LongPollDecoder().ReadEvent(json));

        Assert.InRange(e.Offset, 13, 15);
    }

    [Fact]
    public void DeepNesting_IsAProtocolError()
    {
        var json = "[4," + new string('[', 100) + new string(']', 100) + "]";

        EventError(json);
    }

    [Fact]
    public void KeepAsUnknown_TurnsABadKnownEventIntoUnknownWithTheReason()
    {
        var options = new LongPollDecoderOptions { MalformedEvents = MalformedEventHandling.KeepAsUnknown };
        var updates = new LongPollDecoder(options).ReadEvents("[[4,\"abc\"],[80,1,0]]"u8);

        var bad = Assert.IsType<UnknownEvent>(updates[0]);
        Assert.Equal((4, "[4,\"abc\"]"), (bad.Code, bad.Raw));
        Assert.Contains("message_id", bad.DecodeError, StringComparison.Ordinal);
        Assert.IsType<UnreadCounterEvent>(updates[1]);
    }

    [Fact]
    public void KeepAsUnknown_StillRejectsInvalidJson()
    {
        var options = new LongPollDecoderOptions { MalformedEvents = MalformedEventHandling.KeepAsUnknown };

        Assert.Throws<LongPollProtocolException>(() => new LongPollDecoder(options).ReadEvents("[[4,1"u8));
    }

    [Fact]
    public void KeepAsUnknown_ABadMessageObject_KeepsTheWholeUpdateAndTheNextOneDecodes()
    {
        // The objects are read in the decoder's first pass; a bad one must still cost only its own update.
        const string bad = """[10004,1,1,1,5,1,"hi",{"from":"x1"},{"attach1_type":"photo"},0,1,0]""";
        var options = new LongPollDecoderOptions { MalformedEvents = MalformedEventHandling.KeepAsUnknown };
        var updates = new LongPollDecoder(options).ReadEvents(System.Text.Encoding.UTF8.GetBytes($"[{bad},[10004,2,1,1,5,1,\"ok\",{{\"from\":\"7\"}},{{}},0,2,0]]"));

        var unknown = Assert.IsType<UnknownEvent>(updates[0]);
        Assert.Equal((10004, bad), (unknown.Code, unknown.Raw));
        Assert.Contains("from", unknown.DecodeError, StringComparison.Ordinal);
        var next = Assert.IsType<MessageNewEvent>(updates[1]);
        Assert.Equal(("ok", 7L, 0), (next.Message.Text, next.Message.FromId, next.Message.Attachments.Count));
    }

    [Fact]
    public void ABadMessageObject_IsReportedAfterTheElementsBeforeIt()
    {
        // Errors keep the order of the elements: a bad peer_id is reported before a bad object that follows it.
        var error = Assert.Throws<LongPollProtocolException>(() => TestData.Event("""[10004,1,1,1,"p",1,"hi",{"from":"x1"},{},0,1,0]"""));

        Assert.Contains("peer_id", error.Message, StringComparison.Ordinal);
    }
}

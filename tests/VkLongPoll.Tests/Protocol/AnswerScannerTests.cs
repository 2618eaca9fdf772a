using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VkLongPoll.Events;
using VkLongPoll.Protocol.FastPath;

namespace VkLongPoll.Tests.Protocol;

/// <summary>
/// The byte scanner (the fast path of <see cref="LongPollDecoder.ReadResponse"/>) must give exactly what the
/// reader path gives — the same events, or the same error at the same offset — on every input.
/// </summary>
public sealed class AnswerScannerTests
{
    private static readonly int[] Versions = [3, 10, 19];
    private static readonly int?[] Modes = [null, 2, 234, 1706];

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    /// <summary>Every update of the test corpus inside a_check answers, one per answer and all together.</summary>
    private static List<byte[]> Answers()
    {
        var updates = new List<string>();
        var answers = new List<byte[]>();
        foreach (var payload in FuzzTests.Corpus())
        {
            var node = JsonNode.Parse(payload);
            switch (node)
            {
                case JsonObject answer when answer["updates"] is not null:
                    answers.Add(payload);
                    break;
                case JsonArray array when array.Count > 0 && array[0] is JsonArray:
                    updates.AddRange(array.Select(u => u!.ToJsonString()));
                    break;
                case JsonArray array when array.Count > 0:
                    updates.Add(array.ToJsonString());
                    break;
            }
        }

        answers.AddRange(updates.Select(u => Encoding.UTF8.GetBytes($$"""{"ts":1700,"pts":55,"updates":[{{u}}]}""")));
        answers.Add(Encoding.UTF8.GetBytes($$"""{"ts":1700,"pts":55,"updates":[{{string.Join(',', updates)}}]}"""));
        answers.Add(Encoding.UTF8.GetBytes($$"""{ "ts" : 1700 ,"updates" : [ {{string.Join(" , ", updates.Take(20))}} ] , "pts":1 } """));
        return answers;
    }

    [Fact]
    public void TheCorpus_TakesTheFastPath_AndAgrees()
    {
        var answers = Answers();
        var scanned = 0;
        foreach (var answer in answers)
        {
            AssertSameOutcome(answer, new LongPollDecoderOptions());
            scanned += AnswerScanner.TryRead(answer, new LongPollDecoderOptions(), out _) ? 1 : 0;
        }

        // Most of the corpus is plain; if the scanner gave up on it all, the agreement above would prove nothing.
        Assert.True(scanned > answers.Count * 3 / 4, $"the scanner read {scanned} of {answers.Count} answers");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ByteMutations_BothPathsAgree(int seed)
    {
        var random = new Random(seed);
        var answers = Answers();
        for (var i = 0; i < 3000; i++)
        {
            AssertSameOutcome(FuzzTests.MutateBytes(answers[random.Next(answers.Count)], random), RandomOptions(random));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void StructuralMutations_BothPathsAgree(int seed)
    {
        var random = new Random(seed);
        var answers = Answers();
        for (var i = 0; i < 2000; i++)
        {
            var node = JsonNode.Parse(answers[random.Next(answers.Count)]);
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                node = FuzzTests.MutateNode(node, random);
            }

            AssertSameOutcome(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"), RandomOptions(random));
        }
    }

    [Theory]
    [InlineData("{\"ts\":1,\"updates\":[[4,1,1,5,1,\"a\u0001b\",{},{}]]}")] // a raw control character
    [InlineData("""{"ts":1,"updates":[[4,01,1,5,1,"a",{},{}]]}""")]
    [InlineData("""{"ts":1,"updates":[[4,1.0,1,5,1,"a",{},{}]]}""")]
    [InlineData("""{"ts":1,"updates":[[4,1,1,5,1,"a\q",{},{}]]}""")]
    [InlineData("""{"ts":1,"updates":[[4,1,1,5,1,"a\u12",{},{}]]}""")]
    [InlineData("""{"ts":1,"updates":[[4,1,1,5,1,"a",{"from":1,}, {}]]}""")]
    [InlineData("""{"ts":1,"updates":[[61,1,[1,2,]]]}""")]
    [InlineData("""{"ts":1,"updates":[[4,1,1,5,1,"a",{},{}]]} x""")]
    [InlineData("""{"ts":1,"updates":[[4,1,1,5,1,"a",{},{}],]}""")]
    [InlineData("""{"ts":"1","updates":[]}""")]
    [InlineData("""{"failed":2}""")]
    [InlineData("""{"ts":1,"updates":[[4,1,1,5,1,"a",{},{}]],"updates":[]}""")]
    [InlineData("""{"ts":1,"updates":[[]]}""")]
    [InlineData("""{"ts":1,"updates":[[4,1,1,5,1,"a",{"from":"x"},{}]]}""")]
    [InlineData("""{"ts":1,"updates":[[4,1,1,5,1,"a",{},{}]]""")]
    [InlineData("""{"ts":1,"updates":[[80,1,truex]]}""")]
    public void IrregularInput_IsLeftToTheReaderPath(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.False(AnswerScanner.TryRead(bytes, new LongPollDecoderOptions(), out _));
        AssertSameOutcome(bytes, new LongPollDecoderOptions());
    }

    [Fact]
    public void PlainAnswer_IsReadByTheScanner()
    {
        var bytes = """{"ts":1780000027,"pts":10000027,"updates":[[10004,2,532481,1000001,2000000157,1780016843,"a &amp; b https:\/\/vk.com 🌚\n",{"from":"634931764"},{"attach1_type":"photo","attach1":"1_2"},0,1000001,0],[63,2000000157,[1,2],1,1780016843],[80,2,15,0,0,29,41,0,0,0],[114,{"peer_id":5,"sound":1,"disabled_until":-1}]]}"""u8.ToArray();

        Assert.True(AnswerScanner.TryRead(bytes, new LongPollDecoderOptions(), out var response));
        var message = Assert.IsType<MessageNewEvent>(response!.Updates[0]).Message;
        Assert.Equal(("a & b https://vk.com 🌚\n", 634931764L, "photo"), (message.Text, message.FromId, message.Attachments[0].Type));
        Assert.Equal(4, response.Updates.Count);
        AssertSameOutcome(bytes, new LongPollDecoderOptions());
    }

    [Theory]
    [InlineData("""{"from":"5","emoji":"1"}""", """{"attach1_type":"photo","attach1":"1_2","fwd":"0_0","reply":"{\"conversation_message_id\":57}"}""")]
    [InlineData("""{ "from" : " 5 " , "title" : "a &amp; b" }""", """{"attach1_type":"link","attach1_url":"https:\/\/vk.com","attach1_title":"\u0422 &lt;3"}""")]
    [InlineData("""{"from":"5","mentions":[1,2],"title":"t"}""", "{}")]
    [InlineData("""{"keyboard":{"buttons":[]},"from":"5"}""", """{"attachments_count":"2","geo":"2_1"}""")]
    [InlineData("""{"from":"5",}""", "{}")]
    [InlineData("""{"fr\u006fm":"5"}""", "{}")]
    [InlineData("""{"from":5}""", """{"attach1":"1_2"}""")]
    [InlineData("""{"from":""}""", """{"attach1_type":"photo"}""")]
    [InlineData("""{"source_act":"chat_invite_user","source_mid":"7","is_silent":"1","ttl":"30"}""", """{"attach2_type":"doc","attach2":"5_6","attach2_kind":"audiomsg"}""")]
    [InlineData("""{"from":"5"}""", """{"payload":"{\"a\":1}","unknown_key":"x"}""")]
    public void MessageObjects_BothPathsAgree(string additional, string attachments)
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"ts":1,"updates":[[10004,1,1,1,2000000001,5,"hi",{{additional}},{{attachments}},0,1,0],[80,1,0]]}""");

        AssertSameOutcome(bytes, new LongPollDecoderOptions());
        AssertSameOutcome(bytes, new LongPollDecoderOptions { MalformedEvents = MalformedEventHandling.KeepAsUnknown });
    }

    [Theory]
    [InlineData("[63,5,[1,-2,30000000000],1,5]")]
    [InlineData("[63,5,[ 1 , -2,30000000000 ],1,5]")]
    [InlineData("[63,5,[1,\n-2,30000000000],1,5]")]
    public void IntegerLists_AreReadAlikeWithOrWithoutSpaces(string update)
    {
        var typing = Assert.IsType<ActivityEvent>(TestData.Event(update));

        Assert.Equal([1L, -2L, 30000000000L], typing.UserIds);
        AssertSameOutcome(Encoding.UTF8.GetBytes($$"""{"ts":1,"updates":[{{update}}]}"""), new LongPollDecoderOptions());
    }

    private static LongPollDecoderOptions RandomOptions(Random random) => new()
    {
        Version = Versions[random.Next(Versions.Length)],
        Mode = Modes[random.Next(Modes.Length)],
        MalformedEvents = random.Next(2) == 0 ? MalformedEventHandling.Throw : MalformedEventHandling.KeepAsUnknown,
    };

    private static void AssertSameOutcome(byte[] input, LongPollDecoderOptions options)
    {
        var fast = Outcome(new LongPollDecoder(options), input);
        var reader = Outcome(new LongPollDecoder(options) { UseFastPath = false }, input);
        Assert.True(fast == reader, $"paths differ for {Encoding.UTF8.GetString(input)}\nfast:   {fast}\nreader: {reader}");
    }

    private static string Outcome(LongPollDecoder decoder, byte[] input)
    {
        try
        {
            var response = decoder.ReadResponse(input);
            var events = response.Updates.Select(e => JsonSerializer.Serialize(e, e.GetType()));
            return $"ts={response.Ts} pts={response.Pts} failed={response.Failed} [{string.Join(", ", events)}]";
        }
        catch (LongPollProtocolException e)
        {
            return $"error at {e.Offset}: {e.Message}";
        }
        catch (VkApiException e)
        {
            return $"api error {e.ErrorCode}";
        }
    }
}

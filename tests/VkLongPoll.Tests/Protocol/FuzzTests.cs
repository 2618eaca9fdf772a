using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VkLongPoll.Tests.Protocol;

/// <summary>
/// Mutated and truncated payloads: the only exception that may escape the decoder is
/// <see cref="LongPollProtocolException"/> (and <see cref="VkApiException"/> from history for API errors).
/// </summary>
/// <remarks>Seeds are fixed so a failure reproduces; the failing input is printed in the message.</remarks>
public sealed class FuzzTests
{
    private static readonly int[] Versions = [0, 3, 10, 19, 21];
    private static readonly int?[] Modes = [null, 0, 2, 128, 234, 1706];

    private static readonly string[] Replacements =
    [
        "null", "true", "\"\"", "\"x\"", "\"123\"", "-1", "0", "1.5", "1e400", "99999999999999999999", "-9223372036854775808",
        "[]", "[1]", "[[1]]", "{}", "{\"a\":1}", "\"&amp;quot;<br>\"", "\"\\u0000\\u001b[31m\"",
    ];

    /// <summary>Every kind of key the two message objects can hold, so mutations reach their readers.</summary>
    private const string RichMessage = """
        [10004,5,8193,900,2000000001,1700000000,"a &amp; b<br>c",
         {"from":"-77","emoji":"1","from_admin":"300","has_template":"1","keyboard":{"buttons":[]},"payload":"{}","expire_ttl":"86400","ttl":30,
          "is_expired":"1","pinned_at":"1700000100","title":" ... ","marked_users":[[1,[100,200]],[1,"all"],[1,"online",[300]]],"mentions":[1,2],
          "source_act":"chat_pin_message","source_mid":"88262293","source_message":"m","source_chat_local_id":"5517","source_is_channel":"1"},
         {"attach1_type":"link","attach1":"0_0","attach1_url":"https://vk.com","attach1_title":"t","attach1_product_id":"3","attach2_type":"doc",
          "attach2":"5_6","attach2_kind":"audiomsg","fwd":"0_0","reply":"{\"conversation_message_id\":57}","geo":"2_1","attachments_count":"2",
          "attachments":"[{}]"},
         0,900,0]
        """;

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    internal static List<byte[]> Corpus()
    {
        var corpus = TestData.Files("real").Concat(TestData.Files("v19")).Select(TestData.Bytes).ToList();
        corpus.Add(Encoding.UTF8.GetBytes(RichMessage));
        foreach (var row in EventCatalogTests.Catalogue)
        {
            corpus.Add(Encoding.UTF8.GetBytes((string)row[1]));
        }

        return corpus;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ByteMutations_OnlyProtocolExceptionsEscape(int seed)
    {
        var random = new Random(seed);
        var corpus = Corpus();
        for (var i = 0; i < 4000; i++)
        {
            var input = corpus[random.Next(corpus.Count)].ToArray();
            input = MutateBytes(input, random);
            DecodeEveryWay(input, random);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void StructuralMutations_OnlyProtocolExceptionsEscape(int seed)
    {
        var random = new Random(seed);
        var corpus = Corpus();
        for (var i = 0; i < 3000; i++)
        {
            var node = JsonNode.Parse(corpus[random.Next(corpus.Count)]);
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                node = MutateNode(node, random);
            }

            DecodeEveryWay(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"), random);
        }
    }

    [Fact]
    public void EveryTruncation_OfEveryPayload_OnlyProtocolExceptionsEscape()
    {
        var random = new Random(7);
        foreach (var payload in Corpus())
        {
            for (var length = 0; length < payload.Length; length++)
            {
                DecodeEveryWay(payload[..length], random);
            }
        }
    }

    private static void DecodeEveryWay(byte[] input, Random random)
    {
        var decoder = new LongPollDecoder(new LongPollDecoderOptions
        {
            Version = Versions[random.Next(Versions.Length)],
            Mode = Modes[random.Next(Modes.Length)],
            SelfUserId = random.Next(2) == 0 ? null : 100,
            MalformedEvents = random.Next(2) == 0 ? MalformedEventHandling.Throw : MalformedEventHandling.KeepAsUnknown,
        });
        Survive(input, () => decoder.ReadResponse(input));
        Survive(input, () => decoder.ReadEvent(input));
        Survive(input, () => decoder.ReadEvent(input, LongPollContext.History));
        Survive(input, () => decoder.ReadEvents(input));
        Survive(input, () => decoder.ReadHistory(input));
    }

    private static void Survive(byte[] input, Func<object> decode)
    {
        try
        {
            var result = decode();
            // Touching every computed property must not throw either.
            _ = result.ToString();
        }
        catch (LongPollProtocolException e)
        {
            Assert.True(e.Offset >= 0 && e.Offset <= input.Length, $"offset {e.Offset} is outside the input {Encoding.UTF8.GetString(input)}: {e.Message}");
        }
        catch (VkApiException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} escaped for input {Encoding.UTF8.GetString(input)}: {e}");
        }
    }

    internal static byte[] MutateBytes(byte[] input, Random random)
    {
        if (input.Length == 0)
        {
            return input;
        }

        var position = random.Next(input.Length);
        var significant = "[]{},:\"0123456789-.eE\\ntfu "u8;
        return random.Next(5) switch
        {
            0 => input[..position],
            1 => [.. input[..position], .. input[(position + 1)..]],
            2 => [.. input[..position], significant[random.Next(significant.Length)], .. input[position..]],
            3 => [.. input[..position], (byte)random.Next(256), .. input[(position + 1)..]],
            _ => [.. input[..position], .. input[..position], .. input[position..]],
        };
    }

    internal static JsonNode? MutateNode(JsonNode? root, Random random)
    {
        var all = new List<JsonNode>();
        Collect(root, all);
        if (all.Count == 0)
        {
            return root;
        }

        var target = all[random.Next(all.Count)];
        var replacement = JsonNode.Parse(Replacements[random.Next(Replacements.Length)]);
        switch (target.Parent)
        {
            case JsonArray array:
                var index = array.IndexOf(target);
                switch (random.Next(3))
                {
                    case 0: array[index] = replacement; break;
                    case 1: array.RemoveAt(index); break;
                    default: array.Insert(index, replacement); break;
                }

                break;
            case JsonObject obj:
                var name = target.GetPropertyName();
                if (random.Next(2) == 0)
                {
                    obj[name] = replacement;
                }
                else
                {
                    obj.Remove(name);
                }

                break;
            default:
                return replacement;
        }

        return root;
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Collect(child, into);
            }
        }
        else if (node is JsonObject obj)
        {
            foreach (var (_, child) in obj)
            {
                Collect(child, into);
            }
        }
    }

    [Fact]
    public void ReaderExceptionTypes_AreWrapped()
    {
        var e = Assert.Throws<LongPollProtocolException>(() => new LongPollDecoder().ReadEvent("[4,"u8));

        Assert.IsAssignableFrom<JsonException>(e.InnerException);
    }
}

using System.Text;
using System.Text.Json;
using VkLongPoll.Community;
using VkLongPoll.Events;
using static VkLongPoll.Tests.Community.CommunityEventSamples;

namespace VkLongPoll.Tests.Community;

/// <summary>A community event's NDJSON line: VK's envelope, the object nested as received, always one line.</summary>
public sealed class CommunityEventJsonTests
{
    private static string Write(params LongPollEvent[] events)
    {
        using var output = new MemoryStream();
        using (var writer = new EventJsonWriter(output, 19))
        {
            foreach (var e in events)
            {
                writer.Write(e);
            }

            writer.Flush();
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [MemberData(nameof(CommunityEventCatalogueTests.Types), MemberType = typeof(CommunityEventCatalogueTests))]
    public void EverySample_IsOneLine_WithTheEnvelope_AndTheObjectAsReceived(string type)
    {
        var e = CommunityEventReader.Read(Encoding.UTF8.GetBytes(Envelope(type, Objects[type])));

        var line = Write(e);

        Assert.EndsWith("}\n", line, StringComparison.Ordinal);
        Assert.Single(line.TrimEnd('\n').Split('\n'));
        // The samples are compact and line-safe: the object goes out byte for byte.
        Assert.Equal($$"""{"type":"{{type}}","event_id":"f8e1b2c3d4a5","group_id":{{GroupId}},"v":"5.199","object":{{Objects[type]}}}""" + "\n", line);
    }

    [Fact]
    public void NoCode_AndNoVersion_WhenNotSent()
    {
        var line = Write(new CommunityGroupJoin(1, "join") { GroupId = 5 });

        Assert.Equal("""{"type":"group_join","event_id":"","group_id":5,"object":{}}""" + "\n", line);
    }

    [Fact]
    public void PrettyPrintedObject_WithLineBreakingCharacters_StaysOneLine_AndMeansTheSame()
    {
        // Valid JSON, yet a raw newline between tokens, U+2028/U+2029, DEL, a C1 control and a bidi override would each
        // break the line or drive a terminal: the object is re-encoded, its meaning kept.
        var raw = "{\n  \"text\": \"a\u2028b\u2029c\u007fd\u0085e\u202Ef «ёлка» \\\"q\\\" \\n\",\r\n\t\"n\": [1, 2.5e3, true, null, {}],\n  \"кл\u2028юч\": \"\\ud83d\\ude00\"\n}";
        var e = new UnknownCommunityEvent("story_new") { GroupId = 1, EventId = "x", Object = raw };

        var line = Write(e, new CommunityGroupJoin(2, "join"));

        var lines = line.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain('\u2028', line);
        Assert.DoesNotContain('\u2029', line);
        Assert.DoesNotContain('\u0085', line);
        Assert.DoesNotContain('\u202E', line);
        Assert.DoesNotContain('\r', line);
        Assert.Contains("«ёлка»", line, StringComparison.Ordinal);
        using var written = JsonDocument.Parse(lines[0]);
        using var original = JsonDocument.Parse(raw);
        Assert.True(JsonElement.DeepEquals(original.RootElement, written.RootElement.GetProperty("object")));
        Assert.Equal("group_join", JsonDocument.Parse(lines[1]).RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"a\":1} {\"b\":2}")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("  ")]
    public void ObjectThatIsNotJson_IsAnError_ThatLeavesNoHalfLine(string raw)
    {
        using var output = new MemoryStream();
        using (var writer = new EventJsonWriter(output, 19))
        {
            writer.Write(new CommunityGroupJoin(1, "join"));
            Assert.Throws<LongPollProtocolException>(() => writer.Write(new UnknownCommunityEvent("x") { Object = raw }));
            writer.Write(new CommunityGroupJoin(2, "join"));
            writer.Flush();
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
    }
}

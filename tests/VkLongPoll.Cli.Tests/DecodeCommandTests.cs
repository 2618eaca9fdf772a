using System.Text;
using System.Text.Json;
using VkLongPoll.Cli.Commands;

namespace VkLongPoll.Cli.Tests;

/// <summary><c>vklp decode</c>, run in-process on files and standard input.</summary>
public sealed class DecodeCommandTests
{
    private static string DataPath(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    private static (int Exit, List<JsonElement> Lines, string Error) Run(string path, int version = 19, int? mode = null, string? stdin = null, int maxValueBytes = StreamedInput.MaxValueBytes, Stream? source = null)
    {
        using var input = source ?? new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? string.Empty));
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exit = DecodeCommand.Run(path, new LongPollDecoderOptions { Version = version, Mode = mode }, input, output, error, maxValueBytes);
        var text = Encoding.UTF8.GetString(output.ToArray());
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "every NDJSON line ends with a newline");
        return (exit, lines, error.ToString());
    }

    public static TheoryData<string, int, string[]> RealPayloads => new()
    {
        { "real/A1.json", 3, ["message_new"] },
        { "real/A1b.json", 3, ["message_new"] },
        { "real/A3.json", 3, ["message_flags_set"] },
        { "real/A4.json", 3, ["message_flags_reset"] },
        { "real/A5.json", 3, ["message_new"] },
        { "real/A6.json", 3, ["message_new"] },
        { "real/C1.json", 3, ["message_new"] },
        { "real/C2.json", 3, ["message_new"] },
        { "real/C3.json", 3, ["message_new"] },
        { "real/C4.json", 3, ["message_new"] },
        { "real/E1.json", 3, ["message_new"] },
        { "real/E10.json", 3, ["message_edit"] },
        { "real/E11.json", 3, ["message_edit"] },
        { "real/E12.json", 3, ["message_edit"] },
        { "real/E13.json", 3, ["message_edit"] },
        { "real/E14.json", 3, ["message_new"] },
        { "real/E15.json", 3, ["message_new"] },
        { "real/E2.json", 3, ["message_new"] },
        { "real/E3.json", 3, ["message_new"] },
        { "real/E4.json", 3, ["message_new"] },
        { "real/E5.json", 3, ["message_new"] },
        { "real/E6.json", 3, ["message_new"] },
        { "real/E7.json", 3, ["message_new"] },
        { "real/E8.json", 3, ["message_new"] },
        { "real/E9.json", 3, ["message_new"] },
        { "real/G1.json", 2, ["message_new"] },
        { "real/G2.json", 2, ["message_new"] },
        { "real/H1.json", 3, ["friend_offline", "friend_online", "friend_offline", "friend_online", "friend_online", "friend_offline", "friend_offline", "friend_offline", "messages_read_outbox", "message_new", "unread_counter"] },
        { "real/I.json", 10, ["message_new", "chat_info"] },
        { "real/K1.json", 10, ["folder_peers_added"] },
        { "real/K2.json", 10, ["folder_peers_removed"] },
        { "real/K3.json", 10, ["folders_reordered"] },
        { "real/K4.json", 10, ["folder_unread_counters"] },
        { "real/K5.json", 19, ["reactions_changed"] },
        { "real/K6.json", 19, ["reactions_changed"] },
        { "v19/C1.json", 19, ["typing", "message_new", "unread_counter", "message_new", "messages_read_inbox"] },
        { "v19/C2.json", 19, ["message_new", "message_edit", "message_flags_set", "message_flags_reset"] },
        { "v19/C3.json", 21, ["message_new", "message_updated", "message_flags_reset", "message_flags_set", "messages_deleted"] },
        { "v19/E1.json", 19, ["typing"] },
        { "v19/E3.json", 19, ["message_translated"] },
        { "v19/E4.json", 19, ["reactions_changed"] },
        { "v19/E5.json", 19, ["reactions_changed"] },
        { "v19/E8.json", 19, ["message_flags_set", "message_flags_set"] },
    };

    [Theory]
    [MemberData(nameof(RealPayloads))]
    public void Decode_EveryRealPayload_GivesItsEventsInOrder(string file, int version, string[] types)
    {
        var (exit, lines, error) = Run(DataPath(file), version);

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Equal(types, lines.Select(line => line.GetProperty("type").GetString()));
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Number, line.GetProperty("code").ValueKind));
    }

    [Fact]
    public void Decode_A1_FixedFieldNames()
    {
        var line = Assert.Single(Run(DataPath("real/A1.json"), 3).Lines);

        Assert.Equal(4, line.GetProperty("code").GetInt32());
        Assert.Equal(1619489, line.GetProperty("message_id").GetInt64());
        Assert.Equal(123456, line.GetProperty("peer_id").GetInt64());
        Assert.Equal(123456, line.GetProperty("from_id").GetInt64());
        Assert.Equal(1464958914, line.GetProperty("timestamp").GetInt64());
        Assert.Equal("hello", line.GetProperty("text").GetString());
        Assert.Equal(561, line.GetProperty("flags").GetInt64());
        Assert.Equal(["unread", "chat", "friends", "media"], line.GetProperty("flag_names").EnumerateArray().Select(n => n.GetString()));
        Assert.False(line.GetProperty("out").GetBoolean());
        var attachments = line.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(("photo", "123456_414233177"), (attachments[0].GetProperty("type").GetString(), attachments[0].GetProperty("id").GetString()));
    }

    [Fact]
    public void Decode_ServiceMessage_HasActionObject()
    {
        var line = Assert.Single(Run(DataPath("real/G2.json"), 2).Lines);

        var action = line.GetProperty("action");
        Assert.Equal(("chat_invite_user", 460552514L), (action.GetProperty("type").GetString(), action.GetProperty("member_id").GetInt64()));
    }

    [Fact]
    public void Decode_FriendEventsAndCounters_HaveTheirFields()
    {
        var lines = Run(DataPath("real/H1.json"), 3).Lines;

        Assert.Equal((325170546L, "web"), (lines[1].GetProperty("user_id").GetInt64(), lines[3].GetProperty("platform").GetString()));
        Assert.Equal(1, lines[10].GetProperty("count").GetInt32());
        Assert.Equal("123", lines[9].GetProperty("text").GetString());
    }

    [Fact]
    public void Decode_TypingAndVersion19Ids()
    {
        var lines = Run(DataPath("v19/C1.json")).Lines;

        Assert.Equal([664425024L], lines[0].GetProperty("user_ids").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal((57L, 1234567L), (lines[1].GetProperty("conversation_message_id").GetInt64(), lines[1].GetProperty("message_id").GetInt64()));
        Assert.Equal(0, lines[1].GetProperty("random_id").GetInt64());
    }

    [Fact]
    public void Decode_UnknownCode_WritesRawJson()
    {
        var line = Assert.Single(Run("-", stdin: "[116, 1, {\"a\": \"b\"}]").Lines);

        Assert.Equal(("unknown", 116), (line.GetProperty("type").GetString(), line.GetProperty("code").GetInt32()));
        Assert.Equal("b", line.GetProperty("raw")[2].GetProperty("a").GetString());
    }

    [Fact]
    public void Decode_OneDocumentPerLine_AndFailedAnswers()
    {
        const string input = """
            {"ts":1,"updates":[[80,2,0]]}
            {"failed":2,"error":"Key is invalid"}
            [[61,100,1],[62,100,17]]
            [10006,5,1]
            {"failed":4,"min_version":0,"max_version":21}
            """;

        var (exit, lines, _) = Run("-", version: 3, stdin: input);

        Assert.Equal(0, exit);
        Assert.Equal(["unread_counter", "failed", "typing", "typing", "messages_read_inbox", "failed"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal((2, "Key is invalid"), (lines[1].GetProperty("failed").GetInt32(), lines[1].GetProperty("error").GetString()));
        Assert.Equal(21, lines[5].GetProperty("max_version").GetInt32());
    }

    [Fact]
    public void Decode_HistoryAnswer_CarriesTheAttachmentsAndActionsOfItsItems_AsLiveEventsDo()
    {
        var history = Path.Combine(RepositoryRoot(), "samples", "history-v19.json");

        var (exit, lines, _) = Run(history);

        Assert.Equal(DecodeCommand.ExitOk, exit);
        var messages = lines.Where(l => l.GetProperty("type").GetString() == "message_new").ToList();
        Assert.All(messages, m => Assert.True(m.GetProperty("complete").GetBoolean()));
        var attachments = messages.SelectMany(m => m.GetProperty("attachments").EnumerateArray()).ToList();
        Assert.Contains(attachments, a => a.GetProperty("kind").ValueKind == JsonValueKind.String && a.GetProperty("kind").GetString() == "audiomsg"
            && a.GetProperty("url").GetString()!.StartsWith("https://", StringComparison.Ordinal) && a.TryGetProperty("access_key", out _));
        Assert.Contains(messages, m => m.TryGetProperty("action", out var action) && action.GetProperty("type").GetString() == "chat_title_update");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VkLongPoll.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the repository root is not above the test's folder");
    }

    [Fact]
    public void Decode_TextWithEntities_IsUnescapedAndValidJson()
    {
        var line = Assert.Single(Run("-", stdin: """[10004,1,1,2,100,1,"&quot;a&quot; &amp;amp; <br>\u001b[31m",{},{}]""").Lines);

        Assert.Equal("\"a\" &amp; \n\u001b[31m", line.GetProperty("text").GetString());
    }

    [Fact]
    public void Decode_Malformed_WritesEverythingBeforeThenOneLineErrorAndExit2()
    {
        const string input = "{\"ts\":1,\"updates\":[[80,2,0]]}\n{\"ts\":2,\"updates\":[[4,\"x\"]]}\n{\"ts\":3,\"updates\":[]}\n";

        var (exit, lines, error) = Run("-", stdin: input);

        Assert.Equal(DecodeCommand.ExitBadInput, exit);
        Assert.Single(lines);
        Assert.Equal("vklp decode: line 2, column 23 (byte offset 52): event 4: element 1 (message_id) must be an integer\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Decode_MalformedUpdate_WritesTheUpdatesBeforeItInTheSameDocument()
    {
        const string input = "{\"ts\":1,\"updates\":[[80,1,0],[4,\"bad\",1],[80,2,0]]}";

        var (exit, lines, error) = Run("-", stdin: input);

        Assert.Equal(DecodeCommand.ExitBadInput, exit);
        Assert.Equal("unread_counter", Assert.Single(lines).GetProperty("type").GetString());
        Assert.Equal(1, lines[0].GetProperty("count").GetInt32());
        Assert.StartsWith("vklp decode: line 1, column 32 (byte offset 31): event 4: element 1 (message_id) must be an integer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BrokenJson_NamesLineAndOffset()
    {
        var (exit, lines, error) = Run("-", stdin: "[80,1,0]\n[80,1,\n");

        Assert.Equal(2, exit);
        Assert.Single(lines);
        Assert.StartsWith("vklp decode: line 3, column 1 (byte offset 16): invalid JSON in the value that starts on line 2", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("real/L1.json", "VK API error 14")]
    [InlineData("real/L3.json", "VK API error 17")]
    [InlineData("real/A2.txt", "ts must be an integer")]
    [InlineData("real/H2.json", "no history")]
    public void Decode_NonEventPayloads_ExplainThemselves(string file, string reason)
    {
        var (exit, _, error) = Run(DataPath(file));

        Assert.Equal(2, exit);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("b9b5151856dcc745", error, StringComparison.Ordinal); // L1's access_token is never echoed
    }

    [Fact]
    public void Decode_MissingFile_IsExit2WithAMessage()
    {
        var (exit, _, error) = Run(Path.Combine(Path.GetTempPath(), "vklp-no-such-file.json"));

        Assert.Equal(2, exit);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EmptyInput_WritesNothingAndSucceeds()
    {
        Assert.Equal((0, 0), (Run("-", stdin: " \n").Exit, Run("-", stdin: "").Lines.Count));
    }

    [Fact]
    public void Decode_PrettyPrintedValues_AndSeveralOnALine_AndComments()
    {
        const string input = """
            {
              "ts": 1,
              "updates": [
                [80, 1, 0],
                [61, 5, 1]
              ]
            }
            [80,2,0] [80,3,0] // two on a line, then a comment
            /* a block comment */ [[80,4,0],[80,5,0]]
            {"ts":2,"updates":[[80,6,0]]}
            """;

        var (exit, lines, error) = Run("-", stdin: input);

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Equal([1, 5, 2, 3, 4, 5, 6], lines.Select(l => l.GetProperty("type").GetString() == "unread_counter" ? l.GetProperty("count").GetInt32() : l.GetProperty("user_ids")[0].GetInt32()));
    }

    [Fact]
    public void Decode_ErrorFarIntoAStream_HasItsLineColumnAndOffset()
    {
        // Well past the first read (1 MB) and the first buffer: the position counts every line already let go.
        var good = "{\"ts\":1,\"updates\":[[80,1,0],[61,5,1]]}\n";
        var lines = 60_000;
        var input = string.Concat(Enumerable.Repeat(good, lines)) + "{\"ts\":2,\"updates\":[[4,\"x\"]]}\n" + good;

        var (exit, output, error) = Run("-", stdin: input);

        Assert.Equal(2, exit);
        Assert.Equal(lines * 2, output.Count);
        var offset = (long)good.Length * lines + 22;
        Assert.Equal($"vklp decode: line {lines + 1}, column 23 (byte offset {offset}): event 4: element 1 (message_id) must be an integer\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Decode_BrokenJsonFarIntoAStream_NamesItsLine()
    {
        var good = "[80,1,0]\n";
        var input = string.Concat(Enumerable.Repeat(good, 300_000)) + "[80,1,\n";

        var (exit, lines, error) = Run("-", stdin: input);

        Assert.Equal(2, exit);
        Assert.Equal(300_000, lines.Count);
        Assert.StartsWith($"vklp decode: line 300002, column 1 (byte offset {good.Length * 300_000 + 7}): invalid JSON in the value that starts on line 300001", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AValueLargerThanTheLimit_IsAnErrorAtItsStart_AfterWritingWhatCameBefore()
    {
        var big = "[10004,1,1,2,100,1,\"" + new string('a', 5000) + "\",{},{}]";

        var oneLine = Run("-", stdin: "[80,1,0]\n" + big + "\n", maxValueBytes: 4096);
        var pretty = Run("-", stdin: "[80,1,0]\n[10004,\n1,1,2,100,1,\"" + new string('a', 5000) + "\",{},{}]\n", maxValueBytes: 4096);

        foreach (var (exit, lines, error) in new[] { oneLine, pretty })
        {
            Assert.Equal(2, exit);
            Assert.Single(lines);
            Assert.Equal("vklp decode: line 2, column 1 (byte offset 9): a single JSON value larger than 4096 bytes; split the input into smaller values (one a_check answer per line)\n", error.ReplaceLineEndings("\n"));
        }

        // Under the limit the same value decodes.
        Assert.Equal(2, Run("-", stdin: "[80,1,0]\n" + big + "\n", maxValueBytes: 8192).Lines.Count);
    }

    [Fact]
    public void Decode_ReadsAStreamThatComesInSmallPieces()
    {
        var input = string.Concat(Enumerable.Repeat("{\"ts\":1,\"updates\":[[80,1,0]]}\n", 1000)) + "{\n\"ts\":2,\n\"updates\":[[80,2,0]]}";

        var (exit, lines, _) = Run("-", source: new TrickleStream(Encoding.UTF8.GetBytes(input), 7));

        Assert.Equal(0, exit);
        Assert.Equal(1001, lines.Count);
        Assert.Equal(2, lines[^1].GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("[80,1,\n")] // the flush before the error's line meets the failure first
    public void Decode_AnOutputThatFails_IsOneLineAboutTheOutput(string end)
    {
        var input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("[80,1,0]\n", 100_000)) + end);
        using var output = new FullDiskStream(capacity: 64 * 1024);
        using var error = new StringWriter();

        var exit = DecodeCommand.Run("-", new LongPollDecoderOptions(), new MemoryStream(input), output, error);

        Assert.Equal(2, exit);
        Assert.Equal("vklp decode: cannot write the output: No space left on device\n", error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>Takes <c>capacity</c> bytes, then fails as a full disk does.</summary>
    private sealed class FullDiskStream(int capacity) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Length + buffer.Length > capacity)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer);
        }
    }

    /// <summary>A stream that gives at most a few bytes per read, as a pipe may.</summary>
    private sealed class TrickleStream(byte[] data, int piece) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, piece));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, piece)]);
    }
}

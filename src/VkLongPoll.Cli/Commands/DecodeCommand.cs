using System.CommandLine;
using System.Text.Json;
using VkLongPoll.Cli.Hosting;

namespace VkLongPoll.Cli.Commands;

/// <summary><c>vklp decode</c>: Long Poll JSON in, one NDJSON event per line out.</summary>
internal static class DecodeCommand
{
    public const int ExitOk = 0;
    public const int ExitBadInput = 2;

    public static Command Create()
    {
        var version = OptionParsers.Int("--version", "Long Poll version the data was requested with (3, 10, 11, 19, 21).", 19, 0, 1000, "-v");
        var mode = OptionParsers.OptionalInt("--mode", "The mode it was requested with; without it, optional fields are inferred from the data.", 0, int.MaxValue, "-m");
        var selfId = OptionParsers.Id("--self-id", "Your own user id: the author of your messages in private dialogs.");
        var file = new Argument<string>("FILE")
        {
            Description = "File with a_check answers, updates or a getLongPollHistory answer; '-' or nothing for standard input.",
            DefaultValueFactory = _ => "-",
        };

        var command = new Command("decode", "Decode User Long Poll JSON into NDJSON events (one JSON object per line).")
        {
            version, mode, selfId, file,
        };
        command.SetAction(result =>
        {
            var options = new LongPollDecoderOptions
            {
                Version = result.GetValue(version),
                Mode = result.GetValue(mode),
                SelfUserId = result.GetValue(selfId),
            };
            var path = result.GetValue(file) ?? "-";
            return Run(path, options, Console.OpenStandardInput(), Console.OpenStandardOutput(), result.InvocationConfiguration.Error);
        });
        return command;
    }

    public static int Run(string path, LongPollDecoderOptions options, Stream stdin, Stream stdout, TextWriter stderr)
    {
        if (options.Version < 0)
        {
            stderr.WriteLine("vklp decode: --version must not be negative");
            return ExitBadInput;
        }

        byte[] input;
        try
        {
            input = path == "-" ? ReadAll(stdin) : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"vklp decode: cannot read {path}: {e.Message}");
            return ExitBadInput;
        }

        using var output = new BufferedStream(stdout, 1 << 16);
        using var writer = new EventJsonWriter(output, options.Version);
        var decoder = new LongPollDecoder(options);
        var position = 0;
        try
        {
            while (InputDocuments.Next(input, position) is { } document)
            {
                position = document.Start;
                var json = input.AsSpan(document.Start, document.Length);
                try
                {
                    DecodeDocument(decoder, json, document.Kind, writer);
                }
                catch (LongPollProtocolException)
                {
                    // Everything before the error is written: the updates of this document before the malformed one too.
                    WriteUpdatesBeforeTheMalformedOne(options, json, document.Kind, writer);
                    throw;
                }

                position = document.Start + document.Length;
            }

            writer.Flush();
            return ExitOk;
        }
        catch (JsonException e)
        {
            // Raised while splitting documents: positions are relative to where the search began.
            writer.Flush();
            var invalid = LongPollProtocolException.FromJson(e, input.AsSpan(position), position);
            var (startLine, _) = InputDocuments.LineAndColumn(input, FirstNonWhitespace(input, position));
            return Fail(stderr, input, invalid.Offset, $"invalid JSON in the value that starts on line {startLine}: {invalid.Reason[LongPollProtocolException.InvalidJson.Length..]}");
        }
        catch (LongPollProtocolException e)
        {
            writer.Flush();
            return Fail(stderr, input, position + e.Offset, e.Reason);
        }
        catch (VkApiException e)
        {
            writer.Flush();
            return Fail(stderr, input, position, $"the input is a VK API error, not Long Poll data: {e.Message}");
        }
    }

    /// <summary>
    /// Reads the document again keeping malformed updates as unknown events, and writes the events up to the first of them.
    /// Writes nothing when the document itself (not one update) is what is wrong.
    /// </summary>
    private static void WriteUpdatesBeforeTheMalformedOne(LongPollDecoderOptions options, ReadOnlySpan<byte> json, JsonTokenType kind, EventJsonWriter writer)
    {
        var lenient = new LongPollDecoder(new LongPollDecoderOptions
        {
            Version = options.Version,
            Mode = options.Mode,
            SelfUserId = options.SelfUserId,
            MalformedEvents = MalformedEventHandling.KeepAsUnknown,
        });
        IReadOnlyList<Events.LongPollEvent> events;
        try
        {
            events = DocumentShapes.Classify(json, kind) switch
            {
                DocumentShape.UpdateList => lenient.ReadEvents(json),
                DocumentShape.History => lenient.ReadHistory(json).Events,
                DocumentShape.Response => lenient.ReadResponse(json).Updates,
                _ => [],
            };
        }
        catch (Exception e) when (e is LongPollProtocolException or VkApiException)
        {
            return;
        }

        foreach (var e in events.TakeWhile(e => e is not Events.UnknownEvent { DecodeError: not null }))
        {
            writer.Write(e);
        }
    }

    private static void DecodeDocument(LongPollDecoder decoder, ReadOnlySpan<byte> json, JsonTokenType kind, EventJsonWriter writer)
    {
        switch (DocumentShapes.Classify(json, kind))
        {
            case DocumentShape.Update:
                writer.Write(decoder.ReadEvent(json));
                break;
            case DocumentShape.UpdateList:
                foreach (var e in decoder.ReadEvents(json))
                {
                    writer.Write(e);
                }

                break;
            case DocumentShape.History:
                foreach (var e in decoder.ReadHistory(json).Events)
                {
                    writer.Write(e);
                }

                break;
            case DocumentShape.ApiError:
                decoder.ReadHistory(json); // throws VkApiException with the code and message
                break;
            case DocumentShape.Response:
                var response = decoder.ReadResponse(json);
                if (response.IsFailed)
                {
                    writer.WriteFailed(response);
                }

                foreach (var e in response.Updates)
                {
                    writer.Write(e);
                }

                break;
            default:
                throw new LongPollProtocolException(
                    "not Long Poll data: expected an a_check answer, an update array, a list of updates or a getLongPollHistory answer", 0);
        }
    }

    private static int Fail(TextWriter stderr, ReadOnlySpan<byte> input, long offset, string reason)
    {
        var (line, column) = InputDocuments.LineAndColumn(input, offset);
        stderr.WriteLine($"vklp decode: line {line}, column {column} (byte offset {offset}): {reason}");
        return ExitBadInput;
    }

    private static int FirstNonWhitespace(ReadOnlySpan<byte> input, int from)
    {
        var skipped = input[from..].IndexOfAnyExcept(" \t\r\n"u8);
        return skipped < 0 ? input.Length : from + skipped;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

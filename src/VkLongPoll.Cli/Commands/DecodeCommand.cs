using System.CommandLine;
using System.Text.Json;
using VkLongPoll.Cli.Hosting;
using VkLongPoll.Cli.Output;

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
        command.SetAction((result, cancellationToken) =>
        {
            var options = new LongPollDecoderOptions
            {
                Version = result.GetValue(version),
                Mode = result.GetValue(mode),
                SelfUserId = result.GetValue(selfId),
            };
            var path = result.GetValue(file) ?? "-";
            using var interrupted = path == "-" && !Console.IsInputRedirected ? OnATerminal(result.InvocationConfiguration.Error, cancellationToken) : default;
            using var stdout = RawStandardOutput.OpenStream();
            return Task.FromResult(Run(path, options, Console.OpenStandardInput(), stdout, result.InvocationConfiguration.Error));
        });
        return command;
    }

    /// <summary>
    /// Reading what is typed: said at once (it would look hung), and Ctrl+C ends it at once — a read of the terminal does not
    /// see a cancellation, and there is nothing to save (it waited for the second Ctrl+C).
    /// </summary>
    private static CancellationTokenRegistration OnATerminal(TextWriter stderr, CancellationToken cancellationToken)
    {
        stderr.WriteLine("vklp decode: reading Long Poll JSON typed here; end it with Ctrl+D, or give a file: vklp decode FILE");
        return cancellationToken.Register(() => Environment.Exit(ExitCodes.Interrupted));
    }

    public static int Run(string path, LongPollDecoderOptions options, Stream stdin, Stream stdout, TextWriter stderr, int maxValueBytes = StreamedInput.MaxValueBytes)
    {
        if (options.Version < 0)
        {
            stderr.WriteLine("vklp decode: --version must not be negative");
            return ExitBadInput;
        }

        if (path != "-" && Directory.Exists(path))
        {
            // .NET says "Access to the path is denied" for a folder: not what is wrong.
            stderr.WriteLine($"vklp decode: {path} is a folder; give a file of Long Poll answers");
            return ExitBadInput;
        }

        Stream source;
        try
        {
            // Our own buffer does the buffering (StreamedInput); the file is read front to back once.
            source = path == "-" ? stdin : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"vklp decode: cannot read {path}: {e.Message}");
            return ExitBadInput;
        }

        try
        {
            using (source)
            using (var input = new StreamedInput(source, maxValueBytes))
            using (var writer = new PipelinedEventWriter(stdout, options.Version))
            {
                try
                {
                    return Decode(input, new LongPollDecoder(options), options, writer, stderr);
                }
                catch (InputValueTooLargeException e)
                {
                    writer.Flush();
                    return Fail(stderr, input, e.Offset, e.Message);
                }
                catch (IOException e)
                {
                    writer.Flush();
                    stderr.WriteLine($"vklp decode: cannot read {path}: {e.Message}");
                    return ExitBadInput;
                }
            }
        }
        catch (PipelinedEventWriter.OutputFailedException e) when (e.InnerException is { } inner && RawStandardOutput.IsBrokenPipe(inner))
        {
            // The reader went away (| head): stop quietly, as a program ended by SIGPIPE would.
            return ExitCodes.BrokenPipe;
        }
        catch (PipelinedEventWriter.OutputFailedException e)
        {
            // Wherever it was met — a write, the flush before an error's line — the output's failure is what to report.
            stderr.WriteLine($"vklp decode: cannot write the output: {e.Message}");
            return ExitBadInput;
        }
    }

    /// <summary>
    /// Value by value, in input order. A line that is one whole value (NDJSON, what the tool and VK write) is decoded
    /// straight away; anything else — a pretty-printed value, several on a line, a line that does not decode — is found
    /// with a JSON reader and decoded from there, with the error, if any, at its exact place.
    /// </summary>
    private static int Decode(StreamedInput input, LongPollDecoder decoder, LongPollDecoderOptions options, PipelinedEventWriter writer, TextWriter stderr)
    {
        while (input.TryReadLine(out var line, out var lineLength))
        {
            var value = line.Trim(" \t\r"u8);
            if (value.IsEmpty)
            {
                input.Advance(lineLength);
                continue;
            }

            if (value[0] is (byte)'{' or (byte)'[' && TryDecodeLine(decoder, value, writer))
            {
                input.Advance(lineLength);
                continue;
            }

            if (DecodeNextValue(input, decoder, options, writer, stderr) is { } failure)
            {
                return failure;
            }
        }

        writer.Flush();
        return ExitOk;
    }

    /// <summary>The whole line as one value; false (nothing written) when it is not one that decodes.</summary>
    private static bool TryDecodeLine(LongPollDecoder decoder, ReadOnlySpan<byte> value, PipelinedEventWriter writer)
    {
        try
        {
            // Nothing is written before the whole value decoded: a failure leaves no partial output to repeat.
            DecodeDocument(decoder, value, value[0] == (byte)'{' ? JsonTokenType.StartObject : JsonTokenType.StartArray, writer);
            return true;
        }
        catch (Exception e) when (e is LongPollProtocolException or JsonException or VkApiException)
        {
            return false;
        }
    }

    /// <summary>The next value found with a JSON reader, decoded; an exit code when it (or the input) is wrong, null to go on.</summary>
    private static int? DecodeNextValue(StreamedInput input, LongPollDecoder decoder, LongPollDecoderOptions options, PipelinedEventWriter writer, TextWriter stderr)
    {
        var position = input.Position;
        InputValue? found;
        try
        {
            found = input.NextValue();
        }
        catch (JsonException e)
        {
            writer.Flush();
            var invalid = LongPollProtocolException.FromJson(e, input.Rest, position);
            var (startLine, _) = input.LineAndColumn(FirstNonWhitespace(input, position));
            return Fail(stderr, input, invalid.Offset, $"invalid JSON in the value that starts on line {startLine}: {invalid.JsonError}");
        }
        catch (InputValueTooLargeException e)
        {
            writer.Flush();
            return Fail(stderr, input, e.Offset, e.Message);
        }

        if (found is not { } document)
        {
            input.Advance(input.Rest.Length);
            return null;
        }

        var start = input.OffsetOf(document.Start);
        var json = input.Bytes(document);
        try
        {
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
        }
        catch (LongPollProtocolException e)
        {
            writer.Flush();
            return Fail(stderr, input, start + e.Offset, e.Reason);
        }
        catch (VkApiException e)
        {
            writer.Flush();
            return Fail(stderr, input, start, $"the input is a VK API error, not Long Poll data: {e.Message}");
        }

        input.Advance((int)(start + document.Length - input.Position));
        return null;
    }

    /// <summary>
    /// Reads the document again keeping malformed updates as unknown events, and writes the events up to the first of them.
    /// Writes nothing when the document itself (not one update) is what is wrong.
    /// </summary>
    private static void WriteUpdatesBeforeTheMalformedOne(LongPollDecoderOptions options, ReadOnlySpan<byte> json, JsonTokenType kind, PipelinedEventWriter writer)
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

    private static void DecodeDocument(LongPollDecoder decoder, ReadOnlySpan<byte> json, JsonTokenType kind, PipelinedEventWriter writer)
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

    private static int Fail(TextWriter stderr, StreamedInput input, long offset, string reason)
    {
        var (line, column) = input.LineAndColumn(offset);
        stderr.WriteLine($"vklp decode: line {line}, column {column} (byte offset {offset}): {reason}");
        return ExitBadInput;
    }

    private static long FirstNonWhitespace(StreamedInput input, long from)
    {
        var rest = input.Rest[(int)(from - input.Position)..];
        var skipped = rest.IndexOfAnyExcept(" \t\r\n"u8);
        return from + (skipped < 0 ? rest.Length : skipped);
    }
}

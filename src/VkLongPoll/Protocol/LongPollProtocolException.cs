namespace VkLongPoll;

/// <summary>
/// The input is not valid JSON or does not have the shape the protocol defines
/// (for example a string where an event needs a number).
/// </summary>
/// <remarks>
/// This is the only exception the decoders throw for bad input: never
/// <see cref="IndexOutOfRangeException"/>, <see cref="InvalidCastException"/> or
/// <see cref="NullReferenceException"/>. An event code that is merely unknown is not an error;
/// it becomes an <see cref="Events.UnknownEvent"/>.
/// </remarks>
public sealed class LongPollProtocolException : VkLongPollException
{
    /// <summary>Creates the exception for a problem at <paramref name="offset"/>.</summary>
    /// <param name="message">What is wrong, without the offset.</param>
    /// <param name="offset">Zero-based byte offset in the UTF-8 input where the problem is.</param>
    /// <param name="innerException">The JSON reader's exception, when it found the problem.</param>
    public LongPollProtocolException(string message, long offset, Exception? innerException = null)
        : base($"{message} (at byte offset {offset})", innerException)
    {
        Offset = offset;
        Reason = message;
    }

    /// <summary>The protocol exception for a <see cref="System.Text.Json.JsonException"/> raised while reading <paramref name="input"/>.</summary>
    /// <remarks>The reader reports a line and a position in it; this turns them into one byte offset.</remarks>
    /// <param name="exception">The reader's exception.</param>
    /// <param name="input">The UTF-8 input the reader read.</param>
    /// <param name="baseOffset">Where <paramref name="input"/> starts in a larger input.</param>
    public static LongPollProtocolException FromJson(System.Text.Json.JsonException exception, ReadOnlySpan<byte> input, long baseOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(exception);
        long offset = 0;
        for (long line = 0; line < (exception.LineNumber ?? 0); line++)
        {
            var newline = input[(int)offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
        }

        offset = Math.Min(offset + (exception.BytePositionInLine ?? 0), input.Length);

        // The reader's message ends with "LineNumber: x | BytePositionInLine: y."; the offset replaces it.
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var said = (cut > 0 ? message[..cut] : message).TrimEnd();
        return new LongPollProtocolException(InvalidJson + said, baseOffset + offset, exception) { JsonError = said };
    }

    /// <summary>The start of <see cref="Reason"/> for input that is not valid JSON.</summary>
    internal const string InvalidJson = "invalid JSON: ";

    /// <summary>For input that is not valid JSON, what the JSON reader said (without its position); null for a problem of shape.</summary>
    public string? JsonError { get; private init; }

    /// <summary>Zero-based byte offset in the UTF-8 input where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the offset.</summary>
    public string Reason { get; }
}

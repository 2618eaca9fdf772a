namespace VkLongPoll.Protocol;

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

    /// <summary>Zero-based byte offset in the UTF-8 input where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the offset.</summary>
    public string Reason { get; }
}

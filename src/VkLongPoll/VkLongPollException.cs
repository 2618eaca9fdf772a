namespace VkLongPoll;

/// <summary>The root of every exception this library throws on purpose.</summary>
/// <remarks>
/// Catch this type to handle any failure of the library; catch a subtype only where the
/// caller acts differently on it. <see cref="OperationCanceledException"/> is never wrapped.
/// </remarks>
public class VkLongPollException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public VkLongPollException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public VkLongPollException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

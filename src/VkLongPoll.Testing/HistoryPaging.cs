namespace VkLongPoll.Testing;

/// <summary>How the emulator's <c>getLongPollHistory</c> says <c>more</c> (<see cref="EmulatorOptions.HistoryPaging"/>).</summary>
public enum HistoryPaging
{
    /// <summary>
    /// A page ends at <c>events_limit</c> events or at <c>msgs_limit</c> messages, <c>new_pts</c> is where it ended, and
    /// <c>more</c> says to ask again from <c>new_pts</c> (danyadev/longpoll-doc, version 19).
    /// </summary>
    ByNewPts,

    /// <summary>
    /// A page ends at <c>events_limit</c> events only; past <c>msgs_limit</c> the message objects are cut and <c>more</c> says
    /// to ask again from the same <c>pts</c> with <c>max_msg_id</c> for the rest (VK's old method text).
    /// </summary>
    ByMaxMessageId,
}

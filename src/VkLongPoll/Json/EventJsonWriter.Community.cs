using VkLongPoll.Community;

namespace VkLongPoll;

/// <summary>Community events as NDJSON: VK's own envelope, the object as received.</summary>
public sealed partial class EventJsonWriter
{
    /// <summary>
    /// <c>type</c>, <c>event_id</c>, <c>group_id</c>, <c>v</c> and <c>object</c> (no <c>code</c>: community events have none);
    /// the object is the raw JSON as received, nested as a value, so every field VK sent is there, typed or not.
    /// </summary>
    private void WriteCommunity(CommunityEvent e)
    {
        var start = _out.LineStart;
        try
        {
            _out.StartObject();
            _out.String("type"u8, e.Type);
            _out.String("event_id"u8, e.EventId);
            _out.Number("group_id"u8, e.GroupId);
            String("v"u8, e.ApiVersion);
            _out.Json("object"u8, e.Object);
            _out.EndObject();
        }
        catch (Exception failure) when (failure is not (IOException or OutOfMemoryException))
        {
            _out.DiscardLine(start);
            throw new LongPollProtocolException($"community event {e.Type} cannot be written as JSON: {failure.Message}", 0, failure);
        }

        EndLine();
    }
}

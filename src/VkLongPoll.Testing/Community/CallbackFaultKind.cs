namespace VkLongPoll.Testing;

/// <summary>What the callback sender does wrong with the next event it delivers (<see cref="CallbackFaults"/>).</summary>
public enum CallbackFaultKind
{
    /// <summary>The receiver records the event and answers <c>ok</c>, but the sender counts it a timeout and sends it again with <c>X-Retry-Counter</c>: a true duplicate.</summary>
    TimeoutAfterRecord,

    /// <summary>The request is abandoned half-way through its body (the connection is reset): the receiver never has it; the sender retries.</summary>
    ServerError,

    /// <summary>The event is delivered, then sent once more, the same body, as if VK's queue had it twice.</summary>
    Duplicate,

    /// <summary>Before the event, a request with a wrong <c>secret</c> and a made-up <c>event_id</c> (not in the journal): a receiver must refuse it.</summary>
    ForgedSecret,

    /// <summary>The community's confirmation code changes: the sender confirms again (expecting the new code) before the event.</summary>
    RotateCode,
}

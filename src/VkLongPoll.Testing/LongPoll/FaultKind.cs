namespace VkLongPoll.Testing;

/// <summary>What the next Long Poll answer does instead of answering normally.</summary>
public enum FaultKind
{
    /// <summary><c>{"failed":1,"ts":current}</c>: history lost, the client must recover through getLongPollHistory.</summary>
    Failed1,

    /// <summary><c>{"failed":2}</c>: the key expires (all the account's keys stop working).</summary>
    Failed2,

    /// <summary><c>{"failed":3}</c>: user data lost; new key and ts needed.</summary>
    Failed3,

    /// <summary><c>{"failed":4,"min_version":…,"max_version":…}</c>.</summary>
    Failed4,

    /// <summary>HTTP 500 with an HTML body.</summary>
    Http500,

    /// <summary>HTTP 502 with an HTML body.</summary>
    Http502,

    /// <summary>The connection is reset without an answer.</summary>
    Reset,

    /// <summary>No answer until the client gives up (held at most 10 minutes).</summary>
    Hang,

    /// <summary>A 200 answer whose body is not JSON.</summary>
    Malformed,

    /// <summary>A 200 answer whose JSON body is cut in half.</summary>
    Truncated,

    /// <summary>The normal answer, 5 seconds late.</summary>
    Slow,
}

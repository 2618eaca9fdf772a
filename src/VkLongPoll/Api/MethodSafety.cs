namespace VkLongPoll;

/// <summary>
/// Which VK API methods may be sent again after a failure that leaves their outcome unknown (VK error 1, 10 or 36, a
/// 5xx, a timeout, a connection lost mid-way). A read (<c>users.get</c>, <c>messages.getLongPollHistory</c>) may; a method that
/// changes state (<c>messages.send</c>, anything that edits, deletes, marks or joins) may not: VK may have done it already,
/// and a second send is a second message.
/// </summary>
/// <remarks>
/// Failures that say the call was not done are retried for every method: error 6 ("Too many requests per second", refused
/// before it ran), error 9 (flood control: refused), and a connection that never opened.
/// </remarks>
internal static class MethodSafety
{
    /// <summary>True for a read: the method's name (after the section) begins with <c>get</c>, <c>search</c>, <c>is</c>, <c>check</c> or <c>resolve</c>.</summary>
    public static bool IsRead(string method)
    {
        var dot = method.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? method : method[(dot + 1)..];
        return name.StartsWith("get", StringComparison.Ordinal) || name.StartsWith("search", StringComparison.Ordinal)
            || name.StartsWith("is", StringComparison.Ordinal) || name.StartsWith("check", StringComparison.Ordinal)
            || name.StartsWith("resolve", StringComparison.Ordinal);
    }

    /// <summary>
    /// True when sending the call again cannot do it twice: a read, or a <c>messages.send</c> with a <c>random_id</c> (VK keeps one
    /// message per <c>random_id</c> of a sender, so a second send of the same call is answered with the first message).
    /// </summary>
    public static bool MayRepeat(string method, IReadOnlyList<KeyValuePair<string, string>> form) =>
        IsRead(method) || (method == "messages.send" && form.Any(p => p.Key == "random_id" && p.Value is not ("" or "0")));

    /// <summary>VK errors after which the call was not done, whatever the method.</summary>
    public static bool NotDone(int errorCode) => errorCode is 6 or 9;

    /// <summary>A failure of the connection before anything was sent (the name did not resolve, the connection was refused).</summary>
    public static bool NeverSent(Exception e) => e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError };
}

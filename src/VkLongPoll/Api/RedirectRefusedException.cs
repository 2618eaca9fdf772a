using System.Net;

namespace VkLongPoll;

/// <summary>A redirect that was not followed (every request carries a secret); <see cref="Target"/> is where it pointed.</summary>
internal sealed class RedirectRefusedException(string message, HttpStatusCode status, string target)
    : HttpRequestException(message, null, status)
{
    /// <summary>The scheme, host and port the redirect pointed to.</summary>
    public string Target { get; } = target;
}

namespace VkLongPoll;

/// <summary>
/// A VK ID call failed: VK ID refused it (<c>{"error", "error_description"}</c>, e.g. <c>invalid_grant</c> for a used or
/// expired code or refresh token), or the call itself failed (the network, a timeout, an HTTP error page, an answer
/// that is not VK ID's JSON).
/// </summary>
/// <remarks>
/// VK's own SDK tells the two apart (<c>VKIDRefreshTokenFail.RefreshTokenExpired</c> against <c>FailedApiCall</c>): only a
/// refusal of the grant means signing in again (<see cref="RequiresSignIn"/>); a failed call is tried again later.
/// </remarks>
public sealed class VkIdException : VkLongPollException
{
    /// <summary>VK ID refused: <paramref name="error"/> and <paramref name="description"/> as it sent them.</summary>
    /// <param name="error">VK ID's <c>error</c>.</param>
    /// <param name="description">VK ID's <c>error_description</c>.</param>
    public VkIdException(string error, string? description)
        : this(error, description, host: null, httpStatus: null, innerException: null)
    {
    }

    internal VkIdException(string error, string? description, string? host, int? httpStatus, Exception? innerException)
        : base(MessageOf(error, description), innerException)
    {
        Error = error;
        Description = description;
        Host = host;
        HttpStatus = httpStatus;
    }

    /// <summary>The <c>error</c> of a failed call that VK ID did not answer with one of its own.</summary>
    internal const string CallFailed = "call_failed";

    /// <summary>VK ID's <c>error</c>, or <c>call_failed</c> when the call failed before VK ID could refuse it.</summary>
    public string Error { get; }

    /// <summary>VK ID's <c>error_description</c>, or what went wrong with the call.</summary>
    public string? Description { get; }

    /// <summary>
    /// True when the grant itself was refused (<c>invalid_grant</c>, <c>invalid_client</c>, an expired refresh token): the
    /// user must sign in again. False for a call that failed (a timeout, HTTP 5xx, an HTML page, <c>server_error</c>,
    /// <c>temporarily_unavailable</c>): the same call may work later.
    /// </summary>
    public bool RequiresSignIn => Error is "invalid_grant" or "invalid_client" or "unauthorized_client"
        || (Error.Contains("expired", StringComparison.OrdinalIgnoreCase) && Error.Contains("refresh", StringComparison.OrdinalIgnoreCase));

    private static string MessageOf(string error, string? description) => error == CallFailed
        ? $"the VK ID call failed: {description}"
        : $"VK ID refused: {error}{(string.IsNullOrEmpty(description) ? string.Empty : ": " + description)}";

    /// <summary>The host that was asked, for status lines.</summary>
    internal string? Host { get; }

    /// <summary>The HTTP status of a failed call, if it got one.</summary>
    internal int? HttpStatus { get; }
}

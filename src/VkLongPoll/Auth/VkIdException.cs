namespace VkLongPoll;

/// <summary>VK ID refused a request: <c>{"error", "error_description"}</c> (e.g. <c>invalid_grant</c> for a used or expired code or refresh token).</summary>
public sealed class VkIdException(string error, string? description)
    : VkLongPollException($"VK ID refused: {error}{(string.IsNullOrEmpty(description) ? string.Empty : ": " + description)}")
{
    /// <summary>VK ID's <c>error</c>.</summary>
    public string Error { get; } = error;

    /// <summary>VK ID's <c>error_description</c>.</summary>
    public string? Description { get; } = description;
}

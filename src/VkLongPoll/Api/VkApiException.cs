namespace VkLongPoll;

/// <summary>The VK API answered with <c>{"error": {...}}</c>.</summary>
/// <param name="errorCode">VK's <c>error_code</c> (5 authorization failed, 6 too many requests, 14 captcha, …).</param>
/// <param name="errorMessage">VK's <c>error_msg</c>.</param>
public class VkApiException(int errorCode, string errorMessage)
    : VkLongPollException($"VK API error {errorCode}: {errorMessage}")
{
    /// <summary>VK's <c>error_code</c>.</summary>
    public int ErrorCode { get; } = errorCode;

    /// <summary>VK's <c>error_msg</c>.</summary>
    public string ErrorMessage { get; } = errorMessage;
}

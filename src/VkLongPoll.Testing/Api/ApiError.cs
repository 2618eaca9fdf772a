namespace VkLongPoll.Testing.Api;

/// <summary>A VK API error to answer with: <c>{"error":{"error_code", "error_msg", "request_params"}}</c>.</summary>
internal sealed class ApiError(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>For 14: the challenge whose fields the error carries.</summary>
    public CaptchaChallenge? Captcha { get; init; }

    /// <summary>For 17: the page the user must open.</summary>
    public string? RedirectUri { get; init; }

    public static ApiError BadParameter(string name, string why) => new(100, $"One of the parameters specified was missing or invalid: {name} {why}");
}

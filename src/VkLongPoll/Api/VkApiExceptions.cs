namespace VkLongPoll;

/// <summary>VK rejected the access token (error 5, or 1117 "Access token has expired"): it is invalid, expired or revoked, and no new one could be had. Retrying will not help.</summary>
public sealed class VkAuthorizationException : VkApiException
{
    /// <summary>Error 5 with VK's <c>error_msg</c>.</summary>
    public VkAuthorizationException(string errorMessage)
        : base(5, errorMessage)
    {
    }

    /// <summary>Error <paramref name="errorCode"/> (5 or 1117) with VK's <c>error_msg</c>.</summary>
    public VkAuthorizationException(int errorCode, string errorMessage)
        : base(errorCode, errorMessage)
    {
    }
}

/// <summary>
/// The token may not call the method (error 15, "Access denied"): for <c>messages.*</c>, a user token without the <c>messages</c>
/// right (VK grants it to Standalone and VK ID apps only on request) or a community it does not administer. See docs/tokens.md.
/// </summary>
public sealed class VkAccessDeniedException(string method, string errorMessage)
    : VkApiException(15, errorMessage)
{
    /// <summary>The method VK refused.</summary>
    public string Method { get; } = method;

    /// <summary>What it means, in plain words.</summary>
    public string Explanation => Method.StartsWith("messages.", StringComparison.Ordinal)
        ? "this token has no access to messages: the User Long Poll needs a user token with the messages right, or a community token (with the community's id)"
        : $"this token may not call {Method}";
}

/// <summary>VK wants the account validated in a browser (error 17, "Validation required"): open <see cref="RedirectUri"/>, then use a new token.</summary>
public sealed class VkValidationException(string errorMessage, string? redirectUri)
    : VkApiException(17, errorMessage)
{
    /// <summary>The page to open (VK's <c>redirect_uri</c>).</summary>
    public string? RedirectUri { get; } = redirectUri;
}

/// <summary>VK wants a captcha solved (error 14), and no <see cref="VkApiClientOptions.CaptchaHandler"/> answered it (or its answers did not pass).</summary>
/// <param name="errorMessage">VK's <c>error_msg</c>.</param>
/// <param name="captcha">What to show the user.</param>
public sealed class VkCaptchaException(string errorMessage, VkCaptcha captcha)
    : VkApiException(14, errorMessage)
{
    /// <summary>The captcha to solve.</summary>
    public VkCaptcha Captcha { get; } = captcha;
}

/// <summary>A captcha challenge from VK (error 14).</summary>
/// <remarks>
/// Since 2025 VK sends <c>redirect_uri</c>: the person passes the captcha on that page, and the answer is the
/// <c>success_token</c> it gives — the handler returns that, and the call is repeated with <c>success_token</c> (dev.vk.com,
/// captcha-error). Without <c>redirect_uri</c> (the older form) the handler returns the text of <see cref="ImageUrl"/>, sent as
/// <c>captcha_key</c> with <c>captcha_sid</c>.
/// </remarks>
/// <param name="Sid">The <c>captcha_sid</c> (VK sometimes leaves it out of the 2025 form).</param>
/// <param name="ImageUrl">The <c>captcha_img</c> (in the 2025 form its picture may say only that the app is too old).</param>
/// <param name="RedirectUri">The 2025 form: the page to open (<c>redirect_uri</c>).</param>
public sealed record VkCaptcha(string? Sid, string? ImageUrl, string? RedirectUri)
{
    /// <summary>True for the 2025 form: the handler's answer is a <c>success_token</c>.</summary>
    public bool NeedsSuccessToken => RedirectUri is not null;

    /// <summary>VK's <c>remixstlid</c>, sent back with the <c>success_token</c> (as VK's page asks of server-to-server callers).</summary>
    public string? Remixstlid { get; init; }

    /// <summary>VK's <c>captcha_attempt</c>: how many times this captcha was asked.</summary>
    public int? Attempt { get; init; }
}

namespace VkLongPoll;

/// <summary>VK rejected the access token (error 5): it is invalid, expired or the user is blocked. Retrying will not help.</summary>
public sealed class VkAuthorizationException(string errorMessage)
    : VkApiException(5, errorMessage);

/// <summary>VK wants a captcha solved (error 14) or a validation done (17), and no <see cref="VkApiClientOptions.CaptchaHandler"/> answered it.</summary>
/// <param name="errorMessage">VK's <c>error_msg</c>.</param>
/// <param name="captcha">What to show the user.</param>
public sealed class VkCaptchaException(string errorMessage, VkCaptcha captcha)
    : VkApiException(14, errorMessage)
{
    /// <summary>The captcha to solve.</summary>
    public VkCaptcha Captcha { get; } = captcha;
}

/// <summary>A captcha (or validation) challenge from VK.</summary>
/// <param name="Sid">The <c>captcha_sid</c> to send back with the answer.</param>
/// <param name="ImageUrl">The <c>captcha_img</c> to show.</param>
/// <param name="RedirectUri">The newer form: a page the user must open (<c>redirect_uri</c>).</param>
public sealed record VkCaptcha(string? Sid, string? ImageUrl, string? RedirectUri);

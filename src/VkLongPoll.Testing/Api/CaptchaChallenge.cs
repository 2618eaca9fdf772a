using System.Globalization;

namespace VkLongPoll.Testing.Api;

/// <summary>One captcha VK asks for: its 2025 form carries <c>redirect_uri</c> and is answered with <c>success_token</c>.</summary>
/// <remarks>
/// As in VK's answers (dev.vk.com/en/api/captcha-error; vk-io issue 581): <c>captcha_sid</c>, <c>captcha_img</c>,
/// <c>redirect_uri</c>, <c>is_refresh_enabled</c>, <c>captcha_ts</c>, <c>captcha_attempt</c>, <c>remixstlid</c>.
/// The older form has only <c>captcha_sid</c> and <c>captcha_img</c> and takes <c>captcha_sid</c> + <c>captcha_key</c>.
/// </remarks>
internal sealed class CaptchaChallenge
{
    private readonly string _baseUri;

    public CaptchaChallenge(Random random, string baseUri, bool legacy)
    {
        _baseUri = baseUri;
        Legacy = legacy;
        Sid = random.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);
        SessionToken = Convert.ToHexStringLower(RandomBytes(random, 16));
        SuccessToken = "ok." + Convert.ToHexStringLower(RandomBytes(random, 16));
        Remixstlid = random.NextInt64(1_000_000_000_000_000, long.MaxValue);
    }

    public bool Legacy { get; }

    public string Sid { get; }

    public string SessionToken { get; }

    public string SuccessToken { get; }

    public long Remixstlid { get; }

    public int Attempts { get; set; } = 1;

    /// <summary>The 2025 form takes only the <c>success_token</c> from the captcha page; the older one any <c>captcha_key</c> for its sid.</summary>
    public bool IsAnsweredBy(Hosting.RequestParameters p) => Legacy
        ? p["captcha_sid"] == Sid && !string.IsNullOrEmpty(p["captcha_key"])
        : p["success_token"] == SuccessToken;

    public ApiError Error() => new(14, "Captcha needed") { Captcha = this };

    public string RedirectUri => $"{_baseUri}not_robot_captcha?domain=vk.com&session_token={SessionToken}&variant=popup&blank=1";

    public string ImageUrl => $"{_baseUri}captcha.php?sid={Sid}&source=check_user_action_validate&s=1&resized=1";

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}

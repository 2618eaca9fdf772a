namespace VkLongPoll;

/// <summary>How <see cref="VkApiClient"/> talks to the VK API.</summary>
/// <remarks>Settable (bindable from configuration), checked and copied when a client is made.</remarks>
public sealed class VkApiClientOptions
{
    /// <summary>VK's API address: <c>api.vk.ru</c>, where VK moved its API in September 2025 (its notice to developers; dev.vk.com
    /// names only api.vk.ru now; vk-io, vk_api, vksdk and VK's own SDKs switched). <c>api.vk.com</c> still answers.</summary>
    public static readonly Uri VkBaseUrl = new("https://api.vk.ru/method");

    /// <summary>The API base URL; VK's by default, the emulator's in tests. Plain HTTP is accepted for loopback only.</summary>
    public Uri BaseUrl { get; set; } = VkBaseUrl;

    /// <summary>The language of names and texts VK returns (<c>lang</c>: <c>ru</c>, <c>en</c>, …; VK transliterates Cyrillic names for a non-Cyrillic one); VK's default when null.</summary>
    public string? Language { get; set; }

    /// <summary>The API version sent as <c>v</c>.</summary>
    public string ApiVersion { get; set; } = "5.199";

    /// <summary>Calls per second for this token (VK allows 3 for user tokens); shared by every client of the token in the process.</summary>
    public int CallsPerSecond { get; set; } = 3;

    /// <summary>Retries of errors that pass (1 unknown, 6 too many requests, 9 flood, 10 internal, 36 timeout) and of network failures.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The pauses between those retries; 0.5 s doubling to 30 s, ±25 %, by default.</summary>
    public RetryBackoff Backoff { get; set; } = RetryBackoff.Default;

    /// <summary>How long one API call may take before it counts as a network failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Asked when VK wants a captcha: return the <c>success_token</c> the person got at <see cref="VkCaptcha.RedirectUri"/> (VK's 2025 form),
    /// or the captcha's text for the older form; null gives up with <see cref="VkCaptchaException"/>. Asked at most three times for one call.</summary>
    public Func<VkCaptcha, CancellationToken, ValueTask<string?>>? CaptchaHandler { get; set; }

    /// <summary>The clock for rate limiting and retry delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal VkApiClientOptions Copy() => (VkApiClientOptions)MemberwiseClone();

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(ApiVersion);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Backoff);
        if (!BaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("the API base URL must be absolute", nameof(BaseUrl));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(CallsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero);
    }
}

using Microsoft.Extensions.Logging;

namespace VkLongPoll;

/// <summary>Options of a <see cref="LongPollClient"/>: mutable and bindable from configuration; copied when the client is made.</summary>
public sealed class LongPollClientOptions
{
    /// <summary>The versions the client speaks, newest first (used when the server answers <c>failed: 4</c>).</summary>
    public static readonly IReadOnlyList<int> SupportedVersions = [19, 11, 10, 3];

    /// <summary>The user access token (or a community token with <see cref="GroupId"/>). Never logged. Or give <see cref="TokenSource"/>.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>Where tokens come from when they expire and renew (a VK ID login: <see cref="VkIdTokenSource"/>); instead of <see cref="AccessToken"/>.</summary>
    public IAccessTokenSource? TokenSource { get; set; }

    /// <summary>A proxy for the session's own <see cref="HttpClient"/> (when none is given to the client); null uses the environment's (<c>HTTPS_PROXY</c>, <c>ALL_PROXY</c>).</summary>
    public System.Net.IWebProxy? Proxy { get; set; }

    /// <summary>A community id, to receive a community's dialogs with a user token.</summary>
    public long? GroupId { get; set; }

    /// <summary>Protocol version: 19 (default), 11, 10 or 3 (the one that still carries friends' online status).</summary>
    public int Version { get; set; } = 19;

    /// <summary>The <c>mode</c>; by default 2|8|32|128, plus 64 for version 3 and 1024 for 19 (fixed layouts, <c>pts</c> in every answer).</summary>
    public int? Mode { get; set; }

    /// <summary>Seconds the server may hold a poll (VK: at most 90; 25 recommended).</summary>
    public int Wait { get; set; } = 25;

    /// <summary>How much longer than <see cref="Wait"/> a poll may take before it counts as a network failure.</summary>
    public TimeSpan RequestTimeoutMargin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The API base URL (VK's by default).</summary>
    public Uri ApiBaseUrl { get; set; } = VkApiClientOptions.VkBaseUrl;

    /// <summary>API calls per second for the token (VK: 3); 0 for no limit (the emulator).</summary>
    public int ApiCallsPerSecond { get; set; } = 3;

    /// <summary>First and longest pause between retries after a failure (doubling, with ±25 % jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where <see cref="LongPollClient.ReadEventsAsync"/> loads and saves its checkpoint; none by default.</summary>
    public ICheckpointStore? CheckpointStore { get; set; }

    /// <summary>The checkpoint's name in the store; by default derived from a hash of the token (and <see cref="GroupId"/>), never the token itself.</summary>
    public string? CheckpointName { get; set; }

    /// <summary>The clock for timeouts and retry delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where to log; nothing by default.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Called with every <see cref="LongPollStatus"/> the session reports (started, retrying, recovering, resynced, stopped…), on the session's own flow.</summary>
    /// <remarks>Keep it quick: the session waits for it. An exception it throws is logged and otherwise ignored.</remarks>
    public Action<LongPollStatus>? OnStatus { get; set; }

    /// <summary>Answers captchas VK asks for during API calls.</summary>
    public Func<VkCaptcha, CancellationToken, ValueTask<string?>>? CaptchaHandler { get; set; }

    /// <summary>The one retry pacing made of <see cref="RetryDelay"/> and <see cref="MaxRetryDelay"/> (hosts pace their own retries with it too).</summary>
    public RetryBackoff Backoff() => new(RetryDelay, MaxRetryDelay);

    /// <summary>
    /// A VK API client for the account these options describe: its token (renewed when its source can), API address, pacing
    /// (<see cref="ApiCallsPerSecond"/>, shared by every client of the token), captcha handler and clock — what a handler
    /// needs to act (<see cref="Engine.AccountBatch.Api"/>). Dispose it when done.
    /// </summary>
    /// <param name="httpClient">An <see cref="HttpClient"/> to share; one of <see cref="LongPollHttp.CreateClient"/> when null.</param>
    public VkApiClient CreateApiClient(HttpClient? httpClient = null) => new(Tokens(), new VkApiClientOptions
    {
        BaseUrl = ApiBaseUrl,
        CallsPerSecond = ApiCallsPerSecond,
        TimeProvider = TimeProvider,
        CaptchaHandler = CaptchaHandler,
    }, httpClient);

    internal IAccessTokenSource Tokens() => TokenSource ?? new StaticAccessTokenSource(AccessToken);

    internal int EffectiveMode(int version) => Mode ?? (2 | 8 | 32 | 128 | (version < 10 ? 64 : 0) | (version >= 19 ? 1024 : 0));

    /// <summary>A copy to change without touching these (shallow: the same token source, store, logger factory and callbacks).</summary>
    public LongPollClientOptions Copy() => (LongPollClientOptions)MemberwiseClone();

    /// <summary>Checks that the options can make a session: exactly one of <see cref="AccessToken"/> and <see cref="TokenSource"/>, a supported <see cref="Version"/>, a <see cref="Wait"/> VK accepts, an HTTPS <see cref="ApiBaseUrl"/>.</summary>
    /// <exception cref="ArgumentException">What is wrong, in one plain sentence (never the token).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AccessToken) == (TokenSource is null))
        {
            throw new ArgumentException("give exactly one of AccessToken and TokenSource", nameof(AccessToken));
        }

        if (!SupportedVersions.Contains(Version))
        {
            throw new ArgumentOutOfRangeException(nameof(Version), Version, $"supported versions: {string.Join(", ", SupportedVersions)}");
        }

        if (Wait is < 0 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(Wait), Wait, "wait must be 0–90 seconds");
        }

        if (ApiBaseUrl is null || !ApiBaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("the API base URL must be an absolute URL", nameof(ApiBaseUrl));
        }

        try
        {
            Transport.EnsureSecure(ApiBaseUrl, "the API base URL");
        }
        catch (VkLongPollException e)
        {
            throw new ArgumentException(e.Message, nameof(ApiBaseUrl), e);
        }

        if (ApiCallsPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ApiCallsPerSecond), ApiCallsPerSecond, "API calls per second cannot be negative (0: no limit)");
        }

        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            throw new ArgumentException("RetryDelay must be positive and MaxRetryDelay at least RetryDelay", nameof(RetryDelay));
        }
    }
}

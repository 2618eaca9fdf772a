using System.Net;

namespace VkLongPoll;

/// <summary>A small VK API client for the methods a Long Poll session needs.</summary>
/// <remarks>
/// Calls are form POSTs (the token never appears in a URL), rate-limited per token, and retried on the
/// errors that pass. Give it an <see cref="HttpClient"/> from <c>IHttpClientFactory</c>, or let it make one.
/// </remarks>
public sealed partial class VkApiClient : IDisposable
{
    private static readonly HashSet<int> Transient = [1, 6, 9, 10, 36];

    private readonly string _token;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly VkApiClientOptions _options;
    private readonly TokenRateLimiter _limiter;

    /// <summary>Creates a client for <paramref name="accessToken"/>.</summary>
    public VkApiClient(string accessToken, VkApiClientOptions? options = null, HttpClient? httpClient = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        _token = accessToken;
        _options = options?.Copy() ?? new VkApiClientOptions();
        _options.Validate();
        Transport.EnsureSecure(_options.BaseUrl, "the API base URL");
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient();
        _limiter = TokenRateLimiter.For(accessToken, _options.CallsPerSecond);
    }

    /// <summary><c>messages.getLongPollServer</c> with <c>need_pts=1</c>.</summary>
    public async Task<LongPollServer> GetLongPollServerAsync(int lpVersion, long? groupId = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("need_pts", "1"), new("lp_version", Invariant(lpVersion)) };
        if (groupId is { } group)
        {
            parameters.Add(new("group_id", Invariant(group)));
        }

        var body = await CallAsync("messages.getLongPollServer", parameters, cancellationToken).ConfigureAwait(false);
        return ApiEnvelope.ReadLongPollServer(body);
    }

    /// <summary><c>messages.getLongPollHistory</c> from <paramref name="pts"/>, decoded (and short message events completed).</summary>
    public async Task<LongPollHistory> GetLongPollHistoryAsync(long pts, long? ts, LongPollDecoder decoder, long? groupId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("pts", Invariant(pts)),
            new("lp_version", Invariant(decoder.Version)),
            new("events_limit", "1000"),
            new("msgs_limit", "200"),
            new("credentials", "1"),
        };
        if (ts is { } value)
        {
            parameters.Add(new("ts", Invariant(value)));
        }

        if (groupId is { } group)
        {
            parameters.Add(new("group_id", Invariant(group)));
        }

        var body = await CallAsync("messages.getLongPollHistory", parameters, cancellationToken).ConfigureAwait(false);
        return decoder.ReadHistory(body);
    }

    /// <summary>Calls any method; returns the whole answer body when it is not an error.</summary>
    /// <exception cref="VkApiException">VK answered with an error that retrying did not clear.</exception>
    public async Task<byte[]> CallAsync(string method, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var form = new List<KeyValuePair<string, string>>(parameters) { new("access_token", _token), new("v", _options.ApiVersion) };
        var uri = new Uri(_options.BaseUrl.ToString().TrimEnd('/') + "/" + method);
        for (var attempt = 0; ; attempt++)
        {
            await _limiter.WaitAsync(_options.TimeProvider, cancellationToken).ConfigureAwait(false);
            byte[] body;
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                using var response = await _http.PostAsync(uri, new FormUrlEncodedContent(form), linked.Token).ConfigureAwait(false);
                if (response.StatusCode >= HttpStatusCode.InternalServerError && attempt < _options.MaxRetries)
                {
                    await Backoff.DelayAsync(attempt, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    // Not a VK answer (a proxy's or a balancer's page): say so, rather than "unreadable JSON".
                    throw new HttpRequestException($"{method}: {uri.Host} answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
                }

                body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < _options.MaxRetries && !cancellationToken.IsCancellationRequested
                && e is HttpRequestException or OperationCanceledException)
            {
                await Backoff.DelayAsync(attempt, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                var message = $"{method} did not answer within {_options.RequestTimeout.TotalSeconds:F0} s";
                throw new HttpRequestException(HttpRequestError.Unknown, message, new TimeoutException(message, e));
            }

            if (ApiEnvelope.ReadError(body) is not { } error)
            {
                return body;
            }

            if (Transient.Contains(error.Code) && attempt < _options.MaxRetries)
            {
                await Backoff.DelayAsync(attempt, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // 14 (captcha) and 17 (validation) need a person: ask the handler, then retry with its answer.
            if (error.Code is 14 or 17 && error.Captcha is { } captcha && _options.CaptchaHandler is { } handler
                && await handler(captcha, cancellationToken).ConfigureAwait(false) is { } answer)
            {
                form.RemoveAll(p => p.Key is "captcha_sid" or "captcha_key" or "success_token");
                if (captcha.Sid is not null)
                {
                    form.Add(new("captcha_sid", captcha.Sid));
                    form.Add(new("captcha_key", answer));
                }
                else
                {
                    form.Add(new("success_token", answer));
                }

                continue;
            }

            throw error.Code switch
            {
                5 => new VkAuthorizationException(error.Message),
                14 or 17 => new VkCaptchaException(error.Message, error.Captcha ?? new VkCaptcha(null, null, null)),
                _ => new VkApiException(error.Code, error.Message),
            };
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

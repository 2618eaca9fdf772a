using System.Net;

namespace VkLongPoll;

/// <summary>A small VK API client for the methods a Long Poll session needs.</summary>
/// <remarks>
/// Calls are form POSTs (the token never appears in a URL), rate-limited per token, and retried on the
/// errors that pass — a method that changes state (<c>messages.send</c>, edits, deletions) only when VK surely did not do it
/// (errors 6 and 9, a connection never opened): after a timeout or error 10 it may have, and a second send is a second message. Give it an <see cref="HttpClient"/> from <c>IHttpClientFactory</c>, or let it make one.
/// </remarks>
public sealed partial class VkApiClient : IDisposable
{
    private static readonly HashSet<int> Transient = [1, 6, 9, 10, 36];

    /// <summary>How many times one call asks the captcha handler before it gives up (a handler whose answers do not pass must not loop).</summary>
    private const int MaxCaptchaRounds = 3;

    private readonly IAccessTokenSource _tokens;
    private readonly string _limiterKey;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly VkApiClientOptions _options;

    /// <summary>Creates a client for <paramref name="accessToken"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027", Justification = "The overloads differ in their first parameter's type (a token or a token source), never by omission.")]
    public VkApiClient(string accessToken, VkApiClientOptions? options = null, HttpClient? httpClient = null)
        : this(new StaticAccessTokenSource(Required(accessToken)), options, httpClient)
    {
    }

    /// <summary>Creates a client whose tokens come from <paramref name="tokens"/> (renewed when VK says one expired).</summary>
    /// <param name="tokens">Where the token comes from.</param>
    /// <param name="options">How to call the API; the defaults when null.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to use; one is made when null.</param>
    public VkApiClient(IAccessTokenSource tokens, VkApiClientOptions? options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
        _options = options?.Copy() ?? new VkApiClientOptions();
        _options.Validate();
        _limiterKey = TokenRateLimiter.SharedKey(tokens.AccountKey, _options.CallsPerSecond);
        Transport.EnsureSecure(_options.BaseUrl, "the API base URL");
        _ownsHttp = httpClient is null;
        _http = httpClient ?? LongPollHttp.CreateClient();
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
    public Task<LongPollHistory> GetLongPollHistoryAsync(long pts, long? ts, LongPollDecoder decoder, long? groupId = null, CancellationToken cancellationToken = default) =>
        GetLongPollHistoryPageAsync(pts, ts, maxMessageId: null, decoder, groupId, cancellationToken);

    /// <summary>The same, with <c>max_msg_id</c>: VK gives only the message objects above it (the rest of a page whose messages were cut at <c>msgs_limit</c>).</summary>
    internal async Task<LongPollHistory> GetLongPollHistoryPageAsync(long pts, long? ts, long? maxMessageId, LongPollDecoder decoder, long? groupId, CancellationToken cancellationToken)
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

        if (maxMessageId is { } max)
        {
            parameters.Add(new("max_msg_id", Invariant(max)));
        }

        if (groupId is { } group)
        {
            parameters.Add(new("group_id", Invariant(group)));
        }

        var body = await CallAsync("messages.getLongPollHistory", parameters, cancellationToken).ConfigureAwait(false);
        return decoder.ReadHistory(body);
    }

    /// <summary><c>messages.getById</c> for up to 100 messages: complete messages (attachments with URLs and access keys, action, reply), as history gives them.</summary>
    /// <remarks>A message VK no longer has (deleted, or not yet visible to the API) is simply not in the answer.</remarks>
    public async Task<IReadOnlyList<Events.LongPollMessage>> GetMessagesByIdAsync(IReadOnlyCollection<long> messageIds, long? groupId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(messageIds.Count, 100, nameof(messageIds));
        if (messageIds.Count == 0)
        {
            return [];
        }

        var parameters = new List<KeyValuePair<string, string>> { new("message_ids", string.Join(',', messageIds.Select(id => Invariant(id)))) };
        if (groupId is { } group)
        {
            parameters.Add(new("group_id", Invariant(group)));
        }

        var body = await CallAsync("messages.getById", parameters, cancellationToken).ConfigureAwait(false);
        using var document = System.Text.Json.JsonDocument.Parse(body);
        var messages = new List<Events.LongPollMessage>();
        if (document.RootElement.TryGetProperty("response", out var response) && response.TryGetProperty("items", out var items) && items.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                messages.Add(ApiObjectReader.Message(item, 0));
            }
        }

        return messages;
    }

    /// <summary>Calls any method; returns the whole answer body when it is not an error.</summary>
    /// <exception cref="VkAuthorizationException">VK rejected the token (5, 1117) and no new one could be had.</exception>
    /// <exception cref="VkAccessDeniedException">The token may not call the method (15).</exception>
    /// <exception cref="VkCaptchaException">VK wants a captcha and the handler did not answer it.</exception>
    /// <exception cref="VkValidationException">VK wants the account validated in a browser (17).</exception>
    /// <exception cref="VkApiException">Another VK error that retrying did not clear.</exception>
    public async Task<byte[]> CallAsync(string method, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        using var activity = LongPollMetrics.Source.StartActivity("vk.api " + method, System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("vk.api.method", method);
        activity?.SetTag("server.address", _options.BaseUrl.Host);
        try
        {
            var body = await CallCoreAsync(method, parameters, cancellationToken).ConfigureAwait(false);
            return body;
        }
        catch (Exception e) when (activity is not null && e is not OperationCanceledException)
        {
            activity.SetTag("vk.api.error_code", (e as VkApiException)?.ErrorCode);
            activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    private async Task<byte[]> CallCoreAsync(string method, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>(parameters) { new("v", _options.ApiVersion) };
        if (_options.Language is { } language && !form.Exists(p => p.Key == "lang"))
        {
            form.Add(new("lang", language));
        }
        var uri = new Uri(_options.BaseUrl.ToString().TrimEnd('/') + "/" + method);
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var renewed = false;
        var captchaRounds = 0;
        for (var attempt = 0; ; attempt++)
        {
            // Looked up per call: an idle token's limiter is forgotten, and one that is in use is never replaced.
            await TokenRateLimiter.ForSharedKey(_limiterKey, _options.CallsPerSecond).WaitAsync(_options.TimeProvider, cancellationToken).ConfigureAwait(false);
            var body = await SendAsync(method, uri, form, token, attempt, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                continue; // a failure that passes, waited out: again
            }

            if (ApiEnvelope.ReadError(body) is not { } error)
            {
                return body;
            }

            if (Transient.Contains(error.Code) && attempt < _options.MaxRetries && (MethodSafety.MayRepeat(method, form) || MethodSafety.NotDone(error.Code)))
            {
                await _options.Backoff.WaitAsync(attempt + 1, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            switch (error.Code)
            {
                // Expired or rejected: a token source that can renew (VK ID) gives a new token, once per call.
                case 5 or 1117 when !renewed && await _tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false) is { } fresh:
                    token = fresh;
                    renewed = true;
                    continue;
                case 14 when error.Captcha is { } captcha && captchaRounds++ < MaxCaptchaRounds && _options.CaptchaHandler is { } handler
                    && await handler(captcha, cancellationToken).ConfigureAwait(false) is { } answer:
                    Answer(form, captcha, answer);
                    continue;
            }

            throw error.Code switch
            {
                5 or 1117 => new VkAuthorizationException(error.Code, error.Message),
                14 => new VkCaptchaException(error.Message, error.Captcha ?? new VkCaptcha(null, null, null)),
                15 => new VkAccessDeniedException(method, error.Message),
                17 => new VkValidationException(error.Message, error.RedirectUri),
                _ => new VkApiException(error.Code, error.Message),
            };
        }
    }

    /// <summary>One POST; null after a failure that passes (already waited out), the body otherwise.</summary>
    private async Task<byte[]?> SendAsync(string method, Uri uri, List<KeyValuePair<string, string>> form, string token, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            // The token goes in the form body, never in the URL.
            using var request = LongPollHttp.Request(_http, HttpMethod.Post, uri);
            request.Content = new FormUrlEncodedContent([.. form, new("access_token", token)]);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            Transport.EnsureNotRedirected(response, uri, method);
            if (response.StatusCode >= HttpStatusCode.InternalServerError && attempt < _options.MaxRetries && MethodSafety.MayRepeat(method, form))
            {
                await _options.Backoff.WaitAsync(attempt + 1, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                // Not a VK answer (a proxy's or a balancer's page): say so, rather than "unreadable JSON".
                throw new HttpRequestException($"{method}: {uri.Host} answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
            }

            return await BoundedBody.ReadAsync(response.Content, BoundedBody.MaxApiAnswerBytes, body => body.ToArray(), linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (attempt < _options.MaxRetries && !cancellationToken.IsCancellationRequested
            && e is HttpRequestException or OperationCanceledException && (MethodSafety.MayRepeat(method, form) || MethodSafety.NeverSent(e)))
        {
            await _options.Backoff.WaitAsync(attempt + 1, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var message = $"{method} did not answer within {_options.RequestTimeout.TotalSeconds:F0} s";
            throw new HttpRequestException(HttpRequestError.Unknown, message, new TimeoutException(message, e));
        }
    }

    /// <summary>
    /// The captcha's answer in the form VK asked for: the 2025 form (with <c>redirect_uri</c>) takes <c>success_token</c> alone
    /// (and the <c>remixstlid</c> it came with), as VK's own SDK and vk-io send it; the older one <c>captcha_sid</c> + <c>captcha_key</c>.
    /// </summary>
    private static void Answer(List<KeyValuePair<string, string>> form, VkCaptcha captcha, string answer)
    {
        form.RemoveAll(p => p.Key is "captcha_sid" or "captcha_key" or "success_token" or "remixstlid");
        if (captcha.NeedsSuccessToken)
        {
            form.Add(new("success_token", answer));
            if (captcha.Remixstlid is { } remixstlid)
            {
                form.Add(new("remixstlid", remixstlid));
            }
        }
        else
        {
            form.Add(new("captcha_sid", captcha.Sid ?? string.Empty));
            form.Add(new("captcha_key", answer));
        }
    }

    private static string Required(string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        return accessToken;
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

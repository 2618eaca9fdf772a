using System.Globalization;
using System.Text.Json;

namespace VkLongPoll;

/// <summary>
/// VK ID, the way VK gives user tokens to new apps (OAuth 2.1, authorization code with PKCE): begin a sign-in, exchange
/// its code for tokens, renew them with the refresh token, log out.
/// </summary>
/// <remarks>
/// Endpoints and parameters as VK ID's API description and VK's own SDKs use them: <c>/authorize</c>, then <c>POST /oauth2/auth</c>
/// with <c>grant_type=authorization_code</c> (<c>code</c>, <c>code_verifier</c>, <c>client_id</c>, <c>device_id</c>,
/// <c>redirect_uri</c>, <c>state</c>) or <c>grant_type=refresh_token</c> (<c>refresh_token</c>, <c>client_id</c>,
/// <c>device_id</c>, <c>state</c>); access tokens live about an hour. No client secret: PKCE stands for it. docs/tokens.md.
/// </remarks>
public sealed class VkIdClient : IDisposable
{
    /// <summary>VK ID's address (VK moved its sign-in to vk.ru in September 2025; id.vk.com answers too).</summary>
    public static readonly Uri VkIdBaseUrl = new("https://id.vk.ru");

    /// <summary>How long one VK ID call may take, from sending to the last byte of its answer.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _baseUrl;
    private readonly TimeProvider _time;

    /// <summary>A client for the app <paramref name="clientId"/> (its VK ID app id).</summary>
    /// <param name="clientId">The app's id (<c>client_id</c>).</param>
    /// <param name="baseUrl">VK ID's address; <see cref="VkIdBaseUrl"/> by default (the emulator's <c>VkIdUrl</c> in tests).</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to use; one is made when null.</param>
    /// <param name="timeProvider">The clock that dates token expiry.</param>
    public VkIdClient(long clientId, Uri? baseUrl = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clientId);
        ClientId = clientId;
        _baseUrl = baseUrl ?? VkIdBaseUrl;
        Transport.EnsureSecure(_baseUrl, "VK ID's address");
        _ownsHttp = httpClient is null;
        _http = httpClient ?? LongPollHttp.CreateClient();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The app's id.</summary>
    public long ClientId { get; }

    /// <summary>Starts a sign-in: open <see cref="VkIdAuthorization.AuthorizeUrl"/> in a browser; VK ID sends it back to <paramref name="redirectUri"/> with a code.</summary>
    /// <param name="redirectUri">A trusted redirect URL of the app (a desktop tool registers a loopback address).</param>
    /// <param name="scope">The rights asked for, space-separated; the User Long Poll needs <c>messages</c>.</param>
    public VkIdAuthorization BeginAuthorization(Uri redirectUri, string scope = "messages")
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        return new VkIdAuthorization(_baseUrl, ClientId, redirectUri, scope);
    }

    /// <summary>Exchanges the code the redirect brought (with its <c>device_id</c>) for tokens.</summary>
    /// <exception cref="VkIdException">VK ID refused (a used or expired code, a wrong verifier or redirect).</exception>
    public Task<VkIdTokens> ExchangeCodeAsync(VkIdAuthorization authorization, string code, string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        return TokenAsync(deviceId, authorization.State,
        [
            new("grant_type", "authorization_code"),
            new("code", code),
            new("code_verifier", authorization.CodeVerifier),
            new("client_id", ClientId.ToString(CultureInfo.InvariantCulture)),
            new("device_id", deviceId),
            new("redirect_uri", authorization.RedirectUri.ToString()),
            new("state", authorization.State),
        ], cancellationToken);
    }

    /// <summary>New tokens for <paramref name="tokens"/>'s refresh token (which then stops working: keep the new one).</summary>
    /// <exception cref="VkIdException">VK ID refused (the refresh token expired, was used, or was revoked: <see cref="VkIdException.RequiresSignIn"/>), or the call failed and may work later.</exception>
    public Task<VkIdTokens> RefreshAsync(VkIdTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var state = Guid.NewGuid().ToString("N");
        return TokenAsync(tokens.DeviceId, state,
        [
            new("grant_type", "refresh_token"),
            new("refresh_token", tokens.RefreshToken),
            new("client_id", ClientId.ToString(CultureInfo.InvariantCulture)),
            new("device_id", tokens.DeviceId),
            new("state", state),
        ], cancellationToken);
    }

    /// <summary>Who the access token's user is, as VK ID says (<c>oauth2/user_info</c>): the user's id and name.</summary>
    /// <exception cref="VkIdException">VK ID refused (an invalid or expired token) or could not be reached.</exception>
    public async Task<VkIdUser> GetUserAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        using var document = await PostAsync("oauth2/user_info",
        [
            new("access_token", accessToken),
            new("client_id", ClientId.ToString(CultureInfo.InvariantCulture)),
        ], cancellationToken).ConfigureAwait(false);
        if (!document.RootElement.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object
            || !long.TryParse(String(user, "user_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw Failed("VK ID's user_info answer has no user", null, null);
        }

        return new VkIdUser(id, String(user, "first_name"), String(user, "last_name"));
    }

    /// <summary>Ends the login at VK ID: the access token (and its refresh token) stop working.</summary>
    /// <exception cref="VkIdException">VK ID refused (the token was already invalid).</exception>
    public async Task LogoutAsync(VkIdTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        using var document = await PostAsync("oauth2/logout",
        [
            new("access_token", tokens.AccessToken),
            new("client_id", ClientId.ToString(CultureInfo.InvariantCulture)),
            new("device_id", tokens.DeviceId),
        ], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<VkIdTokens> TokenAsync(string deviceId, string state, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var document = await PostAsync("oauth2/auth", form, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.TryGetProperty("state", out var echoed) && echoed.GetString() != state)
        {
            throw Failed("the answer's state is not the one sent", null, null);
        }

        var access = String(root, "access_token") ?? throw Failed("no access_token in the answer", null, null);
        var refresh = String(root, "refresh_token") ?? throw Failed("no refresh_token in the answer", null, null);
        var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt64(out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromHours(1);
        var userId = root.TryGetProperty("user_id", out var user) && user.TryGetInt64(out var id) ? id : 0;
        return new VkIdTokens(access, refresh, _time.GetUtcNow() + lifetime, userId, deviceId, String(root, "scope") ?? string.Empty);
    }

    /// <summary>
    /// One call: VK ID's JSON answer, or a <see cref="VkIdException"/> that says whether VK ID refused (its own <c>error</c>)
    /// or the call failed (network, timeout, redirect, an HTTP error page): the token source renews again only after the latter.
    /// </summary>
    private async Task<JsonDocument> PostAsync(string path, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseUrl.ToString().TrimEnd('/') + "/" + path);
        using var request = LongPollHttp.Request(_http, HttpMethod.Post, uri);
        request.Content = new FormUrlEncodedContent(form);

        // Every call bounded in time (a renewal holds the session's token lock while it waits) and in size.
        using var timeout = new CancellationTokenSource(RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            Transport.EnsureNotRedirected(response, uri, "VK ID");
            var status = (int)response.StatusCode;
            var document = await BoundedBody.ReadAsync(response.Content, BoundedBody.MaxApiAnswerBytes, Parse, linked.Token).ConfigureAwait(false)
                ?? throw Failed(string.Create(CultureInfo.InvariantCulture, $"HTTP {status}, an answer that is not VK ID's JSON"), status, null);
            return Checked(document, status);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(string.Create(CultureInfo.InvariantCulture, $"no answer within {RequestTimeout.TotalSeconds:F0} s"), null, new TimeoutException("VK ID did not answer in time", e));
        }
        catch (RedirectRefusedException e)
        {
            throw Failed(e.Message, (int?)e.StatusCode, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or LongPollProtocolException)
        {
            throw Failed(RetryCause.Innermost(e), null, e);
        }
    }

    private VkIdException Failed(string what, int? status, Exception? inner) => new(VkIdException.CallFailed, what, _baseUrl.Authority, status, inner);

    /// <summary>The answer's JSON, or null when it is not JSON (an HTML error page of a balancer, say).</summary>
    private static JsonDocument? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private JsonDocument Checked(JsonDocument document, int status)
    {
        if (String(document.RootElement, "error") is { } error)
        {
            var description = String(document.RootElement, "error_description");
            document.Dispose();
            throw new VkIdException(error, description, _baseUrl.Authority, status, null);
        }

        if (status is < 200 or > 299)
        {
            document.Dispose();
            throw Failed(string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"), status, null);
        }

        return document;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

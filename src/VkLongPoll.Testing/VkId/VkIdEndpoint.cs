using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VkLongPoll.Testing.Hosting;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.VkId;

/// <summary>
/// VK ID (OAuth 2.1 with PKCE) as VK serves it on id.vk.com / id.vk.ru, for one app (<see cref="EmulatorOptions.VkIdAppId"/>):
/// <c>/authorize</c> (the user agrees at once, as the first account), <c>/oauth2/auth</c> (code exchange and refresh, refresh
/// tokens rotate), <c>/oauth2/user_info</c>, <c>/oauth2/logout</c> and <c>/oauth2/revoke</c>. Access tokens expire on the emulator's clock.
/// </summary>
/// <remarks>Sources: VK ID's API description page and VK's own SDKs (vkid-web-sdk, vkid-android-sdk); docs/tokens.md.</remarks>
internal sealed class VkIdEndpoint(World world)
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    private readonly Lock _sync = new();
    private readonly Random _random = new(world.Options.Seed ^ 0x1D);
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);

    /// <summary>Access tokens issued by code exchange and by refresh (the tests count refreshes).</summary>
    public int Issued { get; private set; }

    public int Refreshed { get; private set; }

    private int _failuresLeft;
    private int _failureStatus;

    /// <summary>
    /// The next <paramref name="count"/> calls of <c>oauth2/auth</c> fail as VK's balancer fails in a bad minute: HTTP
    /// <paramref name="status"/> with an HTML page (VK ID's own JSON never comes), nothing granted or spent.
    /// </summary>
    public void FailNext(int count, int status)
    {
        lock (_sync)
        {
            _failuresLeft = count;
            _failureStatus = status;
        }
    }

    private bool TakeFailure(out int status)
    {
        lock (_sync)
        {
            status = _failureStatus;
            if (_failuresLeft <= 0)
            {
                return false;
            }

            _failuresLeft--;
            return true;
        }
    }

    public async Task AuthorizeAsync(HttpContext context)
    {
        var p = await RequestParameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var redirect = p["redirect_uri"];
        if (redirect is null || !IsTrustedRedirect(redirect))
        {
            // Without a trusted redirect there is nowhere to send the answer: VK shows an error page.
            await WriteJsonAsync(context, 400, "invalid_request", "redirect_uri is missing or not trusted for this app", null).ConfigureAwait(false);
            return;
        }

        var state = p["state"];
        string? problem = null;
        if (p["response_type"] != "code")
        {
            problem = "response_type must be code";
        }
        else if (p["client_id"] != world.Options.VkIdAppId.ToString(CultureInfo.InvariantCulture))
        {
            problem = "unknown client_id";
        }
        else if (string.IsNullOrEmpty(p["code_challenge"]) || !string.Equals(p["code_challenge_method"], "s256", StringComparison.OrdinalIgnoreCase))
        {
            problem = "code_challenge with code_challenge_method s256 is required";
        }
        else if (string.IsNullOrEmpty(state))
        {
            problem = "state is required";
        }

        if (problem is not null)
        {
            context.Response.Redirect(Append(redirect, $"error=invalid_request&error_description={Uri.EscapeDataString(problem)}&state={Uri.EscapeDataString(state ?? string.Empty)}"));
            return;
        }

        var code = Random(24);
        var device = Random(16);
        lock (_sync)
        {
            _codes[code] = new PendingCode(world.Accounts[0], p["client_id"]!, redirect, p["code_challenge"]!, device, world.Time.GetUtcNow() + CodeLifetime);
        }

        context.Response.Redirect(Append(redirect, string.Create(CultureInfo.InvariantCulture,
            $"code={code}&state={Uri.EscapeDataString(state!)}&device_id={device}&expires_in={CodeLifetime.TotalSeconds:F0}&type=code_v2")));
    }

    public async Task TokenAsync(HttpContext context)
    {
        var p = await RequestParameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var state = p["state"];
        if (TakeFailure(out var failure))
        {
            context.Response.StatusCode = failure;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"<html><body><h1>{failure} Bad Gateway</h1><hr>nginx</body></html>"), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (p["client_id"] != world.Options.VkIdAppId.ToString(CultureInfo.InvariantCulture))
        {
            await WriteJsonAsync(context, 401, "invalid_client", "unknown client_id", state).ConfigureAwait(false);
            return;
        }

        var grant = p["grant_type"] switch
        {
            "authorization_code" => ExchangeCode(p),
            "refresh_token" => Refresh(p),
            _ => Grant.Invalid("invalid_request", "grant_type must be authorization_code or refresh_token"),
        };
        if (grant.Error is { } error)
        {
            await WriteJsonAsync(context, 400, grant.ErrorKind!, error, state).ConfigureAwait(false);
            return;
        }

        var granted = (Account: grant.Account!, grant.Device);

        var token = world.IssueToken(granted.Account, world.Options.VkIdGrantsMessages, world.Options.VkIdTokenLifetime);
        var refresh = Random(32);
        lock (_sync)
        {
            _refreshTokens[refresh] = new RefreshGrant(granted.Account, granted.Device, token);
        }

        await WriteAsync(context, 200, json =>
        {
            json.WriteString("access_token", token.Value);
            json.WriteString("refresh_token", refresh);
            json.WriteString("id_token", "eyJhbGciOiJub25lIn0." + Random(16) + ".");
            json.WriteString("token_type", "Bearer");
            json.WriteNumber("expires_in", (long)world.Options.VkIdTokenLifetime.TotalSeconds);
            json.WriteNumber("user_id", granted.Account.Self.Id);
            if (state is not null)
            {
                json.WriteString("state", state);
            }

            json.WriteString("scope", token.Scope);
        }).ConfigureAwait(false);
    }

    /// <summary><c>oauth2/logout</c> and <c>oauth2/revoke</c>: the access token stops working, and its refresh token with it.</summary>
    public async Task LogoutAsync(HttpContext context)
    {
        var p = await RequestParameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (world.Token(p["access_token"]) is not { Revoked: false } token)
        {
            await WriteJsonAsync(context, 400, "invalid_token", "the access token is invalid", p["state"]).ConfigureAwait(false);
            return;
        }

        token.Revoked = true;
        lock (_sync)
        {
            foreach (var key in _refreshTokens.Where(pair => pair.Value.Access == token).Select(pair => pair.Key).ToList())
            {
                _refreshTokens.Remove(key);
            }
        }

        await WriteAsync(context, 200, json => json.WriteNumber("response", 1)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>oauth2/user_info</c>: who the access token's user is (VK ID's <c>{"user": {"user_id", "first_name", "last_name", …}}</c>;
    /// id.vk.ru's FAQ "how to get information about the user", VK ID SDK's <c>Auth.userInfo</c>).
    /// </summary>
    public async Task UserInfoAsync(HttpContext context)
    {
        var p = await RequestParameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (world.Token(p["access_token"]) is not { Revoked: false } token || token.ExpiresAt <= world.Time.GetUtcNow())
        {
            await WriteJsonAsync(context, 401, "invalid_token", "the access token is invalid or expired", p["state"]).ConfigureAwait(false);
            return;
        }

        var user = token.Account.Self;
        await WriteAsync(context, 200, json =>
        {
            json.WriteStartObject("user");
            json.WriteString("user_id", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("first_name", user.FirstName);
            json.WriteString("last_name", user.LastName);
            json.WriteNumber("sex", user.Sex);
            json.WriteString("avatar", user.Photo(200));
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private Grant ExchangeCode(RequestParameters p)
    {
        PendingCode? pending;
        lock (_sync)
        {
            // A code works once, whatever happens next.
            if (p["code"] is not { } code || !_codes.Remove(code, out pending))
            {
                return Grant.Invalid("invalid_grant", "Code is invalid or expired.");
            }
        }

        var verifier = p["code_verifier"];
        var problem = pending.ExpiresAt <= world.Time.GetUtcNow() ? Grant.Invalid("invalid_grant", "Code is invalid or expired.")
            : verifier is null || verifier.Length is < 43 or > 128 || !verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
                ? Grant.Invalid("invalid_request", "code_verifier is required: 43–128 characters of A-Z a-z 0-9 - _ . ~")
            : Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != pending.Challenge ? Grant.Invalid("invalid_grant", "code_verifier does not match code_challenge")
            : p["redirect_uri"] != pending.RedirectUri ? Grant.Invalid("invalid_grant", "redirect_uri does not match the one of the authorization")
            : p["device_id"] != pending.Device ? Grant.Invalid("invalid_grant", "device_id does not match the one of the authorization")
            : null;
        if (problem is not null)
        {
            return problem;
        }

        lock (_sync)
        {
            Issued++;
        }

        return new Grant(pending.Account, pending.Device, null, null);
    }

    private Grant Refresh(RequestParameters p)
    {
        lock (_sync)
        {
            // Refresh tokens rotate: each works once (VK's SDK always keeps the new one; the strictest reading).
            if (p["refresh_token"] is not { } refresh || !_refreshTokens.Remove(refresh, out var grant))
            {
                return Grant.Invalid("invalid_grant", "Refresh token is invalid or expired.");
            }

            if (p["device_id"] != grant.Device)
            {
                return Grant.Invalid("invalid_grant", "device_id does not match the one the token was issued to");
            }

            Refreshed++;
            return new Grant(grant.Account, grant.Device, null, null);
        }
    }

    /// <summary>The app's trusted redirect URLs: loopback addresses, any port (what a desktop tool registers).</summary>
    private static bool IsTrustedRedirect(string redirect) =>
        Uri.TryCreate(redirect, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.IsLoopback;

    private static string Append(string uri, string query) => uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;

    private string Random(int bytes)
    {
        var buffer = new byte[bytes];
        lock (_sync)
        {
            _random.NextBytes(buffer);
        }

        return Base64Url(buffer);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Task WriteJsonAsync(HttpContext context, int status, string error, string description, string? state) =>
        WriteAsync(context, status, json =>
        {
            json.WriteString("error", error);
            json.WriteString("error_description", description);
            if (state is not null)
            {
                json.WriteString("state", state);
            }
        });

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Wire.JsonOptions.Writer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed record Grant(Account? Account, string Device, string? ErrorKind, string? Error)
    {
        public static Grant Invalid(string kind, string error) => new(null, string.Empty, kind, error);
    }

    private sealed record PendingCode(Account Account, string ClientId, string RedirectUri, string Challenge, string Device, DateTimeOffset ExpiresAt);

    private sealed record RefreshGrant(Account Account, string Device, IssuedToken Access);
}

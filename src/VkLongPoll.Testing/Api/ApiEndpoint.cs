using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VkLongPoll.Testing.Hosting;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Api;

/// <summary><c>/method/{name}</c>: the few VK API methods a Long Poll client needs, with VK's envelope and errors.</summary>
internal sealed partial class ApiEndpoint(World world)
{
    private readonly RateLimiter _limiter = new(world.Time, world.Options.ApiCallsPerSecond);

    /// <summary>A community token's own limit: VK allows it 20 calls a second, a user token 3 (docs/real-vk.md).</summary>
    private readonly RateLimiter _communityLimiter = new(world.Time, world.Options.CommunityApiCallsPerSecond);

    /// <summary>Errors and captchas injected through the control API or <see cref="VkEmulator"/>.</summary>
    public ApiFaults Faults { get; } = new(new Random(world.Options.Seed ^ 0x14));

    /// <summary>Stalled paging and truncated history, injected through the control API.</summary>
    public HistoryFaults HistoryFaults { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>API calls answered so far, by method (the tests measure how few lookups the feed makes).</summary>
    public IReadOnlyDictionary<string, int> Calls => new Dictionary<string, int>(_calls, StringComparer.Ordinal);

    /// <summary>The <c>User-Agent</c> of the last API call (VK requires none; the tests check what clients send).</summary>
    public string? LastUserAgent { get; private set; }

    public async Task HandleAsync(HttpContext context, string method)
    {
        var parameters = await RequestParameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        LastUserAgent = context.Request.Headers.UserAgent.ToString();
        // users.get asking for last_seen is a presence look, counted apart from name lookups.
        var counted = method == "users.get" && (parameters["fields"] ?? string.Empty).Contains("last_seen", StringComparison.Ordinal) ? "users.get (last_seen)" : method;
        _calls.AddOrUpdate(counted, 1, (_, n) => n + 1);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, Wire.JsonOptions.Writer))
        {
            json.WriteStartObject();
            try
            {
                Answer(json, method, parameters, context.Request);
            }
            catch (Exception e) when (e is ApiError or EmulatorRequestException)
            {
                json.Reset(buffer);
                buffer.Clear();
                json.WriteStartObject();
                WriteError(json, e as ApiError ?? new ApiError(100, e.Message), method, parameters);
            }

            json.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes <c>"response": …</c> for the token's account or community, or throws the API error.</summary>
    private void Answer(Utf8JsonWriter json, string method, RequestParameters parameters, HttpRequest request)
    {
        var tokenValue = parameters["access_token"] ?? Bearer(request);
        if (world.CommunityByToken(tokenValue) is { } community)
        {
            // A community token acts as the group: its own methods, its own dialogs (ApiEndpoint.Community.cs).
            AnswerCommunity(json, method, parameters, community);
            return;
        }

        var token = Authenticate(tokenValue);
        var account = token.Account;
        if (!_limiter.TryAcquire(account.Token))
        {
            throw new ApiError(6, "Too many requests per second");
        }

        if (Faults.Check(account, method, parameters, world.BaseUri) is { } injected)
        {
            throw injected;
        }

        // VK gives messages.* only to tokens with the messages right (Standalone apps' user tokens usually lack it).
        if (method.StartsWith("messages.", StringComparison.Ordinal) && !token.MessagesAccess)
        {
            throw new ApiError(15, "Access denied: no access to call this method");
        }

        json.WritePropertyName("response");
        lock (account.Sync)
        {
            Dispatch(json, method, parameters, account);
        }
    }

    private void Dispatch(Utf8JsonWriter json, string method, RequestParameters p, Account account)
    {
        switch (method)
        {
            case "messages.getLongPollServer": GetLongPollServer(json, p, account); break;
            case "messages.getLongPollHistory": GetLongPollHistory(json, p, account); break;
            case "users.get": UsersGet(json, p, account); break;
            case "messages.getConversationsById": GetConversationsById(json, p, account); break;
            case "messages.getChat": GetChat(json, p, account); break;
            case "messages.getById": GetById(json, p, account); break;
            case "friends.getOnline": FriendsGetOnline(json, p, account); break;
            case "friends.get": FriendsGet(json, p, account); break;
            case "photos.getById": PhotosGetById(json, p); break;
            case "docs.getById": DocsGetById(json, p); break;
            case "groups.getById": GroupsGetById(json, p, null); break;
            case ['g', 'r', 'o', 'u', 'p', 's', '.', ..]: Groups(json, method, p, UserManaged(p, account)); break;
            default: throw new ApiError(3, "Unknown method passed");
        }
    }

    private static void GetLongPollServer(Utf8JsonWriter json, RequestParameters p, Account account)
    {
        if (p.Int64("group_id", 0) is null || p.Int64("lp_version", 0) is null)
        {
            throw ApiError.BadParameter("group_id/lp_version", "must be integers");
        }

        json.WriteStartObject();
        json.WriteString("key", account.IssueKey());
        json.WriteString("server", account.Server);
        json.WriteNumber("ts", account.Log.Ts);
        if (p.Flag("need_pts"))
        {
            json.WriteNumber("pts", account.Log.Pts);
        }

        json.WriteEndObject();
    }

    /// <summary>The token, as VK checks it: unknown, revoked and expired tokens are error 5 with VK's own words for each.</summary>
    private IssuedToken Authenticate(string? value)
    {
        var token = world.Token(value) ?? throw new ApiError(5, "User authorization failed: invalid access_token (4).");
        if (token.Revoked)
        {
            throw new ApiError(5, "User authorization failed: user revoke access for this token.");
        }

        if (token.ExpiresAt is { } expires && world.Time.GetUtcNow() >= expires)
        {
            throw new ApiError(5, "User authorization failed: access_token has expired.");
        }

        return token;
    }

    /// <summary>VK also takes the token as <c>Authorization: Bearer</c>.</summary>
    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;

    /// <summary>VK echoes the parameters, except that the token is never written back.</summary>
    private void WriteError(Utf8JsonWriter json, ApiError error, string method, RequestParameters p)
    {
        json.WriteStartObject("error");
        json.WriteNumber("error_code", error.Code);
        json.WriteString("error_msg", error.Message);
        json.WriteStartArray("request_params");
        json.WriteStartObject();
        json.WriteString("key", "method");
        json.WriteString("value", method);
        json.WriteEndObject();
        foreach (var (key, value) in p.All)
        {
            if (key is "access_token")
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("key", key);
            json.WriteString("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (error.Captcha is { } captcha)
        {
            if (!captcha.Legacy)
            {
                json.WriteString("redirect_uri", captcha.RedirectUri);
            }

            json.WriteString("captcha_sid", captcha.Sid);
            json.WriteString("captcha_img", captcha.ImageUrl);
            if (!captcha.Legacy)
            {
                json.WriteBoolean("is_refresh_enabled", true);
                json.WriteNumber("captcha_ts", world.Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
                json.WriteNumber("captcha_attempt", captcha.Attempts);
                json.WriteNumber("remixstlid", captcha.Remixstlid);
            }
        }

        if (error.Code == 17)
        {
            json.WriteString("redirect_uri", error.RedirectUri ?? world.BaseUri + "login?act=security_check&api_hash=0a1b2c3d4e5f");
        }

        json.WriteEndObject();
    }
}

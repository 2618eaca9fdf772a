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
    private readonly Queue<int> _injectedErrors = new();

    /// <summary>The next <paramref name="count"/> API calls fail with <paramref name="errorCode"/> (e.g. 14, captcha).</summary>
    public void InjectError(int errorCode, int count)
    {
        lock (_injectedErrors)
        {
            for (var i = 0; i < count; i++)
            {
                _injectedErrors.Enqueue(errorCode);
            }
        }
    }

    public async Task HandleAsync(HttpContext context, string method)
    {
        var parameters = await RequestParameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, Wire.JsonOptions.Writer))
        {
            json.WriteStartObject();
            try
            {
                var account = world.ByToken(parameters["access_token"]) ?? throw new ApiError(5, "User authorization failed: invalid access_token (4).");
                if (!_limiter.TryAcquire(account.Token))
                {
                    throw new ApiError(6, "Too many requests per second");
                }

                if (NextInjectedError() is { } injected)
                {
                    throw new ApiError(injected, injected == 14 ? "Captcha needed" : "Injected error");
                }

                json.WritePropertyName("response");
                lock (account.Sync)
                {
                    Dispatch(json, method, parameters, account);
                }
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
            case "photos.getById": PhotosGetById(json, p); break;
            case "docs.getById": DocsGetById(json, p); break;
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

    private int? NextInjectedError()
    {
        lock (_injectedErrors)
        {
            return _injectedErrors.Count > 0 ? _injectedErrors.Dequeue() : null;
        }
    }

    /// <summary>VK echoes the parameters, except that the token is never written back.</summary>
    private static void WriteError(Utf8JsonWriter json, ApiError error, string method, RequestParameters p)
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
        if (error.Code == 14)
        {
            json.WriteString("captcha_sid", "239633676097");
            json.WriteString("captcha_img", "https://vk.example/captcha.php?sid=239633676097&s=1");
        }

        json.WriteEndObject();
    }
}

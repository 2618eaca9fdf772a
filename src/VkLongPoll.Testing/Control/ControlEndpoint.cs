using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VkLongPoll.Testing.Api;
using VkLongPoll.Testing.Model;
using VkLongPoll.Testing.Scenario;

namespace VkLongPoll.Testing.Control;

/// <summary><c>/_emulator/…</c>: look at the world, make things happen in it, inject faults. Documented in docs/emulator.md.</summary>
internal sealed partial class ControlEndpoint(World world, FaultInjector faults, ApiEndpoint api, VkId.VkIdEndpoint vkId, ScenarioRunner scenarios)
{
    /// <summary>Bots Long Poll's own fault injector (<c>community_faults</c>).</summary>
    public required FaultInjector BotsFaults { get; init; }

    public async Task HandleAsync(HttpContext context, string action)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        var status = StatusCodes.Status200OK;
        using (var json = new Utf8JsonWriter(buffer, Wire.JsonOptions.Writer))
        {
            try
            {
                var request = HttpMethods.IsPost(context.Request.Method) ? await ReadBodyAsync(context).ConfigureAwait(false) : new ControlRequest();
                if (context.Request.Query["token"].ToString() is { Length: > 0 } token)
                {
                    request.Token ??= token;
                }

                var account = request.Token is null ? world.Accounts[0] : world.ByToken(request.Token) ?? throw new EmulatorRequestException("unknown token");
                await DispatchAsync(json, action, request, account, context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is EmulatorRequestException or JsonException or ArgumentException or KeyNotFoundException)
            {
                status = StatusCodes.Status400BadRequest;
                json.Reset(buffer);
                buffer.Clear();
                json.WriteStartObject();
                json.WriteString("error", e is JsonException ? "the body is not valid JSON: " + e.Message : e.Message);
                json.WriteEndObject();
            }
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<ControlRequest> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength == 0)
        {
            return new ControlRequest();
        }

        return await JsonSerializer.DeserializeAsync(context.Request.Body, ControlJsonContext.Default.ControlRequest, context.RequestAborted).ConfigureAwait(false)
            ?? new ControlRequest();
    }

    private async Task DispatchAsync(Utf8JsonWriter json, string action, ControlRequest r, Account account, HttpContext context)
    {
        switch (action)
        {
            case "state": WriteState(json); return;
            case ['c', 'o', 'm', 'm', 'u', 'n', 'i', 't', 'y', '_', ..]: Community(json, action, r, context.Request.Query); return;
            case "journal": WriteJournal(json, account, context.Request.Query); return;
            case "faults": SetFaults(json, r); return;
            case "api_faults":
                api.Faults.Inject(r.ErrorCode ?? 14, r.Count ?? 1, r.Method, r.Legacy);
                WriteOk(json);
                return;
            case "token":
                var issued = world.IssueToken(account, r.Messages ?? true, r.LifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
                json.WriteStartObject();
                json.WriteString("token", issued.Value);
                json.WriteBoolean("messages", issued.MessagesAccess);
                if (issued.ExpiresAt is { } expires)
                {
                    json.WriteNumber("expires_at", expires.ToUnixTimeSeconds());
                }

                json.WriteEndObject();
                return;
            case "expire_tokens":
                json.WriteStartObject();
                json.WriteNumber("expired", world.ExpireTokens(account));
                json.WriteEndObject();
                return;
            case "history_faults":
                if (r.Fault is "stalled_more")
                {
                    api.HistoryFaults.Stall(r.Count ?? 1);
                }
                else if (r.Fault is "truncated")
                {
                    api.HistoryFaults.Truncate(r.Count ?? 1);
                }
                else
                {
                    throw new EmulatorRequestException("history_faults: fault must be stalled_more or truncated");
                }

                WriteOk(json);
                return;
            case "vkid_faults":
                vkId.FailNext(r.Count ?? 1, r.Status ?? 502);
                WriteOk(json);
                return;
            case "vkid":
                json.WriteStartObject();
                json.WriteNumber("issued", vkId.Issued);
                json.WriteNumber("refreshed", vkId.Refreshed);
                json.WriteEndObject();
                return;
            case "scenario":
                await scenarios.StartAsync(account, r.Seed ?? world.Options.Seed, r.Events ?? 100, r.Rate ?? 0, context.RequestAborted).ConfigureAwait(false);
                json.WriteStartObject();
                json.WriteBoolean("started", true);
                json.WriteNumber("emitted", scenarios.Emitted);
                json.WriteEndObject();
                return;
            default:
                var logged = Act(action, r, account);
                json.WriteStartObject();
                if (logged.Message is { } message)
                {
                    json.WriteNumber("message_id", message.Id);
                    json.WriteNumber("conversation_message_id", message.ConversationMessageId);
                    if (logged.ChatId is null)
                    {
                        json.WriteNumber("peer_id", message.PeerId); // docs/emulator.md promises it with every message
                    }
                }

                if (logged.ChatId is { } chatId)
                {
                    json.WriteNumber("chat_id", chatId);
                    json.WriteNumber("peer_id", 2_000_000_000 + chatId);
                }

                lock (account.Sync)
                {
                    json.WriteNumber("ts", account.Log.Ts);
                    json.WriteNumber("pts", account.Log.Pts);
                }

                json.WriteEndObject();
                return;
        }
    }

    private void SetFaults(Utf8JsonWriter json, ControlRequest r)
    {
        if (r.Fault is "none")
        {
            faults.Clear();
        }
        else if (r.Fault is { } name)
        {
            faults.Enqueue(ParseFault(name), r.Count ?? 1);
        }
        else if (r.Rate is { } rate)
        {
            faults.SetRandom(rate, r.Seed ?? world.Options.Seed, r.Kinds?.Select(ParseFault).ToList());
        }
        else
        {
            throw new EmulatorRequestException("give \"fault\" (and \"count\"), or \"rate\" (with \"seed\" and \"kinds\")");
        }

        WriteOk(json);
    }

    internal static FaultKind ParseFault(string name) =>
        FaultInjector.Names.TryGetValue(name, out var kind)
            ? kind
            : throw new EmulatorRequestException($"unknown fault '{name}'; known: {string.Join(", ", FaultInjector.Names.Keys)}");

    private static void WriteOk(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteBoolean("ok", true);
        json.WriteEndObject();
    }
}

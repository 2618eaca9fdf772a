using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VkLongPoll.Community;

namespace VkLongPoll.Callback;

/// <summary>
/// One POST of VK's Callback API: the confirmation handshake, the secret, and the event recorded in the inbox before
/// <c>ok</c> — so a crash before the record means VK retries, a retry of a recorded event is answered at once, and a slow
/// handler (it runs later, from the inbox) never makes VK wait.
/// </summary>
internal sealed partial class CallbackReceiver
{
    private readonly VkCallbackOptions _options;
    private readonly ICallbackInbox _inbox;
    private readonly Dictionary<long, VkCallbackCommunity> _communities;
    private readonly ILogger _logger;

    public CallbackReceiver(VkCallbackOptions options, ILogger logger)
    {
        _options = options;
        _inbox = options.Inbox!;
        _communities = options.Communities.ToDictionary(c => c.GroupId);
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await AnswerAsync(context, StatusCodes.Status413PayloadTooLarge, "too large").ConfigureAwait(false);
            return;
        }

        if (Envelope.Read(body) is not { } envelope)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, "not a VK Callback API event").ConfigureAwait(false);
            return;
        }

        if (!_communities.TryGetValue(envelope.GroupId, out var community))
        {
            UnknownGroup(_logger, envelope.GroupId);
            await AnswerAsync(context, StatusCodes.Status403Forbidden, "unknown community").ConfigureAwait(false);
            return;
        }

        if (!SecretMatches(community.Secret, envelope.Secret, required: envelope.Type != "confirmation"))
        {
            // What a stranger sent is logged short and inert: the type VK would use is a word of letters and underscores.
            WrongSecret(_logger, envelope.GroupId, envelope.Type.Length <= 40 && envelope.Type.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? envelope.Type : "(not a type)");
            await AnswerAsync(context, StatusCodes.Status403Forbidden, "wrong secret").ConfigureAwait(false);
            return;
        }

        if (envelope.Type == "confirmation")
        {
            await AnswerAsync(context, StatusCodes.Status200OK, community.ConfirmationCode).ConfigureAwait(false);
            return;
        }

        InboxRecordResult recorded;
        try
        {
            recorded = await _inbox.RecordAsync(envelope.GroupId, envelope.EventId, Envelope.WithoutSecret(body), context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not recorded: VK must send it again, so it is not told ok.
            RecordFailed(_logger, e, envelope.GroupId);
            await AnswerAsync(context, StatusCodes.Status500InternalServerError, "not recorded").ConfigureAwait(false);
            return;
        }

        if (recorded == InboxRecordResult.Full)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(_options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await AnswerAsync(context, StatusCodes.Status503ServiceUnavailable, "inbox full").ConfigureAwait(false);
            return;
        }

        await AnswerAsync(context, StatusCodes.Status200OK, "ok").ConfigureAwait(false);
    }

    /// <summary>
    /// The secret compared in constant time (a timing difference would tell an attacker how much of a guess is right). A
    /// community without a secret takes any; a confirmation may come without one.
    /// </summary>
    private static bool SecretMatches(string? expected, string? given, bool required)
    {
        if (expected is null)
        {
            return true;
        }

        if (given is null)
        {
            return !required;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(given)));
    }

    /// <summary>The body, at most <see cref="VkCallbackOptions.MaxBodyBytes"/>; null when it is larger.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _options.MaxBodyBytes)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > _options.MaxBodyBytes)
            {
                return null;
            }
        }
    }

    private static Task AnswerAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    [LoggerMessage(1, LogLevel.Warning, "VK Callback: a POST for community {GroupId}, which this endpoint does not serve, was refused")]
    private static partial void UnknownGroup(ILogger logger, long groupId);

    [LoggerMessage(2, LogLevel.Warning, "VK Callback: a POST for community {GroupId} ({Type}) had a wrong secret and was refused")]
    private static partial void WrongSecret(ILogger logger, long groupId, string type);

    [LoggerMessage(3, LogLevel.Error, "VK Callback: an event of community {GroupId} could not be recorded; VK is told to send it again")]
    private static partial void RecordFailed(ILogger logger, Exception exception, long groupId);

    /// <summary>What the endpoint needs of a POST before it records the body.</summary>
    private sealed record Envelope(string Type, long GroupId, string EventId, string? Secret)
    {
        /// <summary>Forwarded messages nest deep: as deep as the event reader takes.</summary>
        private static readonly JsonDocumentOptions Depth = new() { MaxDepth = 256 };

        public static Envelope? Read(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body, Depth);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("group_id", out var group) || !group.TryGetInt64(out var groupId))
                {
                    return null;
                }

                var eventId = root.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty;
                var secret = root.TryGetProperty("secret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                return new Envelope(type.GetString()!, groupId, eventId, secret);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Not JSON, or a string that is not text (a lone surrogate): not an event, whoever sent it.
                return null;
            }
        }

        /// <summary>The body as it is recorded: every field but the secret, which has done its work and is kept nowhere.</summary>
        public static string WithoutSecret(byte[] body)
        {
            using var document = JsonDocument.Parse(body, Depth);
            var buffer = new ArrayBufferWriter<byte>(body.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Name != "secret")
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}

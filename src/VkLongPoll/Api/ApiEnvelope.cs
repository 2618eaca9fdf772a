using System.Text.Json;

namespace VkLongPoll;

/// <summary>Reads VK's <c>{"response": …}</c> / <c>{"error": …}</c> envelope without building a DOM.</summary>
internal static class ApiEnvelope
{
    public readonly record struct Error(int Code, string Message, VkCaptcha? Captcha, string? RedirectUri);

    /// <summary>The error of an error answer; null for a <c>response</c> answer.</summary>
    /// <exception cref="LongPollProtocolException">The body is not a VK API answer.</exception>
    public static Error? ReadError(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new LongPollProtocolException("a VK API answer must be a JSON object", 0);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                if (isError && reader.TokenType == JsonTokenType.StartObject)
                {
                    return ReadErrorObject(ref reader);
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException e)
        {
            throw LongPollProtocolException.FromJson(e, body);
        }
    }

    /// <summary>The <c>response</c> object of <c>messages.getLongPollServer</c>.</summary>
    /// <summary>A <c>{"response": N}</c> answer's number (<c>messages.send</c>'s message id).</summary>
    /// <exception cref="LongPollProtocolException">The answer has no number as its response.</exception>
    public static long ReadNumber(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("response"u8))
            {
                reader.Read();
                if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String)
                {
                    return ReadNumber(ref reader);
                }

                break;
            }
        }

        throw new LongPollProtocolException("the answer's response is not a number", 0);
    }

    public static LongPollServer ReadLongPollServer(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        string? server = null, key = null;
        long? ts = null, pts = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 2)
            {
                continue;
            }

            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "server": server = reader.GetString(); break;
                case "key": key = reader.GetString(); break;
                case "ts": ts = ReadNumber(ref reader); break;
                case "pts": pts = ReadNumber(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return server is null || key is null || ts is null
            ? throw new LongPollProtocolException("messages.getLongPollServer answered without server, key or ts", 0)
            : new LongPollServer(server, key, ts.Value, pts);
    }

    private static long ReadNumber(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : reader.GetInt64();

    private static Error ReadErrorObject(ref Utf8JsonReader reader)
    {
        int code = 0;
        int? attempt = null;
        string message = string.Empty;
        string? sid = null, image = null, redirect = null, remixstlid = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "error_code" when reader.TokenType == JsonTokenType.Number: code = reader.GetInt32(); break;
                case "error_msg" when reader.TokenType == JsonTokenType.String: message = reader.GetString()!; break;
                case "captcha_sid": sid = reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                case "captcha_img" when reader.TokenType == JsonTokenType.String: image = reader.GetString(); break;
                case "redirect_uri" when reader.TokenType == JsonTokenType.String: redirect = reader.GetString(); break;
                case "remixstlid" when reader.TokenType is JsonTokenType.String or JsonTokenType.Number: remixstlid = reader.TokenType == JsonTokenType.String ? reader.GetString() : System.Text.Encoding.UTF8.GetString(reader.ValueSpan); break;
                case "captcha_attempt" when reader.TokenType == JsonTokenType.Number: attempt = reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }

        var captcha = code == 14 && (sid is not null || redirect is not null) ? new VkCaptcha(sid, image, redirect) { Remixstlid = remixstlid, Attempt = attempt } : null;
        return new Error(code, message, captcha, redirect);
    }
}

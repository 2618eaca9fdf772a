using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VkLongPoll.Api.Objects;

namespace VkLongPoll;

// The generated typed methods (Messages, Users, … in VkApiClient.Methods.g.cs) call VK through this (the class is documented in VkApiClient.cs).
public sealed partial class VkApiClient
{
    /// <summary><see cref="CallAsync"/>, then VK's <c>response</c> read as <typeparamref name="T"/> with the generated serializer context (<see cref="VkJson"/>).</summary>
    internal async Task<T> InvokeAsync<T>(string method, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var body = await CallAsync(method, form, cancellationToken).ConfigureAwait(false);
        return ReadResponse(body, VkJson.Info<T>(), method);
    }

    /// <summary>The <c>response</c> member of an answer that is not an error (<see cref="CallAsync"/> has thrown for those).</summary>
    /// <exception cref="JsonException">The answer has no <c>response</c>, or is itself of another kind than the schema's (the message names the method and the path).</exception>
    internal static T ReadResponse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type, string method)
    {
        var reader = new Utf8JsonReader(body);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("response"u8))
                {
                    reader.Read();
                    try
                    {
                        return JsonSerializer.Deserialize(ref reader, type) ?? throw new JsonException($"{method}: VK's response is null");
                    }
                    catch (JsonException e) when (e.Path is not null)
                    {
                        // What even the lenient reading cannot take (the answer itself of another kind): say which method.
                        throw new JsonException($"{method}: {e.Message}", e.Path, e.LineNumber, e.BytePositionInLine, e);
                    }
                }

                reader.Skip();
            }
        }

        throw new JsonException($"{method}: VK's answer has no response");
    }
}

using System.Text.Json;

namespace VkLongPoll.Cli.Commands;

/// <summary>What a top-level JSON value given to <c>vklp decode</c> is.</summary>
internal enum DocumentShape
{
    Unknown,
    Response,
    Update,
    UpdateList,
    History,
    ApiError,
}

/// <summary>Tells the shapes apart by their first keys or elements, without decoding them.</summary>
internal static class DocumentShapes
{
    public static DocumentShape Classify(ReadOnlySpan<byte> json, JsonTokenType kind)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (kind == JsonTokenType.StartArray)
        {
            // [4, …] is one update; [[4, …], …] or [] a list of them.
            if (!reader.Read() || reader.TokenType is JsonTokenType.EndArray or JsonTokenType.StartArray)
            {
                return DocumentShape.UpdateList;
            }

            return DocumentShape.Update;
        }

        if (kind != JsonTokenType.StartObject)
        {
            return DocumentShape.Unknown;
        }

        bool answer = false, history = false, error = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            answer |= reader.ValueTextEquals("updates"u8) || reader.ValueTextEquals("failed"u8) || reader.ValueTextEquals("ts"u8);
            history |= reader.ValueTextEquals("response"u8) || reader.ValueTextEquals("history"u8);
            error |= reader.ValueTextEquals("error"u8);
            reader.Read();
            reader.Skip();
        }

        // a_check failures may carry an "error" text too; only an object without a_check keys is an API error.
        return answer ? DocumentShape.Response
            : history ? DocumentShape.History
            : error ? DocumentShape.ApiError
            : DocumentShape.Unknown;
    }
}

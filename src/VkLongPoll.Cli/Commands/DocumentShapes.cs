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

        // The first key that says what the value is decides, so an a_check answer ({"ts":…} or {"failed":…}) costs a few
        // bytes here, not a pass over its updates. a_check failures may carry an "error" text too: only an object
        // without a_check or history keys is an API error.
        var error = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("updates"u8) || reader.ValueTextEquals("failed"u8) || reader.ValueTextEquals("ts"u8))
            {
                return DocumentShape.Response;
            }

            if (reader.ValueTextEquals("response"u8) || reader.ValueTextEquals("history"u8))
            {
                return DocumentShape.History;
            }

            error |= reader.ValueTextEquals("error"u8);
            reader.Read();
            reader.Skip();
        }

        return error ? DocumentShape.ApiError : DocumentShape.Unknown;
    }
}

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

        var shape = DocumentShape.Unknown;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("error"u8))
            {
                return DocumentShape.ApiError;
            }

            if (reader.ValueTextEquals("response"u8) || reader.ValueTextEquals("history"u8))
            {
                shape = DocumentShape.History;
            }
            else if (reader.ValueTextEquals("updates"u8) || reader.ValueTextEquals("failed"u8) || reader.ValueTextEquals("ts"u8))
            {
                shape = shape == DocumentShape.Unknown ? DocumentShape.Response : shape;
            }

            reader.Read();
            reader.Skip();
        }

        return shape;
    }
}

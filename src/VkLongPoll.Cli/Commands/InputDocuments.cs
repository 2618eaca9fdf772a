using System.Text.Json;

namespace VkLongPoll.Cli.Commands;

/// <summary>Splits input into top-level JSON values: one pretty-printed document, or one per line (NDJSON).</summary>
internal static class InputDocuments
{
    /// <summary>One value's place in the input.</summary>
    public readonly record struct Document(int Start, int Length, JsonTokenType Kind);

    /// <summary>Finds the next value from <paramref name="position"/>; null at the end of the input.</summary>
    /// <exception cref="JsonException">The input is not valid JSON; its position is relative to <paramref name="position"/>.</exception>
    public static Document? Next(ReadOnlySpan<byte> input, int position)
    {
        var rest = input[position..];
        var reader = new Utf8JsonReader(rest, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read())
        {
            return null;
        }

        var start = (int)reader.TokenStartIndex;
        var kind = reader.TokenType;
        reader.Skip();
        return new Document(position + start, (int)reader.BytesConsumed - start, kind);
    }

    /// <summary>1-based line and column of a byte offset, for error messages.</summary>
    public static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> input, long offset)
    {
        var end = (int)Math.Clamp(offset, 0, input.Length);
        var before = input[..end];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line, end - lineStart + 1);
    }
}

using System.Text.Json;

namespace VkLongPoll;

/// <summary>Nested JSON given as text (a community event's raw <c>object</c>): validated, and kept on one safe line.</summary>
internal sealed partial class JsonLineBuffer
{
    /// <summary>
    /// A JSON value given as text, validated and written as a nested value: byte for byte when it has nothing a line cannot
    /// carry, otherwise re-encoded token by token (whitespace dropped, strings escaped as every other string of the line).
    /// </summary>
    /// <exception cref="JsonException">The text is not exactly one JSON value.</exception>
    public void Json(ReadOnlySpan<byte> name, string json)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        var validator = new Utf8JsonReader(utf8, NestedJson);
        while (validator.Read())
        {
            // Reading to the end is the validation: Utf8JsonReader throws on anything that is not one JSON value.
        }

        Name(name);
        BeforeValue();
        if (!NeedsEscaping(utf8))
        {
            Put(utf8);
            return;
        }

        // A newline between tokens, or U+2028, DEL, a C1 or bidi control inside a string: valid JSON, but not on one safe line.
        var reader = new Utf8JsonReader(utf8, NestedJson);
        var afterValue = false;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (afterValue && token is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
            {
                Put((byte)',');
            }

            switch (token)
            {
                case JsonTokenType.StartObject: Put((byte)'{'); break;
                case JsonTokenType.StartArray: Put((byte)'['); break;
                case JsonTokenType.EndObject: Put((byte)'}'); break;
                case JsonTokenType.EndArray: Put((byte)']'); break;
                case JsonTokenType.PropertyName:
                    NestedString(ref reader);
                    Put((byte)':');
                    break;
                case JsonTokenType.String: NestedString(ref reader); break;
                default: Put(reader.ValueSpan); break; // numbers, true, false, null: ASCII as written
            }

            afterValue = token is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName);
        }
    }

    /// <summary>Nested JSON may be deep (forwarded messages nest up to 45 levels, two JSON levels each).</summary>
    private static readonly JsonReaderOptions NestedJson = new() { MaxDepth = 256 };

    /// <summary>Whether valid JSON text holds a byte that must not reach the line as it is (see <see cref="EscapedLength"/>).</summary>
    private static bool NeedsEscaping(ReadOnlySpan<byte> json)
    {
        var at = 0;
        while (true)
        {
            var found = json[at..].IndexOfAny(MaybeEscaped);
            if (found < 0)
            {
                return false;
            }

            at += found;
            // Quotes and backslashes are JSON's own syntax here: valid as they stand.
            if (json[at] is not ((byte)'"' or (byte)'\\') && EscapedLength(json[at..]) > 0)
            {
                return true;
            }

            at++;
        }
    }

    /// <summary>A string token of nested JSON, in quotes, with its own escapes kept and what a line cannot carry escaped.</summary>
    private void NestedString(ref Utf8JsonReader reader)
    {
        Put((byte)'"');
        var raw = reader.ValueSpan;
        while (!raw.IsEmpty)
        {
            var found = raw.IndexOfAny(MaybeEscaped);
            if (found < 0)
            {
                Put(raw);
                break;
            }

            Put(raw[..found]);
            raw = raw[found..];
            // A backslash starts one of the text's escapes and a quote can only follow one: both stay as they are.
            var length = raw[0] is (byte)'"' or (byte)'\\' ? 0 : EscapedLength(raw);
            if (length > 0)
            {
                Ensure(6);
                Escape(Decode(raw[..length]));
                raw = raw[length..];
            }
            else
            {
                Put(raw[0]);
                raw = raw[1..];
            }
        }

        Put((byte)'"');
    }
}

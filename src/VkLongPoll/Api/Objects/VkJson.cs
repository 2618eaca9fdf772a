using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VkLongPoll.Api.Objects;

/// <summary>
/// The options the typed client reads VK's answers with: <see cref="VkApiJsonContext"/> (source generated), and every
/// property whose type is a generated object or a list given a converter that takes a value of another kind — VK's empty
/// <c>[]</c> where an object was described, say — as null instead of failing the whole answer.
/// </summary>
internal static partial class VkJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/>.</summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(VkApiJsonContext.Default.Options)
        {
            TypeInfoResolver = VkApiJsonContext.Default.WithAddedModifier(MakeLenient),
        };
        options.MakeReadOnly();
        return options;
    }

    private static void MakeLenient(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (LenientConverters.TryGetValue(property.PropertyType, out var create))
            {
                property.CustomConverter = create();
            }
        }
    }
}

/// <summary>A generated object: anything but a JSON object (VK's <c>[]</c> for an empty one, a number, text) is skipped and reads as null.</summary>
internal sealed class VkObjectConverter<T> : JsonConverter<T>
    where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        return JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
}

/// <summary>A list: anything but a JSON array reads as null; in a list of objects, an element that is not an object is left out.</summary>
internal sealed class VkListConverter<T>(bool itemIsObject) : JsonConverter<IReadOnlyList<T>>
{
    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var item = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (itemIsObject && reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            list.Add(JsonSerializer.Deserialize(ref reader, item)!);
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        var item = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var element in value)
        {
            JsonSerializer.Serialize(writer, element, item);
        }

        writer.WriteEndArray();
    }
}

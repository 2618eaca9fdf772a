using System.Text.Json;

namespace VkLongPoll.ApiGenerator;

/// <summary>
/// Maps the schema's types to C# types, creating a class for every object (an <c>allOf</c> flattened into one class),
/// a C# enum for every named integer enum with names, and <see cref="CsType.Json"/> where the schema gives no single
/// shape (<c>oneOf</c>, a type union, an object without properties).
/// </summary>
internal sealed class TypeResolver
{
    private readonly SchemaSet _schema;
    private readonly Dictionary<string, string> _definitionNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CsType> _named = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);

    public TypeResolver(SchemaSet schema)
    {
        _schema = schema;

        // Every definition's name is taken first, so that an inline class never takes a definition's name.
        foreach (var file in schema.DefinitionFiles())
        {
            foreach (var (name, _) in schema.Definitions(file))
            {
                _definitionNames[file + "#" + name] = Naming.Unique(Naming.Pascal(name), _usedNames);
            }
        }
    }

    public SortedDictionary<string, ClassModel> Classes { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, EnumModel> Enums { get; } = new(StringComparer.Ordinal);

    /// <summary>The type of a named definition (<c>file#name</c>).</summary>
    public CsType Named(string key)
    {
        if (_named.TryGetValue(key, out var known))
        {
            return known;
        }

        var definition = _schema.Definition(key, out var file, out var name);
        var section = file[..file.IndexOf('/', StringComparison.Ordinal)];
        var typeName = _definitionNames[key];
        var description = Description(definition);

        if (name == "base_bool_int")
        {
            return _named[key] = CsType.Bool; // 0 or 1: read as a bool (the lenient reader takes numbers)
        }

        if (file.EndsWith("/responses.json", StringComparison.Ordinal))
        {
            // { "response": … }: the method's type is what "response" holds.
            var type = definition.TryGetProperty("properties", out var properties) && properties.TryGetProperty("response", out var response)
                ? Of(response, file, typeName, section, reserved: true)
                : CsType.Json;
            return _named[key] = type;
        }

        if (definition.TryGetProperty("enum", out var values))
        {
            return _named[key] = Enum(definition, values, typeName, section, description, key);
        }

        if (definition.TryGetProperty("oneOf", out _) || definition.TryGetProperty("anyOf", out _))
        {
            return _named[key] = CsType.Json;
        }

        if (definition.TryGetProperty("allOf", out _) || definition.TryGetProperty("properties", out _))
        {
            var type = new CsType(typeName, CsKind.Class);
            _named[key] = type; // before the properties: objects refer to themselves (a message's forwarded messages)
            Class(typeName, section, description, key, Flatten(definition, file));
            return type;
        }

        if (definition.TryGetProperty("$ref", out var alias))
        {
            return _named[key] = Named(SchemaSet.Key(alias.GetString()!, file));
        }

        return _named[key] = Of(definition, file, typeName, section, reserved: true);
    }

    /// <summary>The type of a schema fragment; an inline object becomes a class named <paramref name="inlineName"/>.</summary>
    public CsType Of(JsonElement schema, string file, string inlineName, string section, bool reserved = false)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Named(SchemaSet.Key(reference.GetString()!, file));
        }

        if (schema.TryGetProperty("oneOf", out _) || schema.TryGetProperty("anyOf", out _)
            || !schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return schema.TryGetProperty("allOf", out _) ? InlineClass(schema, file, inlineName, section, reserved) : CsType.Json;
        }

        switch (type.GetString())
        {
            case "integer":
                return CsType.Long;
            case "number":
                return CsType.Double;
            case "boolean":
                return CsType.Bool;
            case "string":
                return CsType.String;
            case "array":
                return CsType.ListOf(schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object
                    ? Of(items, file, inlineName + "Item", section)
                    : CsType.Json);
            case "object" when schema.TryGetProperty("properties", out _) || schema.TryGetProperty("allOf", out _):
                return InlineClass(schema, file, inlineName, section, reserved);
            default:
                return CsType.Json;
        }
    }

    private CsType InlineClass(JsonElement schema, string file, string inlineName, string section, bool reserved)
    {
        var name = reserved ? inlineName : Naming.Unique(inlineName, _usedNames);
        Class(name, section, Description(schema), file + "#" + name, Flatten(schema, file));
        return new CsType(name, CsKind.Class);
    }

    private void Class(string name, string section, string? description, string origin, List<(string Name, JsonElement Schema, string File)> properties)
    {
        var model = new ClassModel(name, section, description, origin);
        Classes.Add(name, model);
        var propertyNames = new HashSet<string>(StringComparer.Ordinal) { name };
        foreach (var (jsonName, schema, file) in properties)
        {
            var propertyName = Naming.Unique(Naming.Pascal(jsonName), propertyNames);
            var type = Of(schema, file, name + propertyName, section);
            model.Properties.Add(new PropertyModel(jsonName, propertyName, type, Description(schema)));
        }
    }

    /// <summary>The properties of an object with those of its <c>allOf</c> parts (a later one replaces an earlier one of its name).</summary>
    private List<(string Name, JsonElement Schema, string File)> Flatten(JsonElement schema, string file)
    {
        var result = new List<(string Name, JsonElement Schema, string File)>();
        void Add(string name, JsonElement value, string from)
        {
            var index = result.FindIndex(p => p.Name == name);
            if (index >= 0)
            {
                result[index] = (name, value, from);
            }
            else
            {
                result.Add((name, value, from));
            }
        }

        if (schema.TryGetProperty("allOf", out var parts))
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.TryGetProperty("$ref", out var reference))
                {
                    var key = SchemaSet.Key(reference.GetString()!, file);
                    var target = _schema.Definition(key, out var targetFile, out _);
                    foreach (var property in Flatten(target, targetFile))
                    {
                        Add(property.Name, property.Schema, property.File);
                    }
                }
                else
                {
                    foreach (var property in Flatten(part, file))
                    {
                        Add(property.Name, property.Schema, property.File);
                    }
                }
            }
        }

        if (schema.TryGetProperty("$ref", out var alias) && !schema.TryGetProperty("properties", out _))
        {
            var key = SchemaSet.Key(alias.GetString()!, file);
            var target = _schema.Definition(key, out var targetFile, out _);
            foreach (var property in Flatten(target, targetFile))
            {
                Add(property.Name, property.Schema, property.File);
            }
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                Add(property.Name, property.Value, file);
            }
        }

        return result;
    }

    private CsType Enum(JsonElement definition, JsonElement values, string typeName, string section, string? description, string origin)
    {
        var type = definition.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "integer" || !definition.TryGetProperty("enumNames", out var names))
        {
            return type == "integer" ? CsType.Long : CsType.String; // a string enum stays a string: an unknown value never fails a read
        }

        var model = new EnumModel(typeName, section, description, origin);
        var memberNames = new HashSet<string>(StringComparer.Ordinal) { typeName };
        var nameList = names.EnumerateArray().Select(n => n.GetString() ?? string.Empty).ToList();
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            var number = value.GetInt64();
            var raw = index < nameList.Count ? Naming.Pascal(nameList[index]) : string.Empty;
            var fallback = "Value" + (number < 0 ? "Minus" : string.Empty) + Math.Abs(number).ToString(System.Globalization.CultureInfo.InvariantCulture);
            // A name that begins with a digit ("16 plus") keeps its words after "Value": Value16Plus.
            var memberName = raw.Length == 0 ? fallback : raw.StartsWith('N') && raw.Length > 1 && char.IsAsciiDigit(raw[1]) ? "Value" + raw[1..] : raw;
            if (!memberNames.Add(memberName))
            {
                memberName = Naming.Unique(fallback, memberNames);
            }

            if (!model.Members.Exists(m => m.Value == number))
            {
                model.Members.Add((memberName, number));
            }

            index++;
        }

        Enums.Add(typeName, model);
        return new CsType(typeName, CsKind.Enum);
    }

    public static string? Description(JsonElement schema) =>
        schema.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
}

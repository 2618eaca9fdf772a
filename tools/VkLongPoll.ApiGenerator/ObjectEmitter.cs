using System.Globalization;

namespace VkLongPoll.ApiGenerator;

/// <summary>Writes the objects and responses (one file per schema section) and the serializer context.</summary>
internal static class ObjectEmitter
{
    public const string Folder = "src/VkLongPoll/Api/Objects/";

    public static void Emit(TypeResolver types, IReadOnlyList<MethodModel> methods, IDictionary<string, string> files)
    {
        var sections = types.Classes.Values.Select(c => c.Section).Concat(types.Enums.Values.Select(e => e.Section))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            var body = new CodeWriter();
            var first = true;
            foreach (var model in types.Enums.Values.Where(e => e.Section == section))
            {
                first = Separate(body, first);
                Enum(body, model);
            }

            foreach (var model in types.Classes.Values.Where(c => c.Section == section))
            {
                first = Separate(body, first);
                Class(body, model);
            }

            files[Folder + Naming.Pascal(section) + ".g.cs"] = Compose(body, "VkLongPoll.Api.Objects", "System.Text.Json.Serialization");
        }

        files[Folder + "VkApiJsonContext.g.cs"] = Context(types, methods);
        files[Folder + "VkJson.g.cs"] = LenientConverters(types);
    }

    /// <summary>The property name of a method's answer type in <c>VkApiJsonContext</c>.</summary>
    /// <remarks>The built-in types keep System.Text.Json's own names (its generator cannot rename them).</remarks>
    public static string RootName(CsType type) => type.Name switch
    {
        "long" => "Int64",
        "double" => "Double",
        "bool" => "Boolean",
        "string" => "String",
        "JsonElement" => "JsonElement",
        _ => "Root" + Naming.Pascal(type.Name.Replace("IReadOnlyList<", "ListOf", StringComparison.Ordinal)),
    };

    private static bool Separate(CodeWriter writer, bool first)
    {
        if (!first)
        {
            writer.Line();
        }

        return false;
    }

    public static string Compose(CodeWriter body, string ns, params string[] usings)
    {
        var text = body.ToString();
        var all = usings.ToList();
        if (text.Contains("JsonElement", StringComparison.Ordinal))
        {
            all.Add("System.Text.Json");
        }

        var file = new CodeWriter();
        file.Header();
        foreach (var u in all.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            file.Line("using " + u + ";");
        }

        if (all.Count > 0)
        {
            file.Line();
        }

        file.Line("namespace " + ns + ";").Line();
        return file + text;
    }

    private static void Class(CodeWriter writer, ClassModel model)
    {
        writer.Doc(Naming.Doc(model.Description) is { Length: > 0 } d ? d : "VK's <c>" + Origin(model.Origin) + "</c>.", "Schema: <c>" + model.Origin + "</c>.");
        writer.Open("public sealed class " + model.Name);
        var first = true;
        foreach (var property in model.Properties)
        {
            first = Separate(writer, first);
            writer.Doc(Naming.Doc(property.Description) is { Length: > 0 } d2 ? d2 : "VK's <c>" + Naming.Doc(property.JsonName) + "</c>.");
            writer.Line("[JsonPropertyName(" + Naming.Literal(property.JsonName) + ")]");
            writer.Line("public " + property.Type.Nullable + " " + property.Name + " { get; init; }");
        }

        writer.Close();
    }

    private static void Enum(CodeWriter writer, EnumModel model)
    {
        writer.Doc(Naming.Doc(model.Description) is { Length: > 0 } d ? d : "VK's <c>" + Origin(model.Origin) + "</c>.",
            "Schema: <c>" + model.Origin + "</c>. A value the schema does not name reads as that number.");
        writer.Line("[JsonConverter(typeof(VkEnumConverter<" + model.Name + ">))]");
        writer.Open("public enum " + model.Name);
        foreach (var (name, value) in model.Members)
        {
            writer.Doc("<c>" + value.ToString(CultureInfo.InvariantCulture) + "</c>.");
            writer.Line(name + " = " + value.ToString(CultureInfo.InvariantCulture) + ",");
        }

        writer.Close();
    }

    private static string Origin(string origin) => Naming.Doc(origin[(origin.IndexOf('#', StringComparison.Ordinal) + 1)..]);

    /// <summary>The converter of each object and list type a property has (VkJson.cs puts them on the properties).</summary>
    private static string LenientConverters(TypeResolver types)
    {
        var lists = types.Classes.Values.SelectMany(c => c.Properties).Select(p => p.Type.Name)
            .Where(n => n.StartsWith("IReadOnlyList<", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var body = new CodeWriter();
        body.Open("internal static partial class VkJson");
        body.Line("private static readonly Dictionary<Type, Func<JsonConverter>> LenientConverters = new()");
        body.Line("{");
        foreach (var name in types.Classes.Keys)
        {
            body.Line("    [typeof(" + name + ")] = () => new VkObjectConverter<" + name + ">(),");
        }

        foreach (var list in lists)
        {
            var item = list["IReadOnlyList<".Length..^1];
            body.Line("    [typeof(" + list + ")] = () => new VkListConverter<" + item + ">(" + (types.Classes.ContainsKey(item) ? "true" : "false") + "),");
        }

        body.Line("};");
        body.Close();
        return Compose(body, "VkLongPoll.Api.Objects", "System.Text.Json.Serialization");
    }

    private static string Context(TypeResolver types, IReadOnlyList<MethodModel> methods)
    {
        var roots = methods.SelectMany(m => m.Variants).Select(v => v.Type).DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var rootNames = roots.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var body = new CodeWriter();
        body.Doc(
            "System.Text.Json source generation for every generated object, response and enum.",
            "Names are VK's (snake_case, given per property); unknown fields are skipped; numbers and booleans are read leniently (see <c>VkJsonConverters</c>).");
        body.Line("[JsonSourceGenerationOptions(");
        body.Line("    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,");
        body.Line("    NumberHandling = JsonNumberHandling.AllowReadingFromString,");
        body.Line("    Converters = new[]");
        body.Line("    {");
        foreach (var converter in new[] { "VkInt64Converter", "VkNullableInt64Converter", "VkDoubleConverter", "VkNullableDoubleConverter", "VkBooleanConverter", "VkNullableBooleanConverter", "VkStringConverter" })
        {
            body.Line("        typeof(" + converter + "),");
        }

        body.Line("    })]");
        foreach (var root in roots)
        {
            var rootName = RootName(root);
            body.Line("[JsonSerializable(typeof(" + root.Name + ")" + (rootName.StartsWith("Root", StringComparison.Ordinal) ? ", TypeInfoPropertyName = " + Naming.Literal(rootName) : string.Empty) + ")]");
        }

        foreach (var name in types.Classes.Keys.Concat(types.Enums.Keys).Where(n => !rootNames.Contains(n)).Order(StringComparer.Ordinal))
        {
            body.Line("[JsonSerializable(typeof(" + name + "))]");
        }

        body.Line("internal sealed partial class VkApiJsonContext : JsonSerializerContext");
        body.Line("{");
        body.Line("}");
        return Compose(body, "VkLongPoll.Api.Objects", "System.Text.Json.Serialization");
    }
}

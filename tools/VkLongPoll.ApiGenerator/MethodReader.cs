using System.Text.Json;

namespace VkLongPoll.ApiGenerator;

/// <summary>Reads the methods of the generated sections: their parameters and the shapes they answer.</summary>
internal static class MethodReader
{
    public static List<MethodModel> Read(SchemaSet schema, TypeResolver types, IEnumerable<string> sections)
    {
        var methods = new List<MethodModel>();
        foreach (var section in sections)
        {
            var file = section + "/methods.json";
            foreach (var method in schema.Methods(section))
            {
                var vkName = method.GetProperty("name").GetString()!;
                var dot = vkName.IndexOf('.', StringComparison.Ordinal);
                var model = new MethodModel(vkName, section, Naming.Pascal(vkName[(dot + 1)..]), TypeResolver.Description(method));
                ReadParameters(model, method, file, types);
                ReadVariants(model, method, file, types);
                methods.Add(model);
            }
        }

        return methods;
    }

    private static void ReadParameters(MethodModel model, JsonElement method, string file, TypeResolver types)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { model.ParamsName, "WriteTo" };
        if (model.VkName == "execute")
        {
            // The schema lists no parameters for execute; VK takes the VKScript in "code".
            model.Parameters.Add(new ParameterModel("code", Naming.Unique("Code", names), CsType.String, ParameterForm.Text, true,
                "The VKScript to run: up to 25 API calls, whose result is what <c>return</c> gives."));
        }

        if (!method.TryGetProperty("parameters", out var parameters))
        {
            return;
        }

        foreach (var parameter in parameters.EnumerateArray())
        {
            var vkName = parameter.GetProperty("name").GetString()!;
            var (type, form) = Map(parameter, file, types);
            var required = parameter.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
            var description = TypeResolver.Description(parameter);
            if (parameter.TryGetProperty("enum", out var values) && form is ParameterForm.Text or ParameterForm.Int)
            {
                var list = string.Join(", ", values.EnumerateArray().Select(v => "<c>" + v.ToString() + "</c>"));
                var text = description?.TrimEnd() ?? string.Empty;
                description = (text.Length == 0 ? string.Empty : text.EndsWith('.') ? text + " " : text + ". ") + "One of: " + list + ".";
            }

            model.Parameters.Add(new ParameterModel(vkName, Naming.Unique(Naming.Pascal(vkName), names), type, form, required, description));
        }
    }

    private static (CsType Type, ParameterForm Form) Map(JsonElement parameter, string file, TypeResolver types)
    {
        if (parameter.TryGetProperty("$ref", out var reference))
        {
            var named = types.Named(SchemaSet.Key(reference.GetString()!, file));
            return named.Kind switch
            {
                CsKind.Enum => (named, ParameterForm.Enum),
                _ when named == CsType.Bool => (CsType.Bool, ParameterForm.Bool),
                _ when named == CsType.Long => (CsType.Long, ParameterForm.Int),
                _ when named == CsType.Double => (CsType.Double, ParameterForm.Number),
                _ => (CsType.String, ParameterForm.Text), // an object (a keyboard, a template) goes as its JSON text
            };
        }

        var type = parameter.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "integer":
                return (CsType.Long, ParameterForm.Int);
            case "number":
                return (CsType.Double, ParameterForm.Number);
            case "boolean":
                return (CsType.Bool, ParameterForm.Bool);
            case "array":
                var itemType = parameter.TryGetProperty("items", out var items) && items.TryGetProperty("type", out var it) && it.ValueKind == JsonValueKind.String
                    ? it.GetString()
                    : null;
                return itemType switch
                {
                    "integer" => (CsType.ListOf(CsType.Long), ParameterForm.IntList),
                    "number" => (CsType.ListOf(CsType.Double), ParameterForm.NumberList),
                    _ => (CsType.ListOf(CsType.String), ParameterForm.TextList),
                };
            default:
                return (CsType.String, ParameterForm.Text); // strings, JSON, and a type union (an id or a screen name)
        }
    }

    private static void ReadVariants(MethodModel model, JsonElement method, string file, TypeResolver types)
    {
        var responses = method.GetProperty("responses").EnumerateObject().ToList();
        var primary = responses.FindIndex(r => r.Name == "response");
        if (primary < 0)
        {
            primary = 0;
        }

        var hasExtended = model.Parameters.Exists(p => p.VkName == "extended");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < responses.Count; i++)
        {
            var key = responses[i].Name;
            var value = responses[i].Value;
            var suffix = i == primary ? string.Empty : Naming.Pascal(key.Replace("Response", string.Empty, StringComparison.Ordinal).Replace("response", string.Empty, StringComparison.Ordinal));
            var type = value.TryGetProperty("$ref", out var reference)
                ? types.Named(SchemaSet.Key(reference.GetString()!, file))
                : types.Of(value, file, Naming.Pascal(model.VkName.Replace('.', '_')) + suffix + "Response", model.Section);
            var setsExtended = hasExtended && key.Contains("xtended", StringComparison.Ordinal);
            model.Variants.Add(new VariantModel(Naming.Unique(model.Name + suffix, names) + "Async", key, type, setsExtended));
        }
    }
}

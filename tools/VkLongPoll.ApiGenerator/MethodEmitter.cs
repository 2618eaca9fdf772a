using System.Globalization;
using System.Text.Json;

namespace VkLongPoll.ApiGenerator;

/// <summary>Writes a file per section (its methods' parameter types and its client), the client's section properties, and the error codes.</summary>
internal static class MethodEmitter
{
    public const string Folder = "src/VkLongPoll/Api/Methods/";

    public static void Emit(IReadOnlyList<MethodModel> methods, IDictionary<string, string> files)
    {
        foreach (var section in methods.Where(m => m.VkName.Contains('.', StringComparison.Ordinal)).GroupBy(m => m.Section).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var body = new CodeWriter();
            foreach (var method in section.Where(m => m.Parameters.Count > 0).OrderBy(m => m.ParamsName, StringComparer.Ordinal))
            {
                Params(body, method);
                body.Line();
            }

            Client(body, section.Key, [.. section]);
            files[Folder + Naming.Pascal(section.Key) + ".g.cs"] = ObjectEmitter.Compose(body, "VkLongPoll.Api.Methods", "VkLongPoll.Api.Objects");
        }

        var plain = methods.Where(m => !m.VkName.Contains('.', StringComparison.Ordinal)).ToList();
        var paramsBody = new CodeWriter();
        foreach (var method in plain)
        {
            Params(paramsBody, method);
        }

        files[Folder + "Execute.g.cs"] = ObjectEmitter.Compose(paramsBody, "VkLongPoll.Api.Methods");
        files["src/VkLongPoll/Api/VkApiClient.Methods.g.cs"] = Sections(methods, plain);
    }

    /// <summary>The section's client type: <c>messages</c> → <c>MessagesMethods</c> (a name no schema object ends with).</summary>
    public static string ClientName(string section) => Naming.Pascal(section) + "Methods";

    private static void Params(CodeWriter writer, MethodModel method)
    {
        writer.Doc("The parameters of <c>" + method.VkName + "</c>" + (Naming.Doc(method.Description) is { Length: > 0 } d ? ": " + d : "."));
        writer.Open("public sealed class " + method.ParamsName);
        foreach (var parameter in method.Parameters)
        {
            writer.Doc((Naming.Doc(parameter.Description) is { Length: > 0 } d2 ? d2 : "VK's <c>" + parameter.VkName + "</c>.").Replace("&lt;c&gt;", "<c>", StringComparison.Ordinal).Replace("&lt;/c&gt;", "</c>", StringComparison.Ordinal),
                "Sent as <c>" + parameter.VkName + "</c>" + (parameter.Required ? "; required." : "."));
            writer.Line("public " + (parameter.Required ? "required " + parameter.Type.Name : parameter.Type.Nullable) + " " + parameter.Name + " { get; init; }");
            writer.Line();
        }

        writer.Open("internal void WriteTo(List<KeyValuePair<string, string>> form)");
        var index = 0;
        foreach (var parameter in method.Parameters)
        {
            var local = "p" + (index++).ToString(CultureInfo.InvariantCulture);
            var name = Naming.Literal(parameter.VkName);
            if (parameter.Required)
            {
                writer.Line("form.Add(new(" + name + ", " + Format(parameter, parameter.Name) + "));");
            }
            else
            {
                writer.Open("if (" + parameter.Name + " is { } " + local + ")");
                writer.Line("form.Add(new(" + name + ", " + Format(parameter, local) + "));");
                writer.Close();
            }
        }

        writer.Close();
        writer.Close();
    }

    private static string Format(ParameterModel parameter, string value) => parameter.Form switch
    {
        ParameterForm.Int => "VkForm.Int(" + value + ")",
        ParameterForm.Number => "VkForm.Number(" + value + ")",
        ParameterForm.Bool => "VkForm.Bool(" + value + ")",
        ParameterForm.Enum => "VkForm.Int((int)" + value + ")",
        ParameterForm.IntList or ParameterForm.NumberList or ParameterForm.TextList => "VkForm.List(" + value + ")",
        _ => value,
    };

    private static void Client(CodeWriter writer, string section, IReadOnlyList<MethodModel> methods)
    {
        var name = ClientName(section);
        writer.Doc("The <c>" + section + ".*</c> methods of the VK API, typed (from VK's schema); get it from <see cref=\"VkApiClient." + Naming.Pascal(section) + "\"/>.",
            "Each call goes through <see cref=\"VkApiClient.CallAsync\"/>: the token, pacing, retries of what is safe to repeat, and VK's errors as <see cref=\"VkApiException\"/>.");
        writer.Open("public sealed class " + name);
        writer.Line("private readonly VkApiClient _api;").Line();
        writer.Line("internal " + name + "(VkApiClient api) => _api = api;");
        foreach (var method in methods)
        {
            foreach (var variant in method.Variants)
            {
                writer.Line();
                Call(writer, method, variant, "_api.");
            }
        }

        writer.Close();
    }

    private static void Call(CodeWriter writer, MethodModel method, VariantModel variant, string api)
    {
        var remarks = "Calls <c>" + method.VkName + "</c>" + (variant.SetsExtended ? " with <c>extended=1</c>" : string.Empty) + "; VK's answer <c>" + variant.Key + "</c>"
            + (method.Variants.Count > 1 && !variant.SetsExtended && variant.Key != "response" ? " (VK gives this shape for the parameters its name says)" : string.Empty) + ".";
        if (method.Variants.Count > 1)
        {
            // The parameters decide VK's shape: one that selects another shape read as this one gives nulls and zeros.
            remarks += " VK answers this method in " + method.Variants.Count.ToString(CultureInfo.InvariantCulture) + " shapes, one call each: "
                + string.Join(", ", method.Variants.Select(v => "<see cref=\"" + v.MethodName + "\"/> (<c>" + v.Key + "</c>)"))
                + "; use the one that matches the parameters set.";
        }
        writer.Doc(Naming.Doc(method.Description) is { Length: > 0 } d ? d : "<c>" + method.VkName + "</c>.", remarks);
        var hasParams = method.Parameters.Count > 0;
        var signature = "public Task<" + variant.Type.Name + "> " + variant.MethodName + "(" + (hasParams ? method.ParamsName + " parameters, " : string.Empty) + "CancellationToken cancellationToken = default)";
        writer.Open(signature);
        if (hasParams)
        {
            writer.Line("ArgumentNullException.ThrowIfNull(parameters);");
        }

        writer.Line("var form = new List<KeyValuePair<string, string>>();");
        if (hasParams)
        {
            writer.Line("parameters.WriteTo(form);");
        }

        if (variant.SetsExtended)
        {
            writer.Line("VkForm.Set(form, \"extended\", \"1\");");
        }

        writer.Line("return " + api + "InvokeAsync<" + variant.Type.Name + ">(" + Naming.Literal(method.VkName) + ", form, cancellationToken);");
        writer.Close();
    }

    private static string Sections(IReadOnlyList<MethodModel> methods, IReadOnlyList<MethodModel> plain)
    {
        var body = new CodeWriter();
        body.Open("public sealed partial class VkApiClient");
        var first = true;
        foreach (var section in methods.Select(m => m.Section).Where(s => methods.Any(m => m.Section == s && m.VkName.Contains('.', StringComparison.Ordinal))).Distinct().Order(StringComparer.Ordinal))
        {
            if (!first)
            {
                body.Line();
            }

            first = false;
            body.Doc("The typed <c>" + section + ".*</c> methods (made on first use).");
            body.Line("public " + ClientName(section) + " " + Naming.Pascal(section) + " => field ??= new(this);");
        }

        foreach (var method in plain)
        {
            foreach (var variant in method.Variants)
            {
                body.Line();
                Call(body, method, variant, string.Empty);
            }
        }

        body.Close();
        return ObjectEmitter.Compose(body, "VkLongPoll", "VkLongPoll.Api.Methods", "VkLongPoll.Api.Objects");
    }

    public static string ErrorCodes(SchemaSet schema)
    {
        var errors = schema.File("errors.json").GetProperty("errors").EnumerateObject()
            .Select(e => (Key: e.Name, Code: e.Value.GetProperty("code").GetInt32(), Description: TypeResolver.Description(e.Value) ?? string.Empty,
                Subcode: e.Value.TryGetProperty("subcode", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : (int?)null))
            .OrderBy(e => e.Code).ThenBy(e => e.Subcode ?? 0).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
        var body = new CodeWriter();
        body.Doc("VK's error codes, as its schema (<c>errors.json</c>) names them: compare with <see cref=\"VkApiException.ErrorCode\"/>.",
            "The errors the client acts on have their own exceptions (<see cref=\"VkAuthorizationException\"/>, <see cref=\"VkAccessDeniedException\"/>, <see cref=\"VkCaptchaException\"/>, <see cref=\"VkValidationException\"/>); every other one is a <see cref=\"VkApiException\"/> with its code.");
        body.Open("public static class VkErrorCodes");
        var names = new HashSet<string>(StringComparer.Ordinal) { "VkErrorCodes", "Describe" };
        foreach (var error in errors)
        {
            var name = Naming.Unique(Naming.Pascal(error.Key.StartsWith("api_error_", StringComparison.Ordinal) ? error.Key["api_error_".Length..] : error.Key), names);
            var code = error.Code.ToString(CultureInfo.InvariantCulture);
            body.Doc(code + (error.Subcode is { } sub ? " (subcode " + sub.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty) + ": " + Naming.Doc(error.Description), "Schema: <c>" + error.Key + "</c>.");
            body.Line("public const int " + name + " = " + code + ";");
            body.Line();
        }

        body.Doc("VK's description of an error code (the schema's), or null for a code it does not list.");
        body.Open("public static string? Describe(int code) => code switch");
        foreach (var error in errors.Where(e => e.Subcode is null).DistinctBy(e => e.Code))
        {
            body.Line(error.Code.ToString(CultureInfo.InvariantCulture) + " => " + Naming.Literal(error.Description) + ",");
        }

        body.Line("_ => null,");
        body.Close("};");
        body.Close();
        return ObjectEmitter.Compose(body, "VkLongPoll");
    }
}

namespace VkLongPoll.ApiGenerator;

/// <summary>A C# type as the generated code names it.</summary>
internal sealed record CsType(string Name, CsKind Kind)
{
    public static readonly CsType Long = new("long", CsKind.Value);
    public static readonly CsType Double = new("double", CsKind.Value);
    public static readonly CsType Bool = new("bool", CsKind.Value);
    public static readonly CsType String = new("string", CsKind.Reference);
    public static readonly CsType Json = new("JsonElement", CsKind.Value);

    public bool IsValue => Kind is CsKind.Value or CsKind.Enum;

    public static CsType ListOf(CsType item) => new("IReadOnlyList<" + item.Name + ">", CsKind.Reference);

    /// <summary>The property type: every generated property is nullable (VK leaves fields out freely).</summary>
    public string Nullable => Name + "?";
}

internal enum CsKind
{
    Value,
    Reference,
    Class,
    Enum,
}

internal sealed class ClassModel(string name, string section, string? description, string origin)
{
    public string Name { get; } = name;
    public string Section { get; } = section;
    public string? Description { get; } = description;

    /// <summary>The schema definition (or the place inside one) it comes from.</summary>
    public string Origin { get; } = origin;

    public List<PropertyModel> Properties { get; } = [];
}

internal sealed record PropertyModel(string JsonName, string Name, CsType Type, string? Description);

internal sealed class EnumModel(string name, string section, string? description, string origin)
{
    public string Name { get; } = name;
    public string Section { get; } = section;
    public string? Description { get; } = description;
    public string Origin { get; } = origin;
    public List<(string Name, long Value)> Members { get; } = [];
}

/// <summary>A method parameter, as the form sends it.</summary>
internal sealed record ParameterModel(string VkName, string Name, CsType Type, ParameterForm Form, bool Required, string? Description);

internal enum ParameterForm
{
    Int,
    Number,
    Bool,
    Text,
    Enum,
    IntList,
    NumberList,
    TextList,
}

/// <summary>One way of calling a method: VK's <c>response</c> or another shape (<c>extendedResponse</c>, …).</summary>
internal sealed record VariantModel(string MethodName, string Key, CsType Type, bool SetsExtended);

internal sealed class MethodModel(string vkName, string section, string name, string? description)
{
    public string VkName { get; } = vkName;
    public string Section { get; } = section;
    public string Name { get; } = name;
    public string? Description { get; } = description;
    public List<ParameterModel> Parameters { get; } = [];
    public List<VariantModel> Variants { get; } = [];
    public string ParamsName => Naming.Pascal(VkName.Replace('.', '_')) + "Params";
}

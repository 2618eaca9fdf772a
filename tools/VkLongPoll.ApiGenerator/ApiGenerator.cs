namespace VkLongPoll.ApiGenerator;

/// <summary>The generator's core: the schema folder in, every generated file (path relative to the repository → text) out.</summary>
public static class ApiGenerator
{
    /// <summary>The folders whose <c>*.g.cs</c> files are all the generator's (a file it no longer writes is deleted).</summary>
    public static IReadOnlyList<string> OutputFolders { get; } = [ObjectEmitter.Folder, MethodEmitter.Folder];

    /// <summary>Generates the client from the schema in <paramref name="schemaFolder"/>; the same schema gives the same text.</summary>
    public static SortedDictionary<string, string> Generate(string schemaFolder)
    {
        var schema = new SchemaSet(schemaFolder);
        var types = new TypeResolver(schema);
        var methods = MethodReader.Read(schema, types, SchemaInfo.Sections);

        // Every object and response of the generated sections, used by a method or not (the closure pulls in other sections' objects).
        foreach (var section in SchemaInfo.Sections)
        {
            foreach (var file in new[] { section + "/objects.json", section + "/responses.json" }.Where(schema.Exists))
            {
                foreach (var (name, _) in schema.Definitions(file))
                {
                    types.Named(file + "#" + name);
                }
            }
        }

        // The methods' types (in VkLongPoll.Api.Methods) must not share a name with an object (in VkLongPoll.Api.Objects): the
        // generated code names both without their namespace.
        var objectNames = types.Classes.Keys.Concat(types.Enums.Keys).ToHashSet(StringComparer.Ordinal);
        var methodNames = methods.Where(m => m.Parameters.Count > 0).Select(m => m.ParamsName)
            .Concat(methods.Select(m => MethodEmitter.ClientName(m.Section)));
        if (methodNames.FirstOrDefault(objectNames.Contains) is { } clash)
        {
            throw new InvalidOperationException($"{clash} is both a generated method type and a schema object: the generator must name one differently");
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        ObjectEmitter.Emit(types, methods, files);
        MethodEmitter.Emit(methods, files);
        files["src/VkLongPoll/Api/VkErrorCodes.g.cs"] = MethodEmitter.ErrorCodes(schema);
        Statistics = new GeneratorStatistics(
            SchemaInfo.Sections.Count,
            methods.Count,
            methods.Sum(m => m.Variants.Count),
            types.Classes.Count,
            types.Enums.Count);
        return files;
    }

    /// <summary>What the last <see cref="Generate"/> made.</summary>
    public static GeneratorStatistics? Statistics { get; private set; }
}

/// <summary>Coverage of one generation.</summary>
public sealed record GeneratorStatistics(int Sections, int Methods, int Calls, int Classes, int Enums);

using System.Text.Json;

namespace VkLongPoll.ApiGenerator;

/// <summary>The vendored schema's files, read on demand, and its <c>$ref</c>s resolved.</summary>
internal sealed class SchemaSet
{
    private readonly string _root;
    private readonly Dictionary<string, JsonElement> _files = new(StringComparer.Ordinal);

    public SchemaSet(string root)
    {
        _root = root;
    }

    /// <summary>Every <c>objects.json</c> and <c>responses.json</c>, sorted, for naming their definitions up front.</summary>
    public IEnumerable<string> DefinitionFiles() =>
        Directory.GetDirectories(_root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .SelectMany(section => new[] { section + "/objects.json", section + "/responses.json" })
            .Where(file => System.IO.File.Exists(Path.Combine(_root, file)));

    /// <summary>The root of a file (relative to the schema folder, with '/').</summary>
    public JsonElement File(string relative)
    {
        if (!_files.TryGetValue(relative, out var root))
        {
            var bytes = System.IO.File.ReadAllBytes(Path.Combine(_root, relative));
            root = JsonDocument.Parse(bytes).RootElement;
            _files[relative] = root;
        }

        return root;
    }

    public bool Exists(string relative) => System.IO.File.Exists(Path.Combine(_root, relative));

    /// <summary>The methods of a section, in the schema's order.</summary>
    public IEnumerable<JsonElement> Methods(string section) =>
        File(section + "/methods.json").GetProperty("methods").EnumerateArray();

    /// <summary>The definitions of a file, in the schema's order.</summary>
    public IEnumerable<(string Name, JsonElement Definition)> Definitions(string file) =>
        File(file).TryGetProperty("definitions", out var definitions)
            ? definitions.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];

    /// <summary>A definition's key (<c>file#name</c>) from a <c>$ref</c> such as <c>../messages/objects.json#/definitions/messages_message</c>.</summary>
    public static string Key(string reference, string fromFile)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var file = hash == 0 ? fromFile : reference[..hash];
        while (file.StartsWith("../", StringComparison.Ordinal))
        {
            file = file[3..];
        }

        var name = reference[(reference.LastIndexOf('/') + 1)..];
        return file + "#" + name;
    }

    public JsonElement Definition(string key, out string file, out string name)
    {
        var hash = key.IndexOf('#', StringComparison.Ordinal);
        file = key[..hash];
        name = key[(hash + 1)..];
        return File(file).GetProperty("definitions").GetProperty(name);
    }
}

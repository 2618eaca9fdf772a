using VkLongPoll.ApiGenerator;

// dotnet run --project tools/VkLongPoll.ApiGenerator [-- --check]
// Rewrites the generated client from schema/vk-api-schema; with --check, writes nothing and fails when a file differs.
var root = RepositoryRoot();
var check = args.Contains("--check");
var files = ApiGenerator.Generate(Path.Combine(root, SchemaInfo.SchemaFolder));
var changed = 0;
foreach (var (path, text) in files)
{
    var full = Path.Combine(root, path);
    if (File.Exists(full) && File.ReadAllText(full).ReplaceLineEndings("\n") == text)
    {
        continue;
    }

    changed++;
    Console.WriteLine((check ? "differs: " : "wrote: ") + path);
    if (!check)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}

foreach (var folder in ApiGenerator.OutputFolders)
{
    foreach (var stale in Directory.Exists(Path.Combine(root, folder)) ? Directory.GetFiles(Path.Combine(root, folder), "*.g.cs") : [])
    {
        var relative = Path.GetRelativePath(root, stale).Replace('\\', '/');
        if (!files.ContainsKey(relative))
        {
            changed++;
            Console.WriteLine((check ? "stale: " : "deleted: ") + relative);
            if (!check)
            {
                File.Delete(stale);
            }
        }
    }
}

var s = ApiGenerator.Statistics!;
Console.WriteLine($"schema {SchemaInfo.Commit[..7]} (API {SchemaInfo.ApiVersion}): {s.Sections} sections, {s.Methods} methods ({s.Calls} calls), {s.Classes} classes, {s.Enums} enums; {files.Count} files, {changed} changed");
return check && changed > 0 ? 1 : 0;

static string RepositoryRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VkLongPoll.slnx")))
            {
                return folder.FullName;
            }
        }
    }

    throw new InvalidOperationException("the repository root (VkLongPoll.slnx) is not above this folder");
}

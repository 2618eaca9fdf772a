using VkLongPoll.ApiGenerator;

namespace VkLongPoll.Tests.Api;

/// <summary>
/// The checked-in generated client is exactly what the generator makes of the vendored schema now: a change of the
/// generator or of the schema without `dotnet run --project tools/VkLongPoll.ApiGenerator` (or a hand edit of a *.g.cs) fails here.
/// </summary>
public sealed class GeneratedClientDriftTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public void CheckedInFiles_AreWhatTheGeneratorWrites()
    {
        var files = ApiGenerator.ApiGenerator.Generate(Path.Combine(Root, SchemaInfo.SchemaFolder));

        foreach (var (path, text) in files)
        {
            var full = Path.Combine(Root, path);
            Assert.True(File.Exists(full), $"{path} is generated but not checked in: run dotnet run --project tools/VkLongPoll.ApiGenerator");
            // A checkout may have turned '\n' into "\r\n" (core.autocrlf): the text is compared, not the line ends.
            Assert.True(text == File.ReadAllText(full).ReplaceLineEndings("\n"), $"{path} differs from the generator's output: run dotnet run --project tools/VkLongPoll.ApiGenerator");
        }

        foreach (var folder in ApiGenerator.ApiGenerator.OutputFolders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Root, folder), "*.g.cs"))
            {
                var relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
                Assert.True(files.ContainsKey(relative), $"{relative} is no longer generated: run the generator (it deletes it)");
            }
        }
    }

    [Fact]
    public void Generation_IsDeterministic()
    {
        var folder = Path.Combine(Root, SchemaInfo.SchemaFolder);
        Assert.Equal(ApiGenerator.ApiGenerator.Generate(folder), ApiGenerator.ApiGenerator.Generate(folder));
    }

    [Fact]
    public void Coverage_DoesNotShrink()
    {
        ApiGenerator.ApiGenerator.Generate(Path.Combine(Root, SchemaInfo.SchemaFolder));
        var statistics = ApiGenerator.ApiGenerator.Statistics!;

        // Loose floors (measured: 8 sections, 185 methods, 220 calls, 316 classes, 24 enums): a regression that drops types fails.
        Assert.True(statistics.Sections >= 8, statistics.ToString());
        Assert.True(statistics.Methods >= 180, statistics.ToString());
        Assert.True(statistics.Calls >= 210, statistics.ToString());
        Assert.True(statistics.Classes >= 300, statistics.ToString());
        Assert.True(statistics.Enums >= 20, statistics.ToString());
        foreach (var section in new[] { "messages", "users", "groups", "friends", "photos", "docs", "utils", "execute" })
        {
            Assert.Contains(section, SchemaInfo.Sections);
        }
    }

    [Fact]
    public void SchemaCommit_IsNamedInTheVendoredReadmeAndEveryGeneratedFile()
    {
        Assert.Contains(SchemaInfo.Commit, File.ReadAllText(Path.Combine(Root, SchemaInfo.SchemaFolder, "README.md")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, SchemaInfo.SchemaFolder, "LICENSE")));
        foreach (var (path, text) in ApiGenerator.ApiGenerator.Generate(Path.Combine(Root, SchemaInfo.SchemaFolder)))
        {
            Assert.True(text.Contains(SchemaInfo.Commit, StringComparison.Ordinal), path);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VkLongPoll.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (VkLongPoll.slnx) is not above the test's folder");
    }
}

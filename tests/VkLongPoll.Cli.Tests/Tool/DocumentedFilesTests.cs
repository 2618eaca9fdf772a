using System.Text.RegularExpressions;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary>
/// A code block in docs/*.md right after <c>&lt;!-- path --&gt;</c> is that file of the repository, word for word: the
/// worker docs/hosting.md shows is samples/Worker, which .ci/run builds from the packed packages and runs.
/// </summary>
public sealed partial class DocumentedFilesTests
{
    [Fact]
    public void EveryQuotedFile_IsTheFileInTheRepository()
    {
        var root = RepositoryRoot();
        var quoted = 0;
        foreach (var document in Directory.GetFiles(Path.Combine(root, "docs"), "*.md"))
        {
            foreach (Match match in QuotedFile().Matches(File.ReadAllText(document).ReplaceLineEndings("\n")))
            {
                var path = match.Groups["path"].Value;
                var file = Path.Combine(root, path);
                Assert.True(File.Exists(file), $"{Path.GetFileName(document)} quotes {path}, which does not exist");
                Assert.Equal(File.ReadAllText(file).ReplaceLineEndings("\n").TrimEnd('\n'), match.Groups["code"].Value);
                quoted++;
            }
        }

        // docs/hosting.md quotes the worker's four files.
        Assert.True(quoted >= 4, $"only {quoted} quoted files found");
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

    [GeneratedRegex(@"<!-- (?<path>[\w./-]+) -->\n```\w*\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex QuotedFile();
}

using Microsoft.Extensions.DependencyInjection;

namespace VkLongPoll.Hosting.Tests;

/// <summary>The README's worker snippet compiles as shown (ReadmeWorkerSnippet.cs holds it) and builds a host.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public void TheReadmesWorkerSnippet_IsTheCompiledOne_LineForLine()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "VkLongPoll.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("no repository root above the tests");
        }

        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf("### In a worker: `VkLongPoll.Hosting`", StringComparison.Ordinal);
        var block = readme[(readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + 10)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        var compiled = File.ReadAllText(Path.Combine(root, "tests", "VkLongPoll.Hosting.Tests", "ReadmeWorkerSnippet.cs"));

        var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("//", StringComparison.Ordinal) && line != "builder.Build().Run();")
            .ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Contains(line, compiled, StringComparison.Ordinal));
        Assert.Contains("builder.Build().Run();", block, StringComparison.Ordinal);
        Assert.Contains("OpenTelemetry.Extensions.Hosting", block, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSnippet_BuildsAHost_WithTheHealthCheckAndTheInstrumentation()
    {
        using var host = ReadmeWorkerSnippet.Build([]);

        Assert.NotNull(host.Services.GetService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>());
        Assert.NotNull(host.Services.GetService<VkLongPollAccounts>());
    }
}

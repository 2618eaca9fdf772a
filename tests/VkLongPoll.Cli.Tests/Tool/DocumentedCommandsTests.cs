using System.Text.RegularExpressions;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary>
/// Every command line in README.md and docs/*.md, run as written by bash in the repository, in document order — so the
/// documentation cannot rot. <c>vklp</c> is the built tool (the installed one is the same program; CI installs it and runs
/// <c>vklp demo</c>). Nothing leaves loopback: lines that would reach VK meet a dead proxy on 127.0.0.1 and must say so and retry.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed partial class DocumentedCommandsTests
{
    /// <summary>Lines this test does not run, each with where it does run.</summary>
    private static readonly Dictionary<string, string> RunElsewhere = new(StringComparer.Ordinal)
    {
        ["dotnet test"] = "it is the run this test is part of",
        ["dotnet test --filter \"Speed!=slow\""] = "a subset of the run this test is part of (the tests not marked Speed=slow)",
        ["dotnet pack"] = ".ci/run packs the repository",
        ["dotnet tool install --global --add-source artifacts/packages VkLongPoll.Cli"] = ".ci/run installs the tool from artifacts/packages (into a temporary --tool-path) and runs the installed vklp demo",
        ["vklp demo"] = "after the install line, in .ci/run: the installed tool's demo, to its end",
        // docs/hosting.md: a worker project beside the clone, from the packed packages (they exist only after `dotnet pack`).
        ["dotnet new worker -n MyWorker && cd MyWorker"] = ".ci/run takes docs/hosting.md's steps in a scratch folder beside the clone and builds the worker",
        ["dotnet new nugetconfig"] = ".ci/run, with docs/hosting.md's other steps",
        ["dotnet nuget add source ../VkLongPoll/artifacts/packages --name vklongpoll --configfile nuget.config"] = ".ci/run, with docs/hosting.md's other steps",
        ["dotnet add package VkLongPoll.Hosting"] = ".ci/run, with docs/hosting.md's other steps",
        ["dotnet add package VkLongPoll.Sqlite"] = ".ci/run, with docs/hosting.md's other steps",
        ["rm Worker.cs"] = ".ci/run, with docs/hosting.md's other steps",
        ["""
            . /tmp/vklp-emulator.env && export VkLongPoll__ApiBaseUrl="$API_URL" VkLongPoll__TrustedCertificatePath="$CA" VkLongPoll__Accounts__main__AccessToken="$TOKEN" && dotnet run
            """] = "samples/run-against-emulator.sh runs the worker so, twice, in .ci/run (it needs the packed packages)",
        ["scripts/cluster-soak"] = ".ci/run runs it after the tests (a minute of three silo processes; it checks the last line)",
        ["VKLP_STORE=redis scripts/cluster-soak"] = ".ci/run runs it after the tests too, with redis-server installed",
        ["dotnet run -- list"] = "samples/run-against-emulator.sh reads the worker's database so, in .ci/run",
        ["vklp soak --community --events 10000"] = ".ci/run runs it after the tests (about three minutes) and checks its last line; SoakTests runs a smaller one",
    };

    /// <summary>Measurement recipes (minutes each, or a profiler): CI runs the benchmark suites in dry mode instead.</summary>
    private static readonly string[] Measurements = ["dotnet run -c Release --project bench/", "DOTNET_PerfMapEnabled=1 "];

    private static readonly TimeSpan ShortBound = TimeSpan.FromMinutes(3);

    public static TheoryData<string> Documents() => new(DocumentPaths());

    private static IEnumerable<string> DocumentPaths()
    {
        var root = RepositoryRoot();
        return ["README.md", .. Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal).Select(file => Path.GetRelativePath(root, file))];
    }

    [Fact]
    public void Reader_FindsCommandsAndDropsComments()
    {
        var commands = DocumentedCommands.Read("""
            text
            ```bash
            vklp demo      # the main job
            # {"output": "shown as a comment"}
            curl -d '{"text":"a # b"}' x
            dotnet run \
              --project p
            ```
            ```text
            vklp decode [--version N]
            ```
            """);

        Assert.Equal(["vklp demo", "curl -d '{\"text\":\"a # b\"}' x", "dotnet run --project p"], commands);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task EveryCommandLine_RunsAsDocumented(string document)
    {
        var root = RepositoryRoot();
        var commands = DocumentedCommands.Read(await File.ReadAllTextAsync(Path.Combine(root, document)));
        var scratch = Directory.CreateTempSubdirectory("vklp-docs-");
        var running = new List<(string Line, VklpProcess Process, int ExpectedExit)>();
        try
        {
            var environment = Environment(scratch.FullName);
            foreach (var line in commands)
            {
                if (RunElsewhere.ContainsKey(line) || Measurements.Any(m => line.StartsWith(m, StringComparison.Ordinal)))
                {
                    continue;
                }

                var shell = VklpProcess.StartProgram("setsid", ["bash", "-c", line], environment, root);
                if (LongRunning().Match(line) is { Success: true } kind)
                {
                    // Runs until the document is done (another terminal, in the docs' words); ready once it speaks.
                    var emulate = kind.Groups[1].Value == "emulate";
                    await shell.WaitForStdoutAsync(s => emulate ? s.Contains("\"api_url\"", StringComparison.Ordinal) : s.Contains("· ", StringComparison.Ordinal), ShortBound);
                    running.Add((line, shell, emulate ? 0 : 130));
                    continue;
                }

                await using (shell)
                {
                    var exit = await shell.WaitForExitAsync(ShortBound);
                    Assert.True(exit == 0, $"{document}: `{line}` exited {exit}\nstdout:\n{shell.Stdout}\nstderr:\n{shell.Stderr}");
                    Assert.DoesNotContain("Unhandled exception", shell.Stderr, StringComparison.Ordinal);
                }

                // A message sent through the control API must show in a watch that runs meanwhile.
                if (SentText().Match(line) is { Success: true } sent && running.LastOrDefault(r => r.Line.Contains(" watch", StringComparison.Ordinal)).Process is { } watch)
                {
                    await watch.WaitForStdoutAsync(s => s.Contains(sent.Groups[1].Value, StringComparison.Ordinal), ShortBound);
                }
            }

            // The document is read: stop what still runs, last started first, as Ctrl+C in its terminal would.
            foreach (var (line, process, expected) in Enumerable.Reverse(running))
            {
                process.Signal(VklpProcess.SigInt, group: true);
                var exit = await process.WaitForExitAsync(ShortBound);
                Assert.True(exit == expected, $"{document}: `{line}` exited {exit} after Ctrl+C, not {expected}\nstdout:\n{process.Stdout}\nstderr:\n{process.Stderr}");
                Assert.DoesNotContain("Unhandled exception", process.Stderr, StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var (_, process, _) in running)
            {
                await process.DisposeAsync();
            }

            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public void LinesNotRunHere_AreStillInTheDocuments()
    {
        // A stale entry would excuse a line that no longer exists; each must still be shown somewhere.
        var root = RepositoryRoot();
        var all = DocumentPaths().SelectMany(d => DocumentedCommands.Read(File.ReadAllText(Path.Combine(root, d)))).ToHashSet(StringComparer.Ordinal);

        Assert.All(RunElsewhere.Keys, line => Assert.Contains(line, all));
    }

    /// <summary>PATH with <c>vklp</c> first; a dead proxy for anything not on loopback; user folders in the scratch folder.</summary>
    private static Dictionary<string, string?> Environment(string scratch)
    {
        var bin = Directory.CreateDirectory(Path.Combine(scratch, "bin")).FullName;
        var vklp = Path.Combine(bin, "vklp");
        File.WriteAllText(vklp, $"#!/bin/sh\nexec '{VklpProcess.DotnetHost}' '{VklpProcess.Dll}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(vklp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var deadProxy = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        return new Dictionary<string, string?>
        {
            ["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["HTTPS_PROXY"] = deadProxy,
            ["HTTP_PROXY"] = deadProxy,
            ["ALL_PROXY"] = deadProxy,
            ["NO_PROXY"] = "127.0.0.1,localhost",
            ["XDG_DATA_HOME"] = Path.Combine(scratch, "data"),
            ["XDG_CONFIG_HOME"] = Path.Combine(scratch, "config"),
        };
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

    [GeneratedRegex(@"(?:^|[\s;&|])(?:vklp|dotnet run --project src/VkLongPoll\.Cli --) (emulate|watch)\b")]
    private static partial Regex LongRunning();

    [GeneratedRegex("/send\".*\"text\":\"([^\"]+)\"")]
    private static partial Regex SentText();
}

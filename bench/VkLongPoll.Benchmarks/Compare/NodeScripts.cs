using System.Diagnostics;

namespace VkLongPoll.Benchmarks.Compare;

/// <summary>Runs the vk-io side of a comparison: the scripts in <c>bench/compare</c> with vk-io installed from its lock file.</summary>
internal static class NodeScripts
{
    /// <summary>The <c>bench/compare</c> folder, found from the build output up to the solution root.</summary>
    public static string Directory { get; } = FindCompareDirectory();

    /// <summary>Starts <c>node SCRIPT ARGS</c> with stdin, stdout redirected; installs vk-io first if it is missing.</summary>
    public static Process Start(string script, params string[] arguments)
    {
        EnsureInstalled();
        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(Directory, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is needed for the vk-io side of the comparison (Node.js 18 or newer on PATH)", e);
        }
    }

    private static void EnsureInstalled()
    {
        if (File.Exists(Path.Combine(Directory, "node_modules", "vk-io", "package.json")))
        {
            return;
        }

        Console.Error.WriteLine($"installing vk-io from {Path.Combine(Directory, "package-lock.json")} (npm ci)…");
        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = Directory })
            ?? throw new InvalidOperationException("npm did not start");
        npm.WaitForExit();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {Directory} (exit {npm.ExitCode})");
        }
    }

    private static string FindCompareDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VkLongPoll.slnx")))
            {
                return Path.Combine(directory.FullName, "bench", "compare");
            }
        }

        throw new InvalidOperationException("bench/compare not found: run the benchmarks from the repository (dotnet run --project bench/VkLongPoll.Benchmarks)");
    }
}

using System.Text.Json;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary><c>vklp emulate</c> run as a process: a clean first line, a clean stop, nothing left behind.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class EmulateProcessTests
{
    [Theory]
    [InlineData(VklpProcess.SigInt)]
    [InlineData(VklpProcess.SigTerm)]
    public async Task Emulate_FirstLineIsJson_AndASignalStopsIt_Exit0_RemovingItsCertificate(int signal)
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "5");

        using (var first = JsonDocument.Parse(emulator.FirstLine))
        {
            Assert.StartsWith("https://127.0.0.1:", first.RootElement.GetProperty("api_url").GetString(), StringComparison.Ordinal);
        }

        Assert.StartsWith("{\"api_url\":", emulator.FirstLine, StringComparison.Ordinal);
        Assert.True(File.Exists(emulator.CaCertPath));
        Assert.Equal(0, await emulator.StopAsync(signal));
        Assert.False(File.Exists(emulator.CaCertPath), "the certificate file was left behind");
        Assert.Equal(string.Empty, emulator.Process.Stderr);
    }

    [Fact]
    public async Task Emulate_InAPseudoTerminal_FirstLineHasNoEscapeCodes()
    {
        if (!File.Exists("/usr/bin/script"))
        {
            return; // util-linux script(1) gives the terminal; without it there is nothing to check here
        }

        // script(1) gives vklp a terminal and copies what it writes; the emulator is stopped by timeout's SIGINT after 5 s.
        var typescript = Path.Combine(Path.GetTempPath(), $"vklp-emulate-tty-{Guid.NewGuid():N}.txt");
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/script") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-qec", $"timeout -s INT 5 {VklpProcess.DotnetHost} {VklpProcess.Dll} emulate", typescript })
        {
            start.ArgumentList.Add(argument);
        }

        VklpProcess.Isolate(start.Environment);
        using var process = System.Diagnostics.Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.StandardOutput.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        var lines = (await File.ReadAllTextAsync(typescript, bound.Token)).Split('\n');
        File.Delete(typescript);

        // The typescript's first line is script's own header; vklp's first line follows.
        var first = lines.First(l => l.Contains("api_url", StringComparison.Ordinal)).TrimEnd('\r');
        Assert.StartsWith("{\"api_url\":", first, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', first);
    }
}

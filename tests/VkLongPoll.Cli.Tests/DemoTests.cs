using System.Diagnostics;

namespace VkLongPoll.Cli.Tests;

/// <summary>The real <c>vklp demo</c>, run as a person would: in a pseudo-terminal (util-linux <c>script</c>), screen checked.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_InAPseudoTerminal_ShowsTheFeedAndTheRecoveries_AndExits0()
    {
        var vklp = Path.Combine(AppContext.BaseDirectory, "vklp.dll");
        var command = $"dotnet {vklp} demo --lang en --speed 10 --seed 3";
        var (exit, screen) = File.Exists("/usr/bin/script")
            ? await RunAsync("/usr/bin/script", ["-qec", command, "/dev/null"])
            : await RunAsync("dotnet", [vklp, "demo", "--lang", "en", "--speed", "10", "--seed", "3"]);

        Assert.True(exit == 0, screen);
        var (live, recovered) = Split(screen);
        Assert.Contains("VK emulator on https://127.0.0.1:", live, StringComparison.Ordinal);
        Assert.Matches(@"came online \((iPhone|Android)\)", live);
        Assert.Contains(" is typing", live, StringComparison.Ordinal);
        Assert.Matches(@"\[photo https://\S+\]", live);
        Assert.Matches(@"\[voice message https://\S+\.mp3\]", live);
        Assert.Matches(@"renamed the chat “[^”]+” to “[^”]+”", live);
        Assert.Matches(@"edited a message: “.+” → ", live);
        Assert.Matches(@"was deleted for everyone: .+\[photo https://", live);
        Assert.Contains("the connection key expired; reconnecting, nothing is missed", live, StringComparison.Ordinal);
        Assert.Contains("catching up on what happened meanwhile", screen, StringComparison.Ordinal);
        Assert.Matches(@"caught up: \d+ events?", screen);
        Assert.Matches(@"\[photo https://\S+\]", recovered);
        Assert.Matches(@"\[voice message https://\S+\]", recovered);
        Assert.Matches(@"renamed the chat “[^”]+” to “[^”]+”", recovered);
        // Sent and deleted for everyone while away: VK gives nothing of what it said (its API keeps only your own, emptied);
        // the message and its deletion are told in one line.
        Assert.Matches(@"Message from [^\n]+: \(deleted for everyone before you saw it\)", recovered);
        Assert.DoesNotContain("(text not available)", recovered, StringComparison.Ordinal);
        Assert.DoesNotContain("(no text)", recovered, StringComparison.Ordinal);
        Assert.Contains("end of the demo", screen, StringComparison.Ordinal);
    }

    private static (string Live, string Recovered) Split(string screen)
    {
        var header = screen.IndexOf("— while you were away —", StringComparison.Ordinal);
        Assert.True(header > 0, screen);
        return (screen[..header], screen[header..]);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(bound.Token);
        var error = process.StandardError.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await output + await error);
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary>
/// VK's 2025 captcha met by <c>vklp watch</c>, as docs/tokens.md tells a person to pass it: on a terminal it asks for the
/// page's <c>success_token</c> and goes on; without one, it says how and takes it as <c>--captcha-token</c> on the next run.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class CaptchaTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"vklp-captcha-{Guid.NewGuid():N}");
    private VkEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 23 });
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task WithoutATerminal_TheLineSaysHow_AndTheNextRunPassesWithTheTokenThePageGave()
    {
        _emulator.ApiFaults.Inject(14, 1, "messages.getLongPollServer", legacyCaptcha: false);
        var checkpoints = Path.Combine(_folder, "checkpoints.db");

        var (exit, _, stderr) = await VklpProcess.RunAsync(Watch("--checkpoints", checkpoints));

        Assert.Equal(5, exit);
        Assert.Contains("then run again in a terminal to paste the success_token it gives, or with --captcha-token TOKEN (docs/tokens.md)", stderr, StringComparison.Ordinal);
        var successToken = await PassThePageAsync(stderr);

        await using var watch = VklpProcess.Start(Watch("--checkpoints", checkpoints, "--captcha-token", successToken));
        await watch.WaitForStdoutAsync(s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
        watch.Signal(VklpProcess.SigInt);
        Assert.Equal(130, await watch.WaitForExitAsync());
    }

    [Fact]
    public async Task OnATerminal_ItAsksForTheSuccessToken_AndGoesOn()
    {
        _emulator.ApiFaults.Inject(14, 1, "messages.getLongPollServer", legacyCaptcha: false);
        var script = Prerequisite.Program("script", "bsdutils", "it gives vklp a terminal", "/usr/bin/script");
        var command = string.Join(' ', [VklpProcess.DotnetHost, VklpProcess.Dll, .. Watch("--checkpoints", Path.Combine(_folder, "checkpoints.db"))]);
        var start = new ProcessStartInfo(script) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        VklpProcess.Isolate(start.Environment);
        using var process = Process.Start(start)!;
        var screen = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (screen)
                {
                    screen.Append(buffer, 0, read);
                }
            }
        });
        try
        {
            var asked = await ScreenAsync(screen, s => s.Contains("paste the success_token it gives (Enter alone gives up): ", StringComparison.Ordinal));
            var successToken = await PassThePageAsync(asked);

            // Typed (pasted) at the prompt, which does not echo it; then Ctrl+C as a person ends the watch.
            await process.StandardInput.WriteAsync(successToken + "\r");
            await process.StandardInput.FlushAsync();
            var connected = await ScreenAsync(screen, s => s.Contains("connected; waiting for events", StringComparison.Ordinal));
            Assert.DoesNotContain(successToken, connected, StringComparison.Ordinal);
            await process.StandardInput.WriteAsync("\u0003");
            await process.StandardInput.FlushAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(Bound).Token);
            Assert.Equal(130, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await reading.WaitAsync(Bound);
        }
    }

    /// <summary>What a person does with the page the line names: opens it and passes it; the emulator's page then gives the token.</summary>
    private async Task<string> PassThePageAsync(string text)
    {
        var page = PageToOpen().Match(text);
        Assert.True(page.Success, $"no page to open in: {text}");
        using var http = new HttpClient(_emulator.CreateTrustingHandler());
        using var answer = JsonDocument.Parse(await http.GetStringAsync(new Uri(page.Groups["page"].Value)));
        return answer.RootElement.GetProperty("success_token").GetString()!;
    }

    private static async Task<string> ScreenAsync(StringBuilder screen, Func<string, bool> condition)
    {
        var text = string.Empty;
        await Poll.UntilAsync(() =>
        {
            lock (screen)
            {
                text = screen.ToString();
            }

            return condition(text);
        }, Bound, "the terminal shows what is awaited");
        return text;
    }

    private string[] Watch(params string[] more) =>
        ["watch", "--api-url", _emulator.ApiUrl.ToString(), "--ca-cert", _emulator.CertificatePemPath!, "--lang", "en", "--token-file", TokenFile(), .. more];

    private string TokenFile()
    {
        var file = Path.Combine(_folder, "token");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, _emulator.Tokens[0] + "\n");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return file;
    }

    [GeneratedRegex(@"open (?<page>https?://\S+not_robot_captcha\S+) in a browser")]
    private static partial Regex PageToOpen();
}

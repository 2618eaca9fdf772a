using System.Diagnostics;
using System.Text;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary><c>vklp decode</c> as a process on a large input from a pipe: every event written, memory bounded by the largest value.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class DecodeProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task LargeInputFromAPipe_IsDecodedWhole_InBoundedMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the peak comes from /proc
        }

        var text = string.Concat(Enumerable.Repeat("Привет, как дела? 🙂 ", 10));
        var line = Encoding.UTF8.GetBytes($"{{\"ts\":1,\"updates\":[[80,1,0],[10004,1,1,2,100,1,\"{text}\",{{}},{{}}]]}}\n");
        const long inputBytes = 120L * 1024 * 1024; // the old decoder held the whole input (and a copy while reading a pipe)
        var lines = inputBytes / line.Length;

        var start = new ProcessStartInfo(VklpProcess.DotnetHost, [VklpProcess.Dll, "decode", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var vklp = Process.Start(start)!;
        using var bound = new CancellationTokenSource(Bound);
        var counting = CountLinesAsync(vklp.StandardOutput.BaseStream, bound.Token);
        var errors = vklp.StandardError.ReadToEndAsync(bound.Token);
        long peakKb = 0;
        await using (var stdin = vklp.StandardInput.BaseStream)
        {
            for (var i = 0L; i < lines; i++)
            {
                await stdin.WriteAsync(line, bound.Token);
                if (i % 20_000 == 0)
                {
                    peakKb = Math.Max(peakKb, PeakKb(vklp.Id));
                }
            }

            await stdin.FlushAsync(bound.Token);
            // Still running (stdin open): its peak so far is its peak.
            peakKb = Math.Max(peakKb, PeakKb(vklp.Id));
        }

        await vklp.WaitForExitAsync(bound.Token);
        Assert.Equal(string.Empty, await errors);
        Assert.Equal(0, vklp.ExitCode);
        Assert.Equal(lines * 2, await counting);
        Assert.True(peakKb is > 0 and < 256 * 1024, $"peak RSS {peakKb / 1024} MB for {inputBytes / (1024 * 1024)} MB of input");
    }

    [Fact]
    public async Task AReaderThatStops_StopsTheDecode_QuietlyWithTheExitCodeOfSigpipe()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // pipes and SIGPIPE's exit code are Unix matters
        }

        // stdin never ends (as `tail -f … | vklp decode | head` would be): only the closed output can stop the process.
        var start = new ProcessStartInfo(VklpProcess.DotnetHost, [VklpProcess.Dll, "decode", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var vklp = Process.Start(start)!;
        using var bound = new CancellationTokenSource(Bound);
        var errors = vklp.StandardError.ReadToEndAsync(bound.Token);
        var line = Encoding.UTF8.GetBytes("{\"ts\":1,\"updates\":[[80,1,0],[80,2,0]]}\n");
        var feeding = Task.Run(
            async () =>
            {
                try
                {
                    while (!bound.IsCancellationRequested)
                    {
                        await vklp.StandardInput.BaseStream.WriteAsync(line, bound.Token);
                    }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // vklp stopped reading: it has ended
                }
            },
            bound.Token);

        // Read a little, as `head` does, then go away.
        var first = new byte[4096];
        Assert.True(await vklp.StandardOutput.BaseStream.ReadAtLeastAsync(first, first.Length, cancellationToken: bound.Token) == first.Length);
        vklp.StandardOutput.BaseStream.Close();

        await vklp.WaitForExitAsync(bound.Token);
        Assert.Equal(141, vklp.ExitCode);
        Assert.Equal(string.Empty, await errors);
        await feeding;
    }

    /// <summary>The process's peak resident set so far (VmHWM), in kB.</summary>
    private static long PeakKb(int pid)
    {
        foreach (var entry in File.ReadLines($"/proc/{pid}/status"))
        {
            if (entry.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(entry["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static async Task<long> CountLinesAsync(Stream output, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long count = 0;
        int read;
        while ((read = await output.ReadAsync(buffer, cancellationToken)) > 0)
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return count;
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary>
/// The built <c>vklp</c> run as a separate process with real arguments, the way a person runs it: its stdout and
/// stderr read as they come, signals sent with kill(2), every wait bounded.
/// </summary>
internal sealed partial class VklpProcess : IAsyncDisposable
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _changed = new(0);

    private VklpProcess(Process process) => _process = process;

    /// <summary>The vklp.dll next to the tests (the project reference builds it there).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "vklp.dll");

    /// <summary>The <c>dotnet</c> host that runs the tests, so the tool runs on the same runtime.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>vklp ARGS</c>; stdin gets <paramref name="stdin"/> and is closed (not a terminal: nothing is asked).</summary>
    public static VklpProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, string? stdin = null) =>
        StartProgram(DotnetHost, [Dll, .. arguments], environment, workingDirectory, stdin);

    /// <summary>Starts any program (a shell running a documented command line, say) with the same isolation and reading.</summary>
    public static VklpProcess StartProgram(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, string? stdin = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Isolate(start.Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var vklp = new VklpProcess(process);
        process.OutputDataReceived += (_, e) => vklp.Append(vklp._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => vklp.Append(vklp._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        return vklp;
    }

    /// <summary>Runs <c>vklp ARGS</c> to its end.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? bound = null)
    {
        await using var vklp = Start(arguments, environment);
        var exit = await vklp.WaitForExitAsync(bound ?? DefaultBound);
        return (exit, vklp.Stdout, vklp.Stderr);
    }

    /// <summary>Empty user folders for the tool (no stored login, no checkpoints of the machine's user); a test gives its own to keep them.</summary>
    private static readonly string EmptyHome = Directory.CreateTempSubdirectory("vklp-tests-home-").FullName;

    /// <summary>No colours, no user folders of the machine, no telemetry; the caller adds what the test needs.</summary>
    public static void Isolate(IDictionary<string, string?> environment)
    {
        environment["XDG_CONFIG_HOME"] = Path.Combine(EmptyHome, "config");
        environment["XDG_DATA_HOME"] = Path.Combine(EmptyHome, "data");
        environment["NO_COLOR"] = "1";
        environment["VK_TOKEN"] = null;
        environment["VKLP_DEBUG"] = null;
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["HTTPS_PROXY"] = null;
        environment["HTTP_PROXY"] = null;
        environment["ALL_PROXY"] = null;
        environment["https_proxy"] = null;
        environment["http_proxy"] = null;
        environment["all_proxy"] = null;
    }

    /// <summary>Waits until stdout satisfies <paramref name="condition"/>; fails with both streams if the process ends or time runs out first.</summary>
    public Task<string> WaitForStdoutAsync(Func<string, bool> condition, TimeSpan? bound = null) => WaitForAsync(() => Stdout, condition, bound);

    public Task<string> WaitForStderrAsync(Func<string, bool> condition, TimeSpan? bound = null) => WaitForAsync(() => Stderr, condition, bound);

    /// <summary>Sends <paramref name="signal"/> to the process, or (with <paramref name="group"/>) to its whole process group, as a terminal's Ctrl+C does.</summary>
    public void Signal(int signal, bool group = false)
    {
        if (Kill(group ? -_process.Id : _process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for the end (killing the process when time runs out) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? bound = null)
    {
        using var timeout = new CancellationTokenSource(bound ?? DefaultBound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vklp did not end in time.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        // WaitForExitAsync returns once the streams are drained too.
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _changed.Dispose();
    }

    private async Task<string> WaitForAsync(Func<string> ready, Func<string, bool> condition, TimeSpan? bound)
    {
        using var timeout = new CancellationTokenSource(bound ?? DefaultBound);
        while (true)
        {
            var text = ready();
            if (condition(text))
            {
                return text;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(CancellationToken.None);
                if (condition(ready()))
                {
                    return ready();
                }

                throw new InvalidOperationException($"vklp ended (exit {_process.ExitCode}) before the expected output.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            try
            {
                await _changed.WaitAsync(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the expected output did not come in time.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }
        }
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }

        _changed.Release();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

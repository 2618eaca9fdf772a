using System.Diagnostics;

namespace VkLongPoll.TestSupport.Network;

/// <summary>
/// A server in a process of its own on 127.0.0.1 and a free port (redis-server, the soak's store). A free port can be taken
/// between the probe and the server's bind: then the server exits, and another port is tried, three times at most.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts <paramref name="launch"/>(port) until one listens; <paramref name="name"/> names it in a failure.</summary>
    /// <exception cref="TimeoutException">It neither listened nor exited within <paramref name="bound"/>.</exception>
    /// <exception cref="InvalidOperationException">It exited at start three times.</exception>
    public static async Task<ServerProcess> StartAsync(Func<int, Process> launch, string name, TimeSpan bound, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var process = launch(port);
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(bound);
                try
                {
                    // The process's exit is an event; a listening port is not, so it is asked every few milliseconds.
                    while (!process.HasExited && !await FreePort.AcceptsAsync(port, deadline.Token).ConfigureAwait(false))
                    {
                        await Task.WhenAny(process.WaitForExitAsync(deadline.Token), Task.Delay(Poll.Interval, deadline.Token)).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    process.Kill();
                    process.Dispose();
                    throw new TimeoutException($"{name} did not listen within {bound.TotalSeconds:0} s");
                }
            }

            if (!process.HasExited)
            {
                return new ServerProcess(process, port);
            }

            var code = process.ExitCode;
            process.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"{name} exited at start three times (last exit code {code})");
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}

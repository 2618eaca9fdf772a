using System.Runtime.InteropServices;

namespace VkLongPoll.Cli.Hosting;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM cancel <see cref="Token"/>, so a command stops cleanly: the batch in hand is finished,
/// the checkpoint saved, temporary files removed. A second signal while it stops ends the process at once.
/// </summary>
internal sealed class Signals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public Signals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>The exit code for the signal that stopped the command, or null when none did.</summary>
    public int? ExitCode => Volatile.Read(ref _received) switch
    {
        0 => null,
        var signal when signal == (int)PosixSignal.SIGTERM => ExitCodes.Terminated,
        _ => ExitCodes.Interrupted,
    };

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) != 0)
        {
            return; // the second one: let the runtime end the process
        }

        context.Cancel = true;
        _stop.Cancel();
    }
}

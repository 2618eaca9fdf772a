using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary>
/// A test run started in the background of a non-interactive shell (`dotnet test &amp;`, nohup, a CI script's subshell)
/// inherits SIGINT ignored, and an ignored signal stays ignored across fork and exec: every vklp these tests start would
/// then be deaf to the Ctrl+C the tests send it, and .NET does not hook a signal that was ignored at its start. So, once per
/// test assembly, an inherited "ignore" of SIGINT is put back to the default; a handler of the runtime's own is left alone.
/// </summary>
internal static partial class InheritedSignals
{
    private const int SigInt = 2;
    private const nint SigIgn = 1;

    [ModuleInitializer]
    internal static void RestoreInterrupt()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // struct sigaction of glibc on 64-bit Linux: the handler comes first; 256 bytes hold the whole structure.
        var current = new byte[256];
        if (Sigaction(SigInt, null, current) != 0 || BitConverter.ToInt64(current, 0) != SigIgn)
        {
            return;
        }

        var defaults = new byte[256]; // SIG_DFL, no flags, an empty mask
        _ = Sigaction(SigInt, defaults, null);
    }

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static partial int Sigaction(int signal, byte[]? action, byte[]? previous);
}

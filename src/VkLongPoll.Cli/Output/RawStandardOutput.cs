using Microsoft.Win32.SafeHandles;

namespace VkLongPoll.Cli.Output;

/// <summary>Standard output as a plain file descriptor, for output that programs read.</summary>
/// <remarks>
/// .NET's console streams do two things such output cannot have. They set a terminal up on their first write and put
/// the keypad-mode sequence (<c>ESC[?1h ESC=</c>) in front of it; a script reading <c>vklp emulate</c>'s first line
/// through a pseudo-terminal would get that instead of clean JSON. And they ignore a closed pipe (EPIPE): <c>vklp decode
/// … | head</c> would decode the rest of its input for nobody, and <c>vklp watch --json</c> whose reader died would go on
/// saving checkpoints for events no one received. Writing to descriptor 1 directly avoids both.
/// </remarks>
internal static class RawStandardOutput
{
    /// <summary>EPIPE, the error number of a write to a pipe nobody reads (Linux and macOS); .NET puts it in the HResult.</summary>
    private const int BrokenPipeErrno = 32;

    /// <summary>Standard output as text, flushed at every write.</summary>
    public static TextWriter Open()
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.Out;
        }

        return new StreamWriter(OpenStream(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
    }

    /// <summary>Standard output as bytes; a closed pipe is an <see cref="IOException"/> (<see cref="IsBrokenPipe"/>). Disposing it does not close it.</summary>
    public static Stream OpenStream() =>
        OperatingSystem.IsWindows()
            ? Console.OpenStandardOutput()
            : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    /// <summary>True when <paramref name="e"/> says the reader of the output went away.</summary>
    public static bool IsBrokenPipe(Exception e) => e is IOException { HResult: BrokenPipeErrno };
}

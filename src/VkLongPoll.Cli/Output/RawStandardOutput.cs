using Microsoft.Win32.SafeHandles;

namespace VkLongPoll.Cli.Output;

/// <summary>Standard output as a plain file descriptor, for output that must be byte-exact on a terminal too.</summary>
/// <remarks>
/// .NET's console streams set a terminal up on their first write and put the keypad-mode sequence
/// (<c>ESC[?1h ESC=</c>) in front of it; a script reading <c>vklp emulate</c>'s first line through a pseudo-terminal
/// would get that instead of clean JSON. Writing to descriptor 1 directly bypasses that set-up.
/// </remarks>
internal static class RawStandardOutput
{
    public static TextWriter Open()
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.Out;
        }

        var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        return new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
    }
}

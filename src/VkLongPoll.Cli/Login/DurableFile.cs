using System.Runtime.InteropServices;

namespace VkLongPoll.Cli.Login;

/// <summary>
/// A file replaced so that a crash or a power loss leaves either the old one or the new one, never nothing: written to a
/// temporary file (mode 0600) that is flushed to the disk, moved over the old one, and the folder flushed too (the move
/// itself lives in the folder's entry, which a crash could otherwise lose).
/// </summary>
internal static partial class DurableFile
{
    public static void Replace(string path, Action<Stream> write)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Sqlite.PrivateFile.CreateFolder(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        FlushFolder(folder);
    }

    private static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        const int ReadOnly = 0, Directory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux
        var descriptor = Open(folder, ReadOnly | Directory);
        if (descriptor < 0)
        {
            return; // the file itself is on the disk; a folder that cannot be opened is flushed by the system later
        }

        _ = Fsync(descriptor);
        _ = Close(descriptor);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}

namespace VkLongPoll.Cli.Hosting;

/// <summary>
/// An exclusive lock between vklp processes: a file beside what it guards (mode 0600, in a 0700 folder), opened with no
/// sharing, which the system releases with the process even when it is killed. One opening for the checkpoint lock and the
/// login lock.
/// </summary>
internal static class LockFile
{
    /// <summary>The held lock, or null when another process holds it.</summary>
    /// <exception cref="IOException">The lock file cannot be made (its folder is a file, the disk is read-only…).</exception>
    /// <exception cref="UnauthorizedAccessException">The lock file may not be opened.</exception>
    public static FileStream? TryAcquire(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        Sqlite.PrivateFile.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            return new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}

using VkLongPoll.Cli.Hosting;

namespace VkLongPoll.Cli.Commands;

/// <summary>
/// One feed per checkpoint file: `vklp watch` holds an exclusive lock on <c>FILE.lock</c> beside it while it runs, so a
/// second watch on the same file stops at once instead of delivering every event a second time and overwriting the first
/// one's checkpoints. A separate file, because SQLite's own locks are POSIX record locks that closing any other handle on the
/// database would drop. The lock goes with the process, also when it is killed.
/// </summary>
internal static class CheckpointLock
{
    public static FileStream Acquire(string checkpointPath)
    {
        var path = Path.GetFullPath(checkpointPath) + ".lock";
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new CliFailure(ExitCodes.Checkpoints, $"the checkpoint file {checkpointPath} is in use by another vklp watch; stop that one, or give this one a file of its own with --checkpoints");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.Checkpoints, $"the checkpoint file {checkpointPath} cannot be locked: {e.Message}; choose another file with --checkpoints");
        }
    }
}

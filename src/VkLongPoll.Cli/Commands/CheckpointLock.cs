using VkLongPoll.Cli.Hosting;

namespace VkLongPoll.Cli.Commands;

/// <summary>
/// One feed per account and checkpoint file: `vklp watch` holds an exclusive lock on <c>FILE.NAME.lock</c> beside it (NAME:
/// the account's checkpoint name, a hash of its token) while it runs, so a second watch of the same account on the same file
/// stops at once instead of delivering every event a second time and overwriting the first one's checkpoints; watches of
/// other accounts share the file as before. A separate file, because SQLite's own locks are POSIX record locks that closing any other handle on the
/// database would drop. The lock goes with the process, also when it is killed.
/// </summary>
internal static class CheckpointLock
{
    public static FileStream Acquire(string checkpointPath, string checkpointName)
    {
        var path = $"{Path.GetFullPath(checkpointPath)}.{checkpointName}.lock";
        try
        {
            return LockFile.TryAcquire(path)
                ?? throw new CliFailure(ExitCodes.Checkpoints, $"the checkpoint file {checkpointPath} is in use by another vklp watch of this account; stop that one, or give this one a file of its own with --checkpoints");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.Checkpoints, $"the checkpoint file {checkpointPath} cannot be created: {e.Message}; choose another file with --checkpoints");
        }
    }
}

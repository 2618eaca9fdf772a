namespace VkLongPoll.Sqlite;

/// <summary>
/// Files that hold keys, tokens and message texts: created readable by their owner only (0600, in folders made 0700) before
/// anything is written to them. An existing file is the application's to judge (a worker's own database may hold the
/// checkpoints beside its data): <see cref="OpenToOthers"/> tells what is wrong, and vklp refuses such files, as ssh does.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Creates <paramref name="path"/> (and its folder) with mode 0600 unless it exists.</summary>
    /// <exception cref="CheckpointStoreException">The folder or the file cannot be made.</exception>
    public static void Create(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                return;
            }

            CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var created = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointStoreException(path, "cannot be created: " + e.Message, e);
        }
    }

    /// <summary>Creates <paramref name="folder"/> (and its parents) readable by the owner only (0700); an existing one is left as it is.</summary>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>What is wrong with <paramref name="path"/>'s mode and how to fix it, or null when only its owner can read or write it.</summary>
    public static string? OpenToOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & Others) == 0
            ? null
            : $"can be read or written by other users (mode {System.Convert.ToString((int)mode, 8)}); make it yours alone: chmod 600 {path}";
    }

    /// <summary>SQLite's errors in plain words, for <see cref="CheckpointStoreException"/>.</summary>
    internal static string Problem(Microsoft.Data.Sqlite.SqliteException e) => e.SqliteErrorCode switch
    {
        26 => "is not a SQLite database",
        11 => "is damaged (SQLite: database disk image is malformed)",
        5 or 6 => "is locked by another program",
        8 => "is read-only",
        14 => "cannot be opened",
        13 => "cannot be written: the disk is full",
        _ => $"cannot be used (SQLite error {e.SqliteErrorCode}: {e.Message})",
    };
}

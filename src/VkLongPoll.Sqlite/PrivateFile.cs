namespace VkLongPoll.Sqlite;

/// <summary>Database files created readable by their owner only (they hold keys, tokens and message texts), before SQLite opens them.</summary>
internal static class PrivateFile
{
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

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
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

    /// <summary>SQLite's errors in plain words, for <see cref="CheckpointStoreException"/>.</summary>
    public static string Problem(Microsoft.Data.Sqlite.SqliteException e) => e.SqliteErrorCode switch
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

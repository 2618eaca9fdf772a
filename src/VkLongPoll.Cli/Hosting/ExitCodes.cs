namespace VkLongPoll.Cli.Hosting;

/// <summary>The exit codes of every <c>vklp</c> command (the table in docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>A fault of vklp itself (a bug): one line, and the details with <c>VKLP_DEBUG=1</c>.</summary>
    public const int Internal = 1;

    /// <summary>What was typed is wrong: an unknown or malformed option, a missing or unreadable file, input that is not Long Poll data.</summary>
    public const int Usage = 2;

    /// <summary>No token, or VK does not accept it (rejected, expired, without access to messages).</summary>
    public const int Token = 3;

    /// <summary>The checkpoint file cannot be used (not a database, locked, cannot be created); it was left as it was.</summary>
    public const int Checkpoints = 4;

    /// <summary>VK refuses in a way that retrying cannot fix: a captcha or validation, an unsupported version, another API error.</summary>
    public const int VkRefused = 5;

    /// <summary><c>vklp soak</c> found events lost, duplicated or reordered.</summary>
    public const int CheckFailed = 6;

    /// <summary>Stopped with Ctrl+C (SIGINT): 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped with SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>The reader of the output went away (<c>vklp decode … | head</c>): 128 + 13, as a program ended by SIGPIPE.</summary>
    public const int BrokenPipe = 141;
}

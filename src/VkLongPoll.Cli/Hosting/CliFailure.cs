namespace VkLongPoll.Cli.Hosting;

/// <summary>A failure a person can meet and fix: printed as one line (<c>vklp COMMAND: message</c>), exit with <see cref="ExitCode"/>.</summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliFailure Usage(string message) => new(ExitCodes.Usage, message);
}

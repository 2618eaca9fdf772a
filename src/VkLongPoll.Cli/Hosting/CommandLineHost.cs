using System.CommandLine;
using System.CommandLine.Invocation;

namespace VkLongPoll.Cli.Hosting;

/// <summary>
/// Parses and runs a command so that every way it can end is one plain line and a documented exit code
/// (docs/cli.md): a bad option, a failure a person can fix, Ctrl+C, SIGTERM, or a bug.
/// </summary>
internal static class CommandLineHost
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, Signals signals, TextWriter stderr)
    {
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        var command = parse.CommandResult.Command is RootCommand ? "vklp" : $"vklp {parse.CommandResult.Command.Name}";
        if (parse.Action is ParseErrorAction)
        {
            // System.CommandLine would print every error and the whole help; one line says what to fix.
            // "Required command was not provided" only when nothing more telling (an unknown word) was found.
            var error = parse.Errors.Count > 1 && parse.CommandResult.Command is RootCommand ? parse.Errors[^1] : parse.Errors[0];
            // A token typed into the wrong place is named in the message: shown redacted, never echoed.
            await stderr.WriteLineAsync($"{command}: {Output.SecretText.Redact(error.Message.TrimEnd('.'))} (see '{command} --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            // Our own report instead of "Unhandled exception" and a stack trace; our own signal handling (Signals).
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
            Error = stderr,
        };
        try
        {
            return await parse.InvokeAsync(configuration, signals.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signals.ExitCode is { } code)
        {
            return code;
        }
        catch (Exception e)
        {
            return FailureReport.Write(stderr, command, e);
        }
    }
}

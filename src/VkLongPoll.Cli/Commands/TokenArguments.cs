using VkLongPoll.Cli.Hosting;

namespace VkLongPoll.Cli.Commands;

/// <summary>
/// Where `vklp watch` takes a token from the command line: <c>--token-file FILE</c> (readable by you only, as ssh wants its
/// keys), <c>--token -</c> (one line of standard input), or <c>--token VALUE</c>, which works but is seen by every user of the
/// machine in <c>ps</c> and stays in the shell's history — so it says so on stderr.
/// </summary>
internal static class TokenArguments
{
    public const string Warning = "--token VALUE is visible to other users of this machine (ps) and stays in your shell's history; prefer vklp login, VK_TOKEN, --token-file FILE or --token - (standard input)";

    /// <summary>The token given on the command line, or null when none was.</summary>
    public static string? Read(string? token, string? tokenFile, TextReader stdin, TextWriter stderr, string command)
    {
        if (token is not null && tokenFile is not null)
        {
            throw CliFailure.Usage("give --token or --token-file, not both");
        }

        if (tokenFile is not null)
        {
            return FromFile(tokenFile);
        }

        if (token == "-")
        {
            var line = stdin.ReadLine();
            return string.IsNullOrWhiteSpace(line) ? throw new CliFailure(ExitCodes.Token, "--token -: standard input gave no token") : line.Trim();
        }

        if (!string.IsNullOrWhiteSpace(token))
        {
            stderr.WriteLine($"{command}: {Warning}");
        }

        return token;
    }

    private static string FromFile(string path)
    {
        try
        {
            if (Sqlite.PrivateFile.OpenToOthers(path) is { } problem)
            {
                throw CliFailure.Usage($"--token-file {path} {problem}");
            }

            var text = File.ReadAllText(path).Trim();
            return text.Length == 0 ? throw new CliFailure(ExitCodes.Token, $"--token-file {path} is empty") : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"cannot read --token-file {path}: {e.Message}");
        }
    }
}

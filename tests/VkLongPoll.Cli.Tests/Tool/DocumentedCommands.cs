using System.Text;
using System.Text.RegularExpressions;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary>The command lines of a Markdown document: every line of its <c>bash</c>/<c>sh</c>/<c>shell</c> code blocks, in order.</summary>
/// <remarks>Comment lines (<c># …</c>, which also show output) are not commands; a trailing <c>  # …</c> outside quotes is dropped; <c>\</c> joins lines.</remarks>
internal static partial class DocumentedCommands
{
    public static IReadOnlyList<string> Read(string markdown)
    {
        var commands = new List<string>();
        var inShell = false;
        var inOther = false;
        var pending = new StringBuilder();
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (Fence().Match(line) is { Success: true } fence)
            {
                if (inShell || inOther)
                {
                    inShell = inOther = false;
                }
                else if (fence.Groups[1].Value is "bash" or "sh" or "shell")
                {
                    inShell = true;
                }
                else
                {
                    inOther = true;
                }

                continue;
            }

            if (!inShell)
            {
                continue;
            }

            var command = WithoutComment(line).Trim();
            if (command.EndsWith('\\'))
            {
                pending.Append(command[..^1].TrimEnd()).Append(' ');
                continue;
            }

            pending.Append(command);
            if (pending.ToString().Trim() is { Length: > 0 } whole)
            {
                commands.Add(whole);
            }

            pending.Clear();
        }

        return commands;
    }

    /// <summary>The line without a comment that starts with <c>#</c> after whitespace (or at the start), outside quotes.</summary>
    internal static string WithoutComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    [GeneratedRegex(@"^\s*```\s*([A-Za-z0-9_+-]*)\s*$")]
    private static partial Regex Fence();
}

using Spectre.Console;
using VkLongPoll.Cli.Output;
using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>Prints feed lines: time, then the text made inert for the terminal, coloured by kind; continuation lines indented.</summary>
/// <remarks>
/// Long lines are wrapped at the terminal's width with the same hanging indent as explicit new lines, between words, never
/// inside an attachment's <c>[label link]</c>. Output that is not a terminal is not wrapped (a file keeps one line per event).
/// </remarks>
internal sealed partial class FeedPrinter(IAnsiConsole console, TimeProvider time, int? width = null)
{
    private const string Indent = "          ";

    private readonly int _width = width ?? TerminalWidth();

    /// <summary>One line of the feed, stamped with <paramref name="at"/>, else the message's own time, else now.</summary>
    public void Line(LongPollEvent e, string text, DateTimeOffset? at = null)
    {
        var stamp = (at?.ToLocalTime() ?? (e is MessageNewEvent { Message.Time: { } sent } ? sent.ToLocalTime() : time.GetLocalNow())).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var safe = Markup.Escape(Wrap(TerminalText.Sanitize(text), _width - Indent.Length)).Replace("\n", "\n" + Indent, StringComparison.Ordinal);
        var style = e switch
        {
            FriendOnlineEvent => "green",
            FriendOfflineEvent => "grey",
            ActivityEvent => "grey italic",
            MessageNewEvent { Message.Action: not null } or ChatInfoEvent => "yellow",
            MessageNewEvent { Message.IsOutgoing: true } => "cyan",
            MessageNewEvent => "default",
            MessageFlagsSetEvent or MessagesDeletedEvent => "red",
            UnreadCounterEvent => "blue",
            _ => "default",
        };
        console.MarkupLine($"[grey]{stamp}[/]  [{style}]{safe}[/]");
    }

    /// <summary>A dim status line (recoveries, reconnects): what the session does, not what happened on the account.</summary>
    public void Status(string text) =>
        console.MarkupLine($"[grey dim]{Markup.Escape(TerminalText.Sanitize(text, keepNewlines: false))}[/]");

    public void Header(string text) => console.MarkupLine($"[bold]{Markup.Escape(text)}[/]");

    /// <summary>The terminal's columns; no wrapping when the output is not a terminal.</summary>
    private static int TerminalWidth()
    {
        try
        {
            // A terminal that does not say its width (0) is not wrapped either.
            return Console.IsOutputRedirected || Console.WindowWidth < 20 ? int.MaxValue : Console.WindowWidth;
        }
        catch (IOException)
        {
            return int.MaxValue;
        }
    }

    /// <summary>Greedy wrapping at <paramref name="width"/> columns: words, and each <c>[label link]</c> as one word.</summary>
    internal static string Wrap(string text, int width)
    {
        if (width < 20)
        {
            return text;
        }

        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (var word in Words().Matches(paragraph).Select(m => m.Value))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
            }

            lines.Add(line.ToString());
        }

        return string.Join('\n', lines);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[[^\]\n]*\]|\S+")]
    private static partial System.Text.RegularExpressions.Regex Words();
}

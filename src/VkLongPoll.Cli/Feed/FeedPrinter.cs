using Spectre.Console;
using VkLongPoll.Cli.Output;
using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>Prints feed lines: time, then the text made inert for the terminal, coloured by kind; continuation lines indented.</summary>
internal sealed class FeedPrinter(IAnsiConsole console, TimeProvider time)
{
    private const string Indent = "          ";

    public void Line(LongPollEvent e, string text)
    {
        var stamp = (e is MessageNewEvent { Message.Time: { } sent } ? sent.ToLocalTime() : time.GetLocalNow()).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var safe = Markup.Escape(TerminalText.Sanitize(text)).Replace("\n", "\n" + Indent, StringComparison.Ordinal);
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
}

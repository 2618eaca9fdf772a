using VkLongPoll.Cli.Output;

namespace VkLongPoll.Cli.Hosting;

/// <summary>
/// How <c>vklp watch</c> answers VK's captcha: with <c>--captcha-token</c> when given, else by asking on the terminal (the
/// page to open, then the <c>success_token</c> it gives, or the older captcha's characters); with neither, it does not answer
/// and the watch ends with the one line that says how.
/// </summary>
/// <remarks>
/// The given token answers every captcha of the run, not only the first: the session and the name lookups call VK side by
/// side and may meet the same captcha together; one that does not pass is refused three times, then the line says so.
/// </remarks>
internal sealed class CaptchaAnswers(string? given, TextWriter prompt)
{
    private readonly Lock _sync = new();
    private Task<string?>? _asking;
    private string? _askedFor;

    public async ValueTask<string?> AnswerAsync(VkCaptcha captcha, CancellationToken cancellationToken)
    {
        if (given is { Length: > 0 } token)
        {
            return token.Trim();
        }

        if (Console.IsInputRedirected)
        {
            return null;
        }

        // The session, the name lookups and the presence watcher call VK side by side and meet one captcha together: one
        // question on the terminal, and its answer for all of them (two prompts would fight over what is typed).
        Task<string?> asking;
        lock (_sync)
        {
            var which = captcha.RedirectUri ?? captcha.Sid;
            if (_asking is null || (_asking.IsCompleted && which != _askedFor))
            {
                _askedFor = which;
                _asking = AskAsync(captcha, cancellationToken);
            }

            asking = _asking;
        }

        return await asking.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> AskAsync(VkCaptcha captcha, CancellationToken cancellationToken)
    {
        // The page's address comes from the network: made inert before it reaches the terminal.
        var question = captcha.RedirectUri is { } page
            ? $"vklp watch: VK asks for a captcha: open {TerminalText.Sanitize(page, keepNewlines: false)} in a browser, pass it, and paste the success_token it gives (Enter alone gives up): "
            : $"vklp watch: VK asks for a captcha: open {TerminalText.Sanitize(captcha.ImageUrl ?? "(no image)", keepNewlines: false)} and type the characters you see (Enter alone gives up): ";
        await prompt.FlushAsync(cancellationToken).ConfigureAwait(false);
        var answer = await Task.Run(() => SecretPrompt.Read(question, "stopped at VK's captcha"), cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(answer) ? null : answer.Trim();
    }
}

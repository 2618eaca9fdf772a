using System.Security.Cryptography;
using VkLongPoll.Cli.Output;

namespace VkLongPoll.Cli.Hosting;

/// <summary>Turns what ended a command into one plain line and an exit code; never a stack trace unless <c>VKLP_DEBUG=1</c> asks for it.</summary>
internal static class FailureReport
{
    /// <summary>Where to read how to get a token that works.</summary>
    public const string TokenHelp = "see docs/tokens.md";

    public static bool Debug => Environment.GetEnvironmentVariable("VKLP_DEBUG") is "1" or "true";

    /// <summary>The line (without the <c>vklp COMMAND:</c> prefix) and the exit code for <paramref name="e"/>.</summary>
    public static (string Message, int ExitCode) Describe(Exception e) => e switch
    {
        CliFailure failure => (failure.Message, failure.ExitCode),
        VkAuthorizationException auth => (
            $"VK rejected the token ({auth.ErrorMessage}): it is invalid, expired or revoked; get a new user token with access to messages ({TokenHelp})",
            ExitCodes.Token),
        VkAccessDeniedException denied => ($"{denied.Explanation} ({denied.ErrorMessage}; {TokenHelp})", ExitCodes.Token),
        VkApiException { ErrorCode: 15 } denied => (
            $"this token has no access to messages ({denied.ErrorMessage}); the User Long Poll needs a user token with the messages permission, or a community token with --group-id ({TokenHelp})",
            ExitCodes.Token),
        VkCaptchaException captcha => (
            $"VK asks for a captcha ({captcha.ErrorMessage}){(captcha.Captcha.RedirectUri is { } uri ? $"; open {uri} in a browser, pass it, then run again in a terminal to paste the success_token it gives, or with --captcha-token TOKEN (docs/tokens.md)" : captcha.Captcha.ImageUrl is { } image ? $"; run again in a terminal to type the characters of {image}, or with --captcha-token CHARACTERS" : string.Empty)}",
            ExitCodes.VkRefused),
        VkValidationException validation => (
            $"VK wants the account validated ({validation.ErrorMessage}){(validation.RedirectUri is { } page ? $": open {page} in a browser, then get a new token" : string.Empty)}",
            ExitCodes.VkRefused),
        VkIdException { RequiresSignIn: true } vkId => ($"{vkId.Message}; run vklp login again", ExitCodes.Token),
        VkIdException vkId => ($"{vkId.Message}; VK ID may answer later: try again in a while", ExitCodes.VkRefused),
        VkApiException api => ($"VK refused: {api.Message}", ExitCodes.VkRefused),
        LongPollVersionException version => (version.Message, ExitCodes.VkRefused),
        CheckpointStoreException store => (
            $"{store.Message}; it was left as it is (choose another file with --checkpoints)", ExitCodes.Checkpoints),
        VkLongPollException other => (other.Message, ExitCodes.VkRefused),
        _ => ($"unexpected error ({e.GetType().Name}: {e.Message}); run with VKLP_DEBUG=1 for details", ExitCodes.Internal),
    };

    /// <summary>Writes the line (made inert: VK's error texts come from the network) and, with VKLP_DEBUG=1, the exception.</summary>
    public static int Write(TextWriter stderr, string command, Exception e)
    {
        var (message, code) = Describe(e);
        stderr.WriteLine($"{command}: {TerminalText.Sanitize(SecretText.Redact(message), keepNewlines: false)}");
        if (Debug && e is not CliFailure)
        {
            stderr.WriteLine(e.ToString());
        }

        return code;
    }

    /// <summary>A PEM certificate file to trust, checked before anything is sent: a plain failure names the file.</summary>
    public static void CheckCertificate(string? path, string option)
    {
        if (path is null)
        {
            return;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"cannot read {option} {path}: {e.Message}");
        }

        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(text);
        }
        catch (CryptographicException e)
        {
            throw CliFailure.Usage($"{option} {path} is not a PEM certificate: {e.Message}");
        }
    }
}

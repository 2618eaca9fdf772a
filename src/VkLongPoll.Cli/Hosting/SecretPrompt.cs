namespace VkLongPoll.Cli.Hosting;

/// <summary>Asks for a secret (a token) on the terminal without echoing it.</summary>
internal static class SecretPrompt
{
    /// <summary>Asks for a secret (a token) without echoing it; null when there is no terminal to ask on.</summary>
    /// <param name="question">What is asked.</param>
    /// <param name="stopped">What the one line says when Ctrl+C is pressed instead (exit 130).</param>
    public static string? Read(string question, string stopped = "stopped before a token was given")
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        Console.Error.Write(question);
        var token = new System.Text.StringBuilder();
        // Ctrl+C as a key while asking: a blocked ReadKey would not see the signal's cancellation.
        var treatControlC = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            return ReadSecret(token, stopped);
        }
        finally
        {
            Console.TreatControlCAsInput = treatControlC;
        }
    }

    private static string ReadSecret(System.Text.StringBuilder token, string stopped)
    {
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control))
            {
                Console.Error.WriteLine();
                throw new CliFailure(ExitCodes.Interrupted, stopped);
            }

            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return token.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && token.Length > 0)
            {
                token.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                token.Append(key.KeyChar);
            }
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VkLongPoll.Cli.Hosting;
using VkLongPoll.Cli.Output;
using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Commands;

/// <summary><c>vklp emulate</c>: runs the VK emulator in the foreground until Ctrl+C.</summary>
internal static class EmulateCommand
{
    public static Command Create()
    {
        var port = OptionParsers.Int("--port", "Port to listen on (0 picks a free one).", 0, 0, 65535, "-p");
        var http = new Option<bool>("--http") { Description = "Plain HTTP instead of HTTPS (loopback only)." };
        var seed = OptionParsers.Int("--seed", "Seed of the world and of scenarios.", 1, int.MinValue, int.MaxValue);
        var accounts = OptionParsers.Int("--accounts", "How many accounts (tokens).", 1, 1, 100_000);
        var faults = new Option<string?>("--faults") { Description = "Random Long Poll faults: RATE or RATE:KIND,KIND (e.g. 0.05:failed_1,http_502)." };
        var tokenLifetime = OptionParsers.Int("--vkid-token-lifetime", "Seconds a VK ID access token works (VK: 3600); short ones show renewal.", 3600, 1, 30 * 24 * 3600);
        var envFile = new Option<string?>("--env-file") { Description = "Also write API_URL, TOKEN, CONTROL and CA as shell assignments to this file (removed on exit), for '. FILE' in another terminal." };
        var cert = OptionParsers.FilePath("--cert", "Keep the certificate in this PEM file (its key in FILE.key, 0600): made on the first start, reused after, so an app that trusts it needs no restart.");
        var command = new Command("emulate", "Run a VK API + User and Bots Long Poll emulator on loopback. First line of output: JSON with api_url, token, control_url, ca_cert_pem_path, community_ids, community_tokens.")
        {
            port, http, seed, accounts, faults, tokenLifetime, envFile, cert,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new EmulatorOptions
            {
                Port = result.GetValue(port),
                PlainHttp = result.GetValue(http),
                Seed = result.GetValue(seed),
                Accounts = result.GetValue(accounts),
                VkIdTokenLifetime = TimeSpan.FromSeconds(result.GetValue(tokenLifetime)),
            };
            if (result.GetValue(cert) is { } kept)
            {
                options.CertificatePemPath = Path.GetFullPath(kept);
                options.CertificateKeyPath = options.CertificatePemPath + ".key";
            }

            using var stdout = RawStandardOutput.Open();
            return await RunAsync(options, result.GetValue(faults), result.GetValue(envFile), stdout, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(EmulatorOptions options, string? faultSpec, string? envFile, TextWriter stdout, CancellationToken cancellationToken)
    {
        VkEmulator emulator;
        try
        {
            emulator = await VkEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            // The port is taken, or --cert names a file that cannot be written or is not a certificate with its key.
            throw CliFailure.Usage(e is IOException { InnerException: { } inner } ? $"{e.Message} ({inner.Message})" : e.Message);
        }

        await using (emulator.ConfigureAwait(false))
        {
            if (faultSpec is not null && !TryApplyFaults(emulator.Faults, faultSpec, options.Seed, out var error))
            {
                throw CliFailure.Usage($"--faults: {error}");
            }

            // Before the first line: whoever waits for that line may read the file at once.
            if (envFile is not null)
            {
                WriteEnvFile(envFile, emulator);
            }

            try
            {
                await stdout.WriteLineAsync(FirstLine(emulator)).ConfigureAwait(false);
                await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM is how an emulator is meant to stop: exit 0 once its files are removed.
            }
            finally
            {
                if (envFile is not null)
                {
                    File.Delete(envFile);
                }
            }
        }

        return 0;
    }

    /// <summary>One JSON line, so scripts can read where to connect; the token is the emulator's own, not a secret.</summary>
    private static string FirstLine(VkEmulator emulator)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("api_url", emulator.ApiUrl.ToString());
            json.WriteString("token", emulator.Tokens[0]);
            json.WriteNumber("user_id", emulator.UserIds[0]);
            json.WriteString("control_url", emulator.ControlUrl.ToString());
            json.WriteString("ca_cert_pem_path", emulator.CertificatePemPath);
            json.WriteString("vkid_url", emulator.VkIdUrl.ToString());
            json.WriteNumber("vkid_app_id", emulator.VkIdAppId);

            // Every account, in order (the first is also "token" and "user_id"): --accounts 2 showed only the first.
            json.WriteStartArray("tokens");
            foreach (var token in emulator.Tokens)
            {
                json.WriteStringValue(token);
            }

            json.WriteEndArray();
            json.WriteStartArray("user_ids");
            foreach (var id in emulator.UserIds)
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();

            // The communities (EmulatorOptions' default: one), in order: group ids, their tokens (the emulator's own, as the
            // user tokens above) and the code each one's Callback API server must answer to the confirmation request.
            json.WriteStartArray("community_ids");
            foreach (var id in emulator.CommunityIds)
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
            json.WriteStartArray("community_tokens");
            foreach (var token in emulator.CommunityTokens)
            {
                json.WriteStringValue(token);
            }

            json.WriteEndArray();
            json.WriteStartArray("callback_confirmation_codes");
            for (var i = 0; i < emulator.CommunityIds.Count; i++)
            {
                json.WriteStringValue(emulator.CallbackConfirmationCode(i));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The first line's values as shell assignments (single-quoted: nothing in them is expanded), readable by the owner only.</summary>
    private static void WriteEnvFile(string path, VkEmulator emulator)
    {
        static string Quoted(string? value) => "'" + (value ?? string.Empty).Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var text = string.Join('\n',
            "API_URL=" + Quoted(emulator.ApiUrl.ToString()),
            "TOKEN=" + Quoted(emulator.Tokens[0]),
            "CONTROL=" + Quoted(emulator.ControlUrl.ToString()),
            "CA=" + Quoted(emulator.CertificatePemPath),
            "VKID_URL=" + Quoted(emulator.VkIdUrl.ToString()),
            "VKID_APP_ID=" + Quoted(emulator.VkIdAppId.ToString(CultureInfo.InvariantCulture)),
            "TOKENS=" + Quoted(string.Join(' ', emulator.Tokens)),
            "USER_IDS=" + Quoted(string.Join(' ', emulator.UserIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))),
            "COMMUNITY_ID=" + Quoted(emulator.CommunityIds[0].ToString(CultureInfo.InvariantCulture)),
            "COMMUNITY_TOKEN=" + Quoted(emulator.CommunityTokens[0]),
            "COMMUNITY_IDS=" + Quoted(string.Join(' ', emulator.CommunityIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))),
            "COMMUNITY_TOKENS=" + Quoted(string.Join(' ', emulator.CommunityTokens)),
            string.Empty);
        // CreateNew: a second emulator on the same path must not overwrite the first one's file (and remove it on exit).
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
            writer.Write(text);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw CliFailure.Usage($"--env-file: {path} exists (another vklp emulate may be using it); choose another file, or remove it if no emulator is running");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"cannot write --env-file {path}: {e.Message}");
        }
    }

    internal static bool TryApplyFaults(FaultInjector faults, string spec, int seed, out string error)
    {
        error = string.Empty;
        var parts = spec.Split(':', 2);
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or > 1)
        {
            error = $"'{parts[0]}' is not a rate between 0 and 1";
            return false;
        }

        var kinds = new List<FaultKind>();
        foreach (var name in parts.Length > 1 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [])
        {
            if (!FaultInjector.Names.TryGetValue(name, out var kind))
            {
                error = $"unknown fault '{name}'; known: {string.Join(", ", FaultInjector.Names.Keys)}";
                return false;
            }

            kinds.Add(kind);
        }

        faults.SetRandom(rate, seed, kinds);
        return true;
    }
}

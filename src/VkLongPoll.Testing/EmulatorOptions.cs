namespace VkLongPoll.Testing;

/// <summary>How the emulator listens and behaves. Defaults match VK where VK's behaviour is known.</summary>
/// <remarks>Settable (bindable from configuration), checked and copied when the emulator starts.</remarks>
public sealed class EmulatorOptions
{
    /// <summary>Port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Serve plain HTTP instead of HTTPS (loopback only). The <c>server</c> then carries an <c>http://</c> scheme.</summary>
    public bool PlainHttp { get; set; }

    /// <summary>Address to bind. Loopback unless told otherwise.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Seed of the generated world (names, ids, tokens, keys) and of scenarios.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How many accounts (each with its own token) the world has.</summary>
    public int Accounts { get; set; } = 1;

    /// <summary>How many communities (ids 229000001, 229000002…, each with its own community token) the world has; the first account administers them.</summary>
    public int Communities { get; set; } = 1;

    /// <summary>
    /// How long the callback sender waits for a receiver's answer before it counts the attempt failed and sends the event
    /// again (VK documents no figure; 10 seconds is the emulator's choice).
    /// </summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The callback sender's wait before the first retry of an event; it doubles with each retry (VK documents no schedule).</summary>
    public TimeSpan CallbackRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed attempts in a row after which the sender marks the server <c>failed</c> and pauses (VK: "several errors in a row").</summary>
    public int CallbackFailuresBeforePause { get; set; } = 5;

    /// <summary>How long the sender leaves a failed server alone before it confirms it again and goes on with the same event.</summary>
    public TimeSpan CallbackPause { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events kept for <c>a_check</c>; a <c>ts</c> older than this window gets <c>failed: 1</c>. VK keeps about 256.</summary>
    public int RetainedEvents { get; set; } = 256;

    /// <summary>Events kept in the journal and for <c>getLongPollHistory</c>; older <c>pts</c> gets error 907.</summary>
    public int JournalCapacity { get; set; } = 200_000;

    /// <summary>Lifetime of a Long Poll key; afterwards <c>failed: 2</c>. VK: about an hour.</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How <c>getLongPollHistory</c> pages when a gap holds more than a page: the two readings of <c>more</c> that VK's
    /// sources give (docs/real-vk.md). <see cref="HistoryPaging.ByNewPts"/>, the default, is what the version 19 protocol
    /// notes say and VK's method page now implies (<c>pts</c> is "the last new_pts").
    /// </summary>
    public HistoryPaging HistoryPaging { get; set; } = HistoryPaging.ByNewPts;

    /// <summary>How old a <c>ts</c> given to <c>getLongPollHistory</c> may be before it answers error 10 (VK: about a day).</summary>
    public TimeSpan HistoryTsLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The id of the one VK ID app the emulator knows (<c>client_id</c>); its trusted redirect URLs are loopback addresses.</summary>
    public int VkIdAppId { get; set; } = 54_000_001;

    /// <summary>Whether VK ID grants that app's tokens the <c>messages</c> right (VK: only on request through support).</summary>
    public bool VkIdGrantsMessages { get; set; } = true;

    /// <summary>How long a VK ID access token works (VK: one hour); a refresh token gives the next.</summary>
    public TimeSpan VkIdTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Highest Long Poll version accepted (reported with <c>failed: 4</c>).</summary>
    public int MaxVersion { get; set; } = 21;

    /// <summary>API calls a token may make per second before error 6 (VK: 3 for user tokens); 0 turns the limit off.</summary>
    public int ApiCallsPerSecond { get; set; } = 3;

    /// <summary>API calls a community token may make per second before error 6 (VK: 20); 0 for no limit.</summary>
    public int CommunityApiCallsPerSecond { get; set; } = 20;

    /// <summary>The language of scenario texts and chat titles: <c>ru</c> (default) or <c>en</c>.</summary>
    public string ScenarioLanguage { get; set; } = "ru";

    /// <summary>The clock for key expiry, <c>wait</c>, rate limits and scenarios (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where to write the CA certificate PEM; a temporary file when null.</summary>
    public string? CertificatePemPath { get; set; }

    /// <summary>
    /// Keeps the certificate across restarts: the private key's PEM file, beside <see cref="CertificatePemPath"/> (which is
    /// then required). When both files exist they are loaded; otherwise a new certificate is made and both are written
    /// (the key 0600). Neither is removed when the emulator stops, so an app that trusts the certificate needs no restart
    /// after the emulator's.
    /// </summary>
    public string? CertificateKeyPath { get; set; }

    internal EmulatorOptions Copy() => (EmulatorOptions)MemberwiseClone();

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "port must be 0–65535");
        }

        if (CertificateKeyPath is not null && CertificatePemPath is null)
        {
            throw new ArgumentException("a kept certificate (CertificateKeyPath) needs CertificatePemPath beside it", nameof(CertificateKeyPath));
        }

        if (Accounts is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Accounts), Accounts, "accounts must be 1–100000");
        }

        if (Communities is < 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(Communities), Communities, "communities must be 0–1000");
        }

        if (CallbackTimeout <= TimeSpan.Zero || CallbackRetryDelay < TimeSpan.Zero || CallbackPause < TimeSpan.Zero || CallbackFailuresBeforePause < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CallbackTimeout), "callback timeout must be positive, delays not negative, failures before pause at least 1");
        }

        if (RetainedEvents < 1 || JournalCapacity < RetainedEvents)
        {
            throw new ArgumentOutOfRangeException(nameof(RetainedEvents), "need 1 ≤ retained events ≤ journal capacity");
        }
    }
}

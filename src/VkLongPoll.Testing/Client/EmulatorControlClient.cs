using System.Globalization;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace VkLongPoll.Testing;

/// <summary>
/// A typed client for the emulator's control API (<c>/_emulator/…</c>, docs/emulator.md): make things happen on an
/// account, inject faults, read the journal — for an emulator in this process (<see cref="VkEmulator.CreateControlClient"/>)
/// or one started as <c>vklp emulate</c> (<see cref="Connect"/>).
/// </summary>
public sealed partial class EmulatorControlClient : IDisposable
{
    private readonly Uri _controlUrl;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _token;

    /// <summary>A client for the control API at <paramref name="controlUrl"/> over <paramref name="httpClient"/>, acting on the account of <paramref name="token"/> (the first account when null).</summary>
    public EmulatorControlClient(Uri controlUrl, HttpClient httpClient, string? token = null)
        : this(controlUrl, httpClient, token, ownsHttp: false)
    {
    }

    private EmulatorControlClient(Uri controlUrl, HttpClient httpClient, string? token, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(controlUrl);
        ArgumentNullException.ThrowIfNull(httpClient);
        _controlUrl = new Uri(controlUrl.ToString().TrimEnd('/') + "/");
        _http = httpClient;
        _token = token;
        _ownsHttp = ownsHttp;
    }

    /// <summary>A client for an emulator started elsewhere (<c>vklp emulate</c>): its <c>control_url</c>, and its <c>ca_cert_pem_path</c> to trust (null for <c>--http</c>).</summary>
    public static EmulatorControlClient Connect(Uri controlUrl, string? caCertPemPath, string? token = null)
    {
        var handler = new SocketsHttpHandler();
        if (caCertPemPath is not null)
        {
            using var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(caCertPemPath));
            var hash = trusted.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                errors == SslPolicyErrors.None || presented?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == hash;
        }

        return new EmulatorControlClient(controlUrl, new HttpClient(handler), token, ownsHttp: true);
    }

    internal static EmulatorControlClient ForEmulator(VkEmulator emulator, string token) =>
        new(emulator.ControlUrl, new HttpClient(emulator.CreateTrustingHandler()), token, ownsHttp: true);

    /// <summary>A message to the account: from <paramref name="fromId"/> (default: the peer, or a member of a chat; the account's own id makes it outgoing) in <paramref name="peerId"/> (default: the first friend).</summary>
    public Task<EmulatorChange> SendMessageAsync(string text, long? peerId = null, long? fromId = null, CancellationToken cancellationToken = default) =>
        ActAsync("send", new Dictionary<string, object?> { ["text"] = text, ["peer_id"] = peerId, ["from_id"] = fromId }, cancellationToken);

    /// <summary>Edits a message: its text becomes <paramref name="text"/>.</summary>
    public Task<EmulatorChange> EditMessageAsync(long messageId, string text, CancellationToken cancellationToken = default) =>
        ActAsync("edit", new Dictionary<string, object?> { ["message_id"] = messageId, ["text"] = text }, cancellationToken);

    /// <summary>Deletes a message, for everyone when <paramref name="forAll"/>.</summary>
    public Task<EmulatorChange> DeleteMessageAsync(long messageId, bool forAll, CancellationToken cancellationToken = default) =>
        ActAsync("delete", new Dictionary<string, object?> { ["message_id"] = messageId, ["for_all"] = forAll }, cancellationToken);

    /// <summary>Someone types (or records, uploads: <paramref name="activity"/> is <c>typing voice photo video file video_message</c>) in <paramref name="peerId"/>.</summary>
    public Task<EmulatorChange> TypingAsync(long peerId, long? userId = null, string activity = "typing", CancellationToken cancellationToken = default) =>
        ActAsync("typing", new Dictionary<string, object?> { ["peer_id"] = peerId, ["user_id"] = userId, ["activity"] = activity }, cancellationToken);

    /// <summary>Any control action by its name with its fields (snake_case), as docs/emulator.md lists them.</summary>
    public Task<EmulatorChange> ActAsync(string action, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(fields);
        return ChangeAsync(action, fields, cancellationToken);
    }

    /// <summary>The next <paramref name="count"/> Long Poll answers (of any account) fail with <paramref name="kind"/>.</summary>
    public async Task InjectFaultAsync(FaultKind kind, int count = 1, CancellationToken cancellationToken = default)
    {
        var name = FaultInjector.Names.Single(pair => pair.Value == kind).Key;
        using var _ = await PostAsync("faults", new Dictionary<string, object?> { ["fault"] = name, ["count"] = count }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The next <paramref name="count"/> API calls (of any account; of <paramref name="method"/> only, when given) answer VK error
    /// <paramref name="errorCode"/>. Error 14 is a captcha that keeps coming until answered: in VK's 2025 form (<c>redirect_uri</c>,
    /// answered with the <c>success_token</c> its page gives), or with <paramref name="legacyCaptcha"/> the older one (<c>captcha_sid</c> + <c>captcha_key</c>).
    /// </summary>
    public async Task InjectApiErrorAsync(int errorCode, int count = 1, string? method = null, bool legacyCaptcha = false, CancellationToken cancellationToken = default)
    {
        using var _ = await PostAsync("api_faults", new Dictionary<string, object?>
        {
            ["error_code"] = errorCode,
            ["count"] = count,
            ["method"] = method,
            ["legacy"] = legacyCaptcha ? true : null,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new access token for the account: without <c>messages</c> access, or expiring after <paramref name="lifetime"/> on the emulator's clock.</summary>
    public async Task<string> IssueTokenAsync(bool messagesAccess = true, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        using var document = await PostAsync("token", new Dictionary<string, object?>
        {
            ["messages"] = messagesAccess,
            ["lifetime_seconds"] = lifetime is { } life ? (int)Math.Ceiling(life.TotalSeconds) : null,
        }, cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Every event still in the account's journal, in order, as <c>a_check</c> of <paramref name="version"/> and <paramref name="mode"/> would send it.</summary>
    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(int version = 19, int mode = 2 | 8 | 32 | 64 | 128, CancellationToken cancellationToken = default)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"journal?version={version}&mode={mode}{(_token is null ? "" : "&token=" + Uri.EscapeDataString(_token))}");
        using var response = await _http.GetAsync(new Uri(_controlUrl, query), cancellationToken).ConfigureAwait(false);
        using var document = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        var entries = new List<JournalEntry>();
        foreach (var e in document.RootElement.GetProperty("events").EnumerateArray())
        {
            entries.Add(new JournalEntry(
                e.GetProperty("ts").GetInt64(),
                e.GetProperty("pts").GetInt64(),
                e.GetProperty("persistent").GetBoolean(),
                e.GetProperty("sent").GetBoolean(),
                Encoding.UTF8.GetBytes(e.GetProperty("update").GetRawText())));
        }

        return entries;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<EmulatorChange> ChangeAsync(string action, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken)
    {
        using var document = await PostAsync(action, fields, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        long? Optional(string name) => root.TryGetProperty(name, out var value) ? value.GetInt64() : null;
        return new EmulatorChange(root.GetProperty("ts").GetInt64(), root.GetProperty("pts").GetInt64())
        {
            MessageId = Optional("message_id"),
            ConversationMessageId = Optional("conversation_message_id"),
            ChatId = Optional("chat_id"),
            PeerId = Optional("peer_id"),
        };
    }

    private async Task<JsonDocument> PostAsync(string action, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken)
    {
        var body = fields.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value);
        if (_token is not null)
        {
            body["token"] = _token;
        }

        using var response = await _http.PostAsJsonAsync(new Uri(_controlUrl, action), body, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = document.RootElement.TryGetProperty("error", out var text) ? text.GetString() : response.StatusCode.ToString();
            document.Dispose();
            throw new InvalidOperationException($"the emulator refused the request: {error}");
        }

        return document;
    }
}

/// <summary>What a control action changed: the account's newest <c>ts</c> and <c>pts</c>, and the ids it made.</summary>
/// <param name="Ts">The account's newest <c>ts</c> after the action.</param>
/// <param name="Pts">The account's newest <c>pts</c> after the action.</param>
public sealed record EmulatorChange(long Ts, long Pts)
{
    /// <summary>The message sent, edited or deleted.</summary>
    public long? MessageId { get; init; }

    /// <summary>Its id within the conversation.</summary>
    public long? ConversationMessageId { get; init; }

    /// <summary>The chat made or changed.</summary>
    public long? ChatId { get; init; }

    /// <summary>The chat's peer id (2000000000 + chat id).</summary>
    public long? PeerId { get; init; }
}

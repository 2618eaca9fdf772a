using System.Text.Json;
using System.Text.Json.Serialization;
using VkLongPoll.Cli.Hosting;

namespace VkLongPoll.Cli.Login;

/// <summary>What <c>vklp login</c> keeps: a VK ID login (tokens that renew) or a pasted token, in one file readable by its owner only.</summary>
/// <remarks>The file is <c>vklp/login.json</c> in the user's config folder (<c>$XDG_CONFIG_HOME</c>, else <c>~/.config</c>), mode 0600, replaced atomically. Nothing in it is ever printed.</remarks>
internal sealed record StoredLogin
{
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("expires_at")]
    public DateTimeOffset? ExpiresAt { get; init; }

    [JsonPropertyName("user_id")]
    public long UserId { get; init; }

    [JsonPropertyName("device_id")]
    public string? DeviceId { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("client_id")]
    public long? ClientId { get; init; }

    [JsonPropertyName("vkid_url")]
    public Uri? VkIdUrl { get; init; }

    public const string VkId = "vkid";
    public const string Token = "token";

    public static string DefaultPath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "vklp", "login.json");

    public static StoredLogin FromVkId(VkIdTokens tokens, long clientId, Uri vkIdUrl) => new()
    {
        Kind = VkId,
        AccessToken = tokens.AccessToken,
        RefreshToken = tokens.RefreshToken,
        ExpiresAt = tokens.ExpiresAt,
        UserId = tokens.UserId,
        DeviceId = tokens.DeviceId,
        Scope = tokens.Scope,
        ClientId = clientId,
        VkIdUrl = vkIdUrl,
    };

    public VkIdTokens ToVkIdTokens() =>
        new(AccessToken, RefreshToken ?? string.Empty, ExpiresAt ?? DateTimeOffset.MinValue, UserId, DeviceId ?? string.Empty, Scope ?? string.Empty);

    /// <summary>The stored login, or null when there is none.</summary>
    public static StoredLogin? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (Sqlite.PrivateFile.OpenToOthers(path) is { } problem)
        {
            throw new CliFailure(ExitCodes.Token, $"the stored login {path} {problem}");
        }

        try
        {
            var login = JsonSerializer.Deserialize(File.ReadAllBytes(path), LoginJsonContext.Default.StoredLogin);
            return login is { AccessToken.Length: > 0 } && (login.Kind == Token || login is { Kind: VkId, RefreshToken: not null, ClientId: not null, VkIdUrl: not null, DeviceId: not null })
                ? login
                : throw new JsonException("incomplete");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.Token, $"the stored login {path} cannot be read ({e.Message}); run vklp login again, or vklp logout");
        }
    }

    /// <summary>Writes the login durably (<see cref="DurableFile"/>): a crash leaves the old login or the new one, never half of one.</summary>
    public void Save(string path) =>
        DurableFile.Replace(path, stream => JsonSerializer.Serialize(stream, this, LoginJsonContext.Default.StoredLogin));

    /// <summary>No tokens in any string made of this record.</summary>
    public override string ToString() => $"StoredLogin {{ Kind = {Kind}, UserId = {UserId}, ExpiresAt = {ExpiresAt:O} }}";
}

[JsonSerializable(typeof(StoredLogin))]
internal sealed partial class LoginJsonContext : JsonSerializerContext;

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests;

/// <summary>A thin HTTP client for tests: VK API calls, raw a_check requests and control calls, over real HTTPS.</summary>
internal sealed class EmulatorClient : IDisposable
{
    private readonly VkEmulator _emulator;

    public EmulatorClient(VkEmulator emulator, int account = 0)
    {
        _emulator = emulator;
        Token = emulator.Tokens[account];
        UserId = emulator.UserIds[account];
        Http = new HttpClient(emulator.CreateTrustingHandler()) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Http { get; }

    public string Token { get; }

    public long UserId { get; }

    public async Task<JsonElement> ApiAsync(string method, Dictionary<string, string>? parameters = null, string? token = null)
    {
        var form = new Dictionary<string, string>(parameters ?? []) { ["access_token"] = token ?? Token, ["v"] = "5.199" };
        using var response = await Http.PostAsync(new Uri(_emulator.ApiUrl + "/" + method), new FormUrlEncodedContent(form));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<JsonElement> ResponseAsync(string method, Dictionary<string, string>? parameters = null)
    {
        var body = await ApiAsync(method, parameters);
        Assert.True(body.TryGetProperty("response", out var response), body.ToString());
        return response;
    }

    public async Task<(string Server, string Key, long Ts, long Pts)> LongPollServerAsync()
    {
        var r = await ResponseAsync("messages.getLongPollServer", new() { ["need_pts"] = "1", ["lp_version"] = "19" });
        return (r.GetProperty("server").GetString()!, r.GetProperty("key").GetString()!, r.GetProperty("ts").GetInt64(), r.GetProperty("pts").GetInt64());
    }

    public static Uri CheckUri(string server, string key, long ts, int wait = 0, int mode = 234, int version = 19) =>
        new($"{(server.StartsWith("http", StringComparison.Ordinal) ? string.Empty : "https://")}{server}?act=a_check&key={key}&ts={ts.ToString(CultureInfo.InvariantCulture)}&wait={wait}&mode={mode}&version={version}");

    public async Task<byte[]> CheckAsync(string server, string key, long ts, int wait = 0, int mode = 234, int version = 19, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(CheckUri(server, key, ts, wait, mode, version), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public async Task<JsonElement> ControlAsync(string action, object? body = null)
    {
        var uri = new Uri($"{_emulator.ControlUrl}/{action}{(action.Contains('?', StringComparison.Ordinal) ? '&' : '?')}token={Uri.EscapeDataString(Token)}");
        using var response = body is null ? await Http.GetAsync(uri) : await Http.PostAsJsonAsync(uri, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => Http.Dispose();
}

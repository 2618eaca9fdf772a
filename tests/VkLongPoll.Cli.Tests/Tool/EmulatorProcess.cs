using System.Net.Http.Json;
using System.Text.Json;

namespace VkLongPoll.Cli.Tests.Tool;

/// <summary><c>vklp emulate</c> as its own process, with what its first line tells and a client for its control API.</summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private EmulatorProcess(VklpProcess process, JsonElement first, string firstLine)
    {
        Process = process;
        FirstLine = firstLine;
        ApiUrl = first.GetProperty("api_url").GetString()!;
        Token = first.GetProperty("token").GetString()!;
        UserId = first.GetProperty("user_id").GetInt64();
        ControlUrl = first.GetProperty("control_url").GetString()!;
        CaCertPath = first.GetProperty("ca_cert_pem_path").GetString()!;
        VkIdUrl = first.GetProperty("vkid_url").GetString()!;
        VkIdAppId = first.GetProperty("vkid_app_id").GetInt64();
        var handler = new SocketsHttpHandler();
        var trusted = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(CaCertPath));
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == trusted.GetCertHashString();
        Http = new HttpClient(handler);
    }

    public VklpProcess Process { get; }

    public string FirstLine { get; }

    public string ApiUrl { get; }

    public string Token { get; }

    public long UserId { get; }

    public string ControlUrl { get; }

    public string CaCertPath { get; }

    public string VkIdUrl { get; }

    public long VkIdAppId { get; }

    public HttpClient Http { get; }

    /// <summary>The variables the documentation's commands use for what emulate's first line gives.</summary>
    public Dictionary<string, string?> Variables => new()
    {
        ["API_URL"] = ApiUrl,
        ["TOKEN"] = Token,
        ["CONTROL"] = ControlUrl,
        ["CA"] = CaCertPath,
    };

    public static async Task<EmulatorProcess> StartAsync(params string[] more)
    {
        var process = VklpProcess.Start(["emulate", .. more]);
        var stdout = await process.WaitForStdoutAsync(s => s.Contains('\n', StringComparison.Ordinal));
        var line = stdout[..stdout.IndexOf('\n', StringComparison.Ordinal)];
        return new EmulatorProcess(process, JsonDocument.Parse(line).RootElement.Clone(), line);
    }

    public async Task<JsonElement> ControlAsync(string action, object body)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(ControlUrl + "/" + action), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> StateAsync()
    {
        var text = await Http.GetStringAsync(new Uri(ControlUrl + "/state"));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Stops it as a person would (Ctrl+C) and returns the exit code.</summary>
    public async Task<int> StopAsync(int signal = VklpProcess.SigInt)
    {
        Process.Signal(signal);
        return await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}

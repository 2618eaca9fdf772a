using System.Net.Sockets;
using System.Text;
using VkLongPoll.TestSupport.Network;

namespace VkLongPoll.IntegrationTests;

/// <summary>The proxy tests' own proxy: it tunnels to loopback only, refuses what it does not do, and records what it tunnelled.</summary>
public sealed class ConnectProxyTests
{
    [Theory]
    [InlineData("GET http://127.0.0.1:9/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "HTTP/1.1 405 ")]
    [InlineData("CONNECT 192.0.2.1:443 HTTP/1.1\r\nHost: 192.0.2.1:443\r\n\r\n", "HTTP/1.1 403 ")]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", "HTTP/1.1 403 ")]
    public async Task AnythingButATunnelToLoopback_IsRefused_AndNothingIsTunnelled(string request, string status)
    {
        await using var proxy = new ConnectProxy();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Url.Host, proxy.Url.Port, bound.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), bound.Token);

        var answer = new byte[64];
        var read = await stream.ReadAtLeastAsync(answer, status.Length, throwOnEndOfStream: false, bound.Token);

        Assert.StartsWith(status, Encoding.ASCII.GetString(answer, 0, read), StringComparison.Ordinal);
        Assert.Empty(proxy.Tunnels);
    }

    [Fact]
    public async Task ATunnelToLoopback_CarriesBytesBothWays_AndIsRecorded()
    {
        using var echo = new TcpListener(System.Net.IPAddress.Loopback, 0);
        echo.Start();
        var port = ((System.Net.IPEndPoint)echo.LocalEndpoint).Port;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var serving = Task.Run(async () =>
        {
            using var peer = await echo.AcceptTcpClientAsync(bound.Token);
            var buffer = new byte[4];
            await peer.GetStream().ReadExactlyAsync(buffer, bound.Token);
            await peer.GetStream().WriteAsync(buffer.Reverse().ToArray(), bound.Token);
        });
        await using var proxy = new ConnectProxy();
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Url.Host, proxy.Url.Port, bound.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT 127.0.0.1:{port} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\nping"), bound.Token);

        var header = "HTTP/1.1 200 Connection established\r\nContent-Length: 0\r\n\r\n";
        var answer = new byte[header.Length + 4];
        await stream.ReadExactlyAsync(answer, bound.Token);
        await serving;

        Assert.Equal(header + "gnip", Encoding.ASCII.GetString(answer));
        Assert.Equal([$"127.0.0.1:{port}"], proxy.Tunnels);
        Assert.True(proxy.Tunnelled(port));
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VkLongPoll.TestSupport.Network;

/// <summary>
/// An HTTP CONNECT proxy on 127.0.0.1, in the test's own process: it tunnels to loopback targets only and records each tunnel
/// it opened, so a test can prove its traffic went through the proxy. What a corporate proxy does for HTTPS, and no more:
/// any other method is refused with 405, a target off loopback with 403.
/// </summary>
public sealed class ConnectProxy : ITestProxy
{
    private const int MaxHeaderBytes = 16 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _tunnels = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _accepting;

    public ConnectProxy()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>The <c>host:port</c> of every tunnel opened so far, in order.</summary>
    public IReadOnlyList<string> Tunnels => [.. _tunnels];

    public bool Tunnelled(int port) => _tunnels.Any(t => t.EndsWith($":{port}", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_connections).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var header = await ReadHeaderAsync(stream).ConfigureAwait(false);
                var requestLine = header?.Split("\r\n", 2)[0].Split(' ');
                if (requestLine is not ["CONNECT", var target, _])
                {
                    await ReplyAsync(stream, "405 Method Not Allowed").ConfigureAwait(false);
                    return;
                }

                var colon = target.LastIndexOf(':');
                var host = colon < 0 ? string.Empty : target[..colon].Trim('[', ']');
                if (colon < 0 || !int.TryParse(target.AsSpan(colon + 1), out var port) || !IsLoopback(host))
                {
                    await ReplyAsync(stream, "403 Forbidden").ConfigureAwait(false);
                    return;
                }

                using var upstream = new TcpClient();
                await upstream.ConnectAsync(host == "localhost" ? "127.0.0.1" : host, port, _stop.Token).ConfigureAwait(false);
                _tunnels.Enqueue(target);
                await ReplyAsync(stream, "200 Connection established").ConfigureAwait(false);
                var remote = upstream.GetStream();
                await Task.WhenAny(Pump(stream, remote), Pump(remote, stream)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A tunnel ends when either side goes away or the proxy stops.
            }
        }
    }

    private async Task Pump(Stream from, Stream to)
    {
        await from.CopyToAsync(to, _stop.Token).ConfigureAwait(false);
        // The other side learns that this one finished sending, as a proxy would tell it.
        to.Close();
    }

    private async Task<string?> ReadHeaderAsync(NetworkStream stream)
    {
        // Byte by byte: whatever follows the header (a TLS hello) belongs to the tunnel, not to this reader.
        var bytes = new List<byte>(256);
        var one = new byte[1];
        while (bytes.Count < MaxHeaderBytes)
        {
            if (await stream.ReadAsync(one, _stop.Token).ConfigureAwait(false) == 0)
            {
                return null;
            }

            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n')
            {
                return Encoding.ASCII.GetString([.. bytes]);
            }
        }

        return null;
    }

    private async Task ReplyAsync(NetworkStream stream, string status) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n"), _stop.Token).ConfigureAwait(false);

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}

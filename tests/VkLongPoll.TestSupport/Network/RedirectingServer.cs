using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VkLongPoll.TestSupport.Network;

/// <summary>
/// A hostile VK on 127.0.0.1: plain HTTP that answers every request with a redirect (307 unless told) to a trap listening on
/// 127.0.0.2, which counts the connections that reach it. What a client sends on after a redirect is what the trap gets.
/// </summary>
public sealed class RedirectingServer : IAsyncDisposable
{
    private readonly TcpListener _server = new(IPAddress.Loopback, 0);
    private readonly TcpListener _trap = new(IPAddress.Parse("127.0.0.2"), 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly Task _trapping;
    private int _requests;
    private int _trapped;

    public RedirectingServer(int status = 307)
    {
        _server.Start();
        _trap.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_server.LocalEndpoint).Port}/");
        Trap = new Uri($"http://127.0.0.2:{((IPEndPoint)_trap.LocalEndpoint).Port}/");
        _serving = ServeAsync(status);
        _trapping = TrapAsync();
    }

    public Uri Url { get; }

    /// <summary>Where every redirect points.</summary>
    public Uri Trap { get; }

    /// <summary>Requests the server answered with a redirect.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Connections that reached the trap: none, when no client followed a redirect.</summary>
    public int Trapped => Volatile.Read(ref _trapped);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _server.Stop();
        _trap.Stop();
        await Task.WhenAll(_serving, _trapping).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ServeAsync(int status)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _server.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                var stream = client.GetStream();
                var header = new StringBuilder();
                var one = new byte[1];
                while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, _stop.Token).ConfigureAwait(false) == 1)
                {
                    header.Append((char)one[0]);
                }

                var path = header.ToString().Split(' ', 3) is [_, var target, ..] ? new Uri(Url, target).PathAndQuery : "/";
                Interlocked.Increment(ref _requests);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {status} Redirect\r\nLocation: {new Uri(Trap, path)}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // The server stops, or a client went away mid-request.
            }
        }
    }

    private async Task TrapAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var caught = await _trap.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _trapped);

                // Answered like VK, so a client that followed the redirect gets as far as reading what it was sent.
                var body = "{\"response\":[]}";
                await caught.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            catch (IOException)
            {
                // The client went away before the answer.
            }
        }
    }
}

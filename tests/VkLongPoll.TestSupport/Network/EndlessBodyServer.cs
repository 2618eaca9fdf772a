using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VkLongPoll.TestSupport.Network;

/// <summary>
/// A hostile VK on 127.0.0.1 (plain HTTP): every answer is 200 with a body that never ends — the start of a JSON document
/// and then spaces, chunk after chunk, until the client hangs up. It counts the bytes it managed to send.
/// </summary>
public sealed class EndlessBodyServer : IAsyncDisposable
{
    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private long _sent;

    public EndlessBodyServer()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _serving = ServeAsync();
    }

    public Uri Url { get; }

    /// <summary>Body bytes sent so far, over every request.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _serving.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        var clients = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                clients.Add(AnswerAsync(client));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }
        }

        await Task.WhenAll(clients).ConfigureAwait(false);
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var header = new StringBuilder();
                var one = new byte[1];
                while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, _stop.Token).ConfigureAwait(false) == 1)
                {
                    header.Append((char)one[0]);
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"response\":"), _stop.Token).ConfigureAwait(false);
                while (!_stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(Chunk, _stop.Token).ConfigureAwait(false);
                    Interlocked.Add(ref _sent, Chunk.Length);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // The client hung up (as it should), or the server stops.
            }
        }
    }
}

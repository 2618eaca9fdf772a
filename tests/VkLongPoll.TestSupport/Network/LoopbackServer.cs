using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VkLongPoll.TestSupport.Network;

/// <summary>
/// The accept loop of the tests' hostile HTTP servers on 127.0.0.1 (a redirecting VK, an endless body, a scripted Long Poll):
/// each connection is answered by <see cref="AnswerAsync"/>; stopping ends the loop and waits for the connections.
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;

    protected LoopbackServer(IPAddress? address = null)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>Cancelled when the server stops.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _serving.ConfigureAwait(false);
        _stop.Dispose();
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>What a derived server owns besides its listener.</summary>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    /// <summary>Starts accepting (called by a derived constructor once it is ready to answer).</summary>
    protected void Start() => _serving = ServeAsync();

    /// <summary>Answers one connection; a client that goes away is its normal end.</summary>
    protected abstract Task AnswerAsync(TcpClient client);

    /// <summary>Reads an HTTP request's header block byte by byte (what follows belongs to the caller); null when the client left.</summary>
    protected async Task<string?> ReadHeaderAsync(NetworkStream stream)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, Stopping).ConfigureAwait(false) == 0)
            {
                return null;
            }

            header.Append((char)one[0]);
        }

        return header.ToString();
    }

    private async Task ServeAsync()
    {
        var connections = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                connections.Add(AnswerOneAsync(client));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task AnswerOneAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await AnswerAsync(client).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // The client went away, or the server stops.
            }
        }
    }
}

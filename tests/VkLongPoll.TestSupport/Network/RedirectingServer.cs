using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VkLongPoll.TestSupport.Network;

/// <summary>
/// A hostile VK on 127.0.0.1: plain HTTP that answers every request with a redirect (307 unless told) to a trap listening on
/// 127.0.0.2, which counts the connections that reach it. What a client sends on after a redirect is what the trap gets.
/// </summary>
public sealed class RedirectingServer : LoopbackServer
{
    private readonly int _status;
    private readonly TrapListener _trap = TrapListener.Started();
    private int _requests;

    public RedirectingServer(int status = 307)
    {
        _status = status;
        Url = new Uri($"http://127.0.0.1:{Port}/");
        Trap = new Uri($"http://127.0.0.2:{_trap.Port}/");
        Start();
    }

    public Uri Url { get; }

    /// <summary>Where every redirect points.</summary>
    public Uri Trap { get; }

    /// <summary>Requests the server answered with a redirect.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Connections that reached the trap: none, when no client followed a redirect.</summary>
    public int Trapped => _trap.Connections;

    protected override async ValueTask DisposeCoreAsync()
    {
        await _trap.DisposeAsync().ConfigureAwait(false);
        await base.DisposeCoreAsync().ConfigureAwait(false);
    }

    protected override async Task AnswerAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var header = await ReadHeaderAsync(stream).ConfigureAwait(false);
        if (header is null)
        {
            return;
        }

        var path = header.Split(' ', 3) is [_, var target, ..] ? new Uri(Url, target).PathAndQuery : "/";
        Interlocked.Increment(ref _requests);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {_status} Redirect\r\nLocation: {new Uri(Trap, path)}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), Stopping).ConfigureAwait(false);
    }

    /// <summary>127.0.0.2: counts who came, and answers like VK so a client that followed gets as far as reading it.</summary>
    private sealed class TrapListener() : LoopbackServer(IPAddress.Parse("127.0.0.2"))
    {
        private int _connections;

        public int Connections => Volatile.Read(ref _connections);

        protected override async Task AnswerAsync(TcpClient client)
        {
            Interlocked.Increment(ref _connections);
            var body = "{\"response\":[]}";
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), Stopping).ConfigureAwait(false);
        }

        public static TrapListener Started()
        {
            var trap = new TrapListener();
            trap.Start();
            return trap;
        }
    }
}

using System.Net.Sockets;
using System.Text;

namespace VkLongPoll.TestSupport.Network;

/// <summary>
/// A hostile VK on 127.0.0.1 (plain HTTP): every answer is 200 with a body that never ends — the start of a JSON document
/// and then spaces, chunk after chunk, until the client hangs up. It counts the bytes it managed to send.
/// </summary>
public sealed class EndlessBodyServer : LoopbackServer
{
    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));

    private long _sent;

    public EndlessBodyServer()
    {
        Url = new Uri($"http://127.0.0.1:{Port}/");
        Start();
    }

    public Uri Url { get; }

    /// <summary>Body bytes sent so far, over every request.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    protected override async Task AnswerAsync(TcpClient client)
    {
        var stream = client.GetStream();
        if (await ReadHeaderAsync(stream).ConfigureAwait(false) is null)
        {
            return;
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"response\":"), Stopping).ConfigureAwait(false);
        while (!Stopping.IsCancellationRequested)
        {
            await stream.WriteAsync(Chunk, Stopping).ConfigureAwait(false);
            Interlocked.Add(ref _sent, Chunk.Length);
        }
    }
}

using System.Net.Sockets;
using System.Text;

namespace VkLongPoll.TestSupport.Network;

/// <summary>
/// A VK that says exactly what a test scripts, on 127.0.0.1 (plain HTTP): <c>messages.getLongPollServer</c> points at its
/// own Long Poll path, the first <c>a_check</c> answers with the scripted updates (raw JSON, so it can carry what real VK
/// sends and a JSON library would refuse to write, such as a lone surrogate escape), later ones with none after a short
/// hold. Every other API method answers an empty list.
/// </summary>
public sealed class ScriptedLongPoll : LoopbackServer
{
    private readonly string _updates;
    private int _polls;

    /// <param name="updatesJson">The <c>updates</c> array of the first answer, as raw JSON.</param>
    public ScriptedLongPoll(string updatesJson)
    {
        _updates = updatesJson;
        Start();
    }

    /// <summary>The API base URL to give a client (<c>--api-url</c>).</summary>
    public Uri ApiUrl => new($"http://127.0.0.1:{Port}/method");

    protected override async Task AnswerAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        while (await reader.ReadLineAsync(Stopping).ConfigureAwait(false) is { Length: > 0 } requestLine)
        {
            var length = 0;
            while (await reader.ReadLineAsync(Stopping).ConfigureAwait(false) is { Length: > 0 } header)
            {
                if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(header.AsSpan("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (length > 0)
            {
                await reader.ReadBlockAsync(new char[length], Stopping).ConfigureAwait(false);
            }

            var bytes = Encoding.UTF8.GetBytes(await AnswerToAsync(requestLine.Split(' ')[1]).ConfigureAwait(false));
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n"), Stopping).ConfigureAwait(false);
            await stream.WriteAsync(bytes, Stopping).ConfigureAwait(false);
        }
    }

    private async Task<string> AnswerToAsync(string target)
    {
        if (target.StartsWith("/method/messages.getLongPollServer", StringComparison.Ordinal))
        {
            return $$$"""{"response":{"key":"scripted","server":"http://127.0.0.1:{{{Port}}}/lp","ts":1,"pts":1}}""";
        }

        if (target.StartsWith("/lp", StringComparison.Ordinal))
        {
            if (Interlocked.Increment(ref _polls) == 1)
            {
                return """{"ts":2,"pts":2,"updates":""" + _updates + "}";
            }

            // A held poll with nothing new, as VK's wait would be (short, so a stopping client is not kept waiting).
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, Stopping).ConfigureAwait(false);
            return """{"ts":2,"updates":[]}""";
        }

        return """{"response":[]}""";
    }
}

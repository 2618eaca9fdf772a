using System.Net;

namespace VkLongPoll.Testing.Community;

/// <summary>
/// A body that stops half-way and fails (the <c>server_error</c> fault): the client abandons the connection, so the
/// receiver sees a reset in the middle of the body and never has the event.
/// </summary>
internal sealed class AbandonedContent : HttpContent
{
    private readonly byte[] _body;

    public AbandonedContent(byte[] body)
    {
        _body = body;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Headers.ContentLength = body.Length;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_body.AsMemory(0, _body.Length / 2)).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
        throw new IOException("the emulator abandoned this callback request half-way (fault server_error)");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}

using System.Buffers;

namespace VkLongPoll;

/// <summary>Reads what a body's bytes become, from a pooled buffer; the bytes themselves are not kept.</summary>
internal delegate T BodyReader<out T>(ReadOnlySpan<byte> body);

/// <summary>
/// Every answer is read with a cap: a server that sends an endless (or endlessly decompressing) body gets an error once the
/// cap is passed, not the process's memory. The body is read into a pooled buffer that grows as it fills, and handed over
/// as a span.
/// </summary>
internal static class BoundedBody
{
    /// <summary>What the VK API and VK ID may answer: VK's largest answers (a history page with its profiles) are a few MB.</summary>
    public const int MaxApiAnswerBytes = 16 * 1024 * 1024;

    /// <summary>Reads <paramref name="content"/> whole, up to <paramref name="maxBytes"/>, and returns what <paramref name="read"/> makes of it.</summary>
    /// <exception cref="LongPollProtocolException">The body is (or says it is) larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<T> ReadAsync<T>(HttpContent content, int maxBytes, BodyReader<T> read, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw TooLarge(maxBytes, 0);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(declared ?? 16 * 1024, 256));
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var filled = 0;
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        if (buffer.Length >= maxBytes)
                        {
                            throw TooLarge(maxBytes, filled);
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var count = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (count == 0)
                    {
                        return read(buffer.AsSpan(0, filled));
                    }

                    filled += count;
                    if (filled > maxBytes)
                    {
                        throw TooLarge(maxBytes, filled);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static LongPollProtocolException TooLarge(int maxBytes, long offset) =>
        new($"the answer is larger than {(maxBytes >= 1024 * 1024 ? $"{maxBytes / (1024 * 1024)} MB" : $"{maxBytes} bytes")}", offset);
}

using System.Net;

namespace VkLongPoll;

/// <summary>
/// One held <c>a_check</c> of any Long Poll (the User Long Poll, a community's Bots Long Poll): a GET bounded by <c>wait</c>
/// plus its margin, no redirect followed, the answer read with a cap; anything that passes comes back as the cause to
/// retry the same <c>ts</c> with.
/// </summary>
internal static class PollRequest
{
    /// <summary>The server's base address: as VK gives it (a full URL, or a host and path without a scheme).</summary>
    public static string BaseOf(string server) =>
        server.StartsWith("http://", StringComparison.Ordinal) || server.StartsWith("https://", StringComparison.Ordinal) ? server : "https://" + server;

    /// <summary>The server's host and port, for statuses.</summary>
    public static string HostOf(string server) => Uri.TryCreate(BaseOf(server), UriKind.Absolute, out var uri) ? uri.Authority : server;

    /// <summary>Sends the poll and reads its answer; a null answer with the cause for a failure that passes.</summary>
    /// <param name="http">The client (its timeout infinite: this bounds the poll).</param>
    /// <param name="uri">The <c>a_check</c> address with its key and <c>ts</c>.</param>
    /// <param name="what">What the server is, in errors ("the Long Poll server").</param>
    /// <param name="limit">How long the poll may take in all.</param>
    /// <param name="time">The clock of the limit.</param>
    /// <param name="maxBytes">The cap on the answer.</param>
    /// <param name="read">Reads the answer from the pooled body.</param>
    /// <param name="cancellationToken">Stops the poll; <see cref="OperationCanceledException"/> passes through.</param>
    public static async Task<(T? Answer, RetryCause? Problem)> GetAsync<T>(HttpClient http, Uri uri, string what, TimeSpan limit, TimeProvider time, int maxBytes, BodyReader<T> read, CancellationToken cancellationToken)
        where T : class
    {
        Transport.EnsureSecure(uri, what);
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var request = LongPollHttp.Request(http, HttpMethod.Get, uri);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            Transport.EnsureNotRedirected(response, uri, what);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, RetryCause.Status(response.StatusCode));
            }

            return (await BoundedBody.ReadAsync(response.Content, maxBytes, read, linked.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, RetryCause.TimedOut(limit, e));
        }
        catch (Exception e) when (e is IOException or HttpRequestException or LongPollProtocolException && RetryCause.Of(e) is { } cause)
        {
            // A body that broke off mid-way (a reset, a truncated answer) surfaces as an IOException: it was read with the headers only.
            return (null, cause);
        }
    }
}

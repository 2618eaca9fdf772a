using System.Net;

namespace VkLongPoll;

/// <summary>
/// Real VK is HTTPS only; plain HTTP is allowed to loopback (the emulator) and nowhere else. And no request is ever sent on
/// to where a redirect points: each carries a token, a refresh token, a code verifier or a Long Poll key.
/// </summary>
internal static class Transport
{
    /// <summary>
    /// Fails when <paramref name="response"/> is a redirect (the handler of <see cref="LongPollHttp.CreateHandler"/> follows
    /// none) or when the handler followed one anyway (a handler of the caller's with redirects on): the error names the host
    /// it pointed to, and nothing more was sent there by this library.
    /// </summary>
    public static void EnsureNotRedirected(HttpResponseMessage response, Uri requested, string what)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(requested, location);
            var authority = target.GetLeftPart(UriPartial.Authority);
            throw new RedirectRefusedException(
                $"{what} answered HTTP {status}, a redirect to {authority}; a request that carries a token is never sent on",
                response.StatusCode,
                authority);
        }

        if (response.RequestMessage?.RequestUri is { } final && Uri.Compare(final, requested, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new HttpRequestException(
                $"{what}: the HTTP handler followed a redirect to {final.GetLeftPart(UriPartial.Authority)}; give one with AllowAutoRedirect off (LongPollHttp.CreateHandler)");
        }
    }

    public static void EnsureSecure(Uri uri, string what)
    {
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return;
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
        if (uri.Scheme != Uri.UriSchemeHttp || !loopback)
        {
            throw new VkLongPollException($"{what} must use HTTPS (plain HTTP only to loopback): {uri.GetLeftPart(UriPartial.Authority)}");
        }
    }
}

using System.Net;

namespace VkLongPoll;

/// <summary>Real VK is HTTPS only; plain HTTP is allowed to loopback (the emulator) and nowhere else.</summary>
internal static class Transport
{
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

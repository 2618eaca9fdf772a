using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VkLongPoll;

/// <summary>The HTTP stack tuned for long polling: many requests held for <c>wait</c> seconds at once.</summary>
/// <remarks>
/// HTTP/2 is asked for and HTTP/1.1 accepted (ALPN decides): over HTTP/2 a hundred held polls share one TLS
/// connection instead of a hundred, which is most of an idle session's memory (each TLS connection costs
/// tens of KB of native buffers). Plain HTTP to loopback stays on HTTP/1.1.
/// </remarks>
public static class LongPollHttp
{
    /// <summary>The product name in the <c>User-Agent</c> every request of this library sends.</summary>
    public const string ProductName = "VkLongPoll";

    /// <summary>This library's version, as its <c>User-Agent</c> gives it.</summary>
    public static string ProductVersion { get; } =
        typeof(LongPollHttp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false) is [System.Reflection.AssemblyInformationalVersionAttribute info, ..]
            ? info.InformationalVersion.Split('+')[0]
            : "0";

    /// <summary>The <c>User-Agent</c> of every request: <c>VkLongPoll/VERSION (+https://github.com/vklongpoll/VkLongPoll)</c>. VK requires none; peers (vk-io, vksdk, vk_api) send theirs, and one that names the library tells VK who is calling.</summary>
    public static string UserAgent { get; } = $"{ProductName}/{ProductVersion} (+https://github.com/vklongpoll/VkLongPoll)";

    /// <summary>A handler for thousands of held requests: no connection limit per server, more HTTP/2 connections when one is full, idle connections kept for reuse; redirects are not followed.</summary>
    /// <param name="trustedCertificatePemPath">A PEM certificate to trust besides the system's roots (e.g. the emulator's self-signed one); null trusts the system's roots only.</param>
    /// <param name="proxy">A proxy for every request; null uses the environment's (<c>HTTPS_PROXY</c>, <c>ALL_PROXY</c>, <c>NO_PROXY</c>).</param>
    public static SocketsHttpHandler CreateHandler(string? trustedCertificatePemPath = null, IWebProxy? proxy = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(15),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.All,

            // Every request carries a secret (a token in the form, a refresh token, a Long Poll key in the URL), and .NET
            // re-sends a POST's body on 307/308: a redirect is reported, never followed.
            AllowAutoRedirect = false,
        };
        if (proxy is not null)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
        }

        if (trustedCertificatePemPath is not null)
        {
            using var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(trustedCertificatePemPath));
            // The pin compares SHA-256 fingerprints (GetCertHashString alone is SHA-1).
            var hash = trusted.GetCertHashString(HashAlgorithmName.SHA256);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                errors == SslPolicyErrors.None || (presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == hash);
        }

        return handler;
    }

    /// <summary>An <see cref="HttpClient"/> over <paramref name="handler"/> (or <see cref="CreateHandler"/>) that prefers HTTP/2 and has no overall timeout (each poll is timed by the session).</summary>
    public static HttpClient CreateClient(HttpMessageHandler? handler = null, bool disposeHandler = true) =>
        new(handler ?? CreateHandler(), disposeHandler)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

    /// <summary>
    /// A request as <paramref name="http"/>'s own methods would make it (its default HTTP version and version policy:
    /// HTTP/2 for <see cref="CreateClient"/>'s clients), with this library's <c>User-Agent</c>.
    /// </summary>
    internal static HttpRequestMessage Request(HttpClient http, HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri)
        {
            Version = http.DefaultRequestVersion,
            VersionPolicy = http.DefaultVersionPolicy,
        };
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return request;
    }
}

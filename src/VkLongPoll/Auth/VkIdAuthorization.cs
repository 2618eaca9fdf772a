using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VkLongPoll;

/// <summary>
/// One VK ID sign-in in progress (authorization code with PKCE): the URL to open in a browser, and the <c>state</c> and
/// <c>code_verifier</c> the code exchange needs. Make one with <see cref="VkIdClient.BeginAuthorization"/>.
/// </summary>
public sealed class VkIdAuthorization
{
    internal VkIdAuthorization(Uri vkIdBaseUrl, long clientId, Uri redirectUri, string scope)
    {
        RedirectUri = redirectUri;
        State = Random(24);
        // RFC 7636: 43–128 characters of [A-Za-z0-9-._~]; 48 random bytes in base64url are 64.
        CodeVerifier = Random(48);
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier)));
        AuthorizeUrl = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{vkIdBaseUrl.ToString().TrimEnd('/')}/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirectUri.ToString())}&state={State}&code_challenge={challenge}&code_challenge_method=s256&scope={Uri.EscapeDataString(scope)}"));
    }

    /// <summary>The page to open in the user's browser.</summary>
    public Uri AuthorizeUrl { get; }

    /// <summary>Where VK ID sends the browser back with <c>code</c>, <c>state</c> and <c>device_id</c> (a trusted redirect URL of the app).</summary>
    public Uri RedirectUri { get; }

    /// <summary>The <c>state</c> sent; the redirect must carry the same.</summary>
    public string State { get; }

    /// <summary>The PKCE secret; only the code exchange sends it.</summary>
    internal string CodeVerifier { get; }

    private static string Random(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Net;
using System.Text;

namespace VkLongPoll.Cli.Login;

/// <summary>The loopback address VK ID sends the browser back to: it takes one request, answers the browser, and hands over the query.</summary>
/// <remarks>OAuth for native apps (RFC 8252): a local HTTP listener on a loopback redirect URL registered with the app.</remarks>
internal sealed class LoopbackRedirect : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _path;

    public LoopbackRedirect(Uri redirectUri)
    {
        _path = redirectUri.AbsolutePath;
        _listener.Prefixes.Add($"http://{redirectUri.Host}:{redirectUri.Port}/");
        _listener.Start();
    }

    /// <summary>Waits for the browser to come back to the redirect path; returns its query parameters.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var context = await _listener.GetContextAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (context.Request.Url?.AbsolutePath != _path)
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }

            var query = context.Request.QueryString;
            var parameters = query.AllKeys.Where(key => key is not null).ToDictionary(key => key!, key => query[key] ?? string.Empty, StringComparer.Ordinal);
            var page = parameters.ContainsKey("code")
                ? "<!doctype html><meta charset=utf-8><title>vklp</title><p>Signed in. You can close this tab and go back to the terminal."
                : "<!doctype html><meta charset=utf-8><title>vklp</title><p>VK ID did not sign you in. The terminal says why.";
            var bytes = Encoding.UTF8.GetBytes(page);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            context.Response.Close();
            return parameters;
        }
    }

    public void Dispose() => _listener.Close();
}

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

    /// <summary>
    /// Waits for the browser to come back to the redirect path with this sign-in's <paramref name="state"/>; returns its query
    /// parameters. A request with another state (or none) — another tab, an old link, a page of someone else's trying its
    /// luck on a loopback port — gets an error page and is ignored (<paramref name="ignored"/> is told), and the wait goes on.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> WaitAsync(string state, Action ignored, CancellationToken cancellationToken)
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
            if (!parameters.TryGetValue("state", out var given) || given != state)
            {
                await AnswerAsync(context, 400, "This answer does not belong to the sign-in vklp is waiting for, so it was ignored. Sign in from the link the terminal shows.", cancellationToken).ConfigureAwait(false);
                ignored();
                continue;
            }

            await AnswerAsync(
                context,
                200,
                parameters.ContainsKey("code") ? "Signed in. You can close this tab and go back to the terminal." : "VK ID did not sign you in. The terminal says why.",
                cancellationToken).ConfigureAwait(false);
            return parameters;
        }
    }

    private static async Task AnswerAsync(HttpListenerContext context, int status, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes("<!doctype html><meta charset=utf-8><title>vklp</title><p>" + text);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        context.Response.Close();
    }

    public void Dispose() => _listener.Close();
}

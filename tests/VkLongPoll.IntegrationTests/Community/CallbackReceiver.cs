using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>
/// A Callback API receiver on plain-HTTP loopback, as a bot would run one: answers <c>confirmation</c> with the code it is
/// given, refuses a wrong secret, records every accepted event (with its <c>X-Retry-Counter</c>) and answers <c>ok</c> — or
/// what <see cref="Answer"/> says for a request.
/// </summary>
internal sealed class CallbackReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly object _sync = new();
    private readonly List<Received> _accepted = [];
    private readonly List<string> _refused = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _confirmations;

    public CallbackReceiver(Func<string> code, string? secret)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/vk/");
        }

        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(() => ServeAsync(code, secret));
    }

    public Uri Url { get; }

    /// <summary>Overrides the answer to the n-th event request (0-based, confirmations not counted): status, body, Retry-After.</summary>
    public Func<int, (int Status, string Body, string? RetryAfter)?> Answer { get; set; } = _ => null;

    public int Confirmations => Volatile.Read(ref _confirmations);

    public IReadOnlyList<Received> Accepted
    {
        get
        {
            lock (_sync)
            {
                return [.. _accepted];
            }
        }
    }

    /// <summary>Event ids of requests refused for a wrong secret.</summary>
    public IReadOnlyList<string> Refused
    {
        get
        {
            lock (_sync)
            {
                return [.. _refused];
            }
        }
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds, woken by each request rather than by polling on a timer.</summary>
    public async Task WaitUntilAsync(Func<CallbackReceiver, bool> condition, TimeSpan bound)
    {
        using var giveUp = new CancellationTokenSource(bound);
        while (true)
        {
            Task changed;
            lock (_sync)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            await changed.WaitAsync(giveUp.Token);
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync(Func<string> code, string? secret)
    {
        var requests = 0;
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                string text;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    text = await reader.ReadToEndAsync();
                }

                using var body = JsonDocument.Parse(text); // an abandoned body does not parse: never recorded
                var root = body.RootElement;
                var type = root.GetProperty("type").GetString()!;
                var eventId = root.TryGetProperty("event_id", out var id) ? id.GetString()! : string.Empty;
                if (secret is not null && (!root.TryGetProperty("secret", out var given) || given.GetString() != secret))
                {
                    lock (_sync)
                    {
                        _refused.Add(eventId);
                    }

                    await ReplyAsync(context, 403, "bad secret", null);
                }
                else if (type == "confirmation")
                {
                    Interlocked.Increment(ref _confirmations);
                    await ReplyAsync(context, 200, code(), null);
                }
                else
                {
                    var n = requests++;
                    var answer = Answer(n);
                    if (answer is null or { Status: 200, Body: "ok" })
                    {
                        var retry = context.Request.Headers["X-Retry-Counter"];
                        lock (_sync)
                        {
                            _accepted.Add(new Received(type, eventId, retry is null ? 0 : int.Parse(retry, System.Globalization.CultureInfo.InvariantCulture), root.Clone()));
                        }
                    }

                    await ReplyAsync(context, answer?.Status ?? 200, answer?.Body ?? "ok", answer?.RetryAfter);
                }
            }
            catch (Exception e) when (e is JsonException or IOException or HttpListenerException or KeyNotFoundException or InvalidOperationException)
            {
                context.Response.Abort();
            }
            finally
            {
                lock (_sync)
                {
                    var signal = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    signal.TrySetResult();
                }
            }
        }
    }

    private static async Task ReplyAsync(HttpListenerContext context, int status, string text, string? retryAfter)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.AddHeader("Retry-After", retryAfter);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    /// <summary>An accepted event request: its type, event id, retry counter (0: first try) and body.</summary>
    public sealed record Received(string Type, string EventId, int Retry, JsonElement Body);
}

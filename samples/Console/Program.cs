using System.Runtime.InteropServices;
using VkLongPoll;
using VkLongPoll.Events;

// VK_TOKEN: a user token with messages access. VK_API_URL and VK_CA point it at `vklp emulate` instead of VK.
var token = Environment.GetEnvironmentVariable("VK_TOKEN");
if (string.IsNullOrWhiteSpace(token))
{
    Console.Error.WriteLine("set VK_TOKEN to a user access token");
    return 2;
}

var options = new LongPollClientOptions
{
    AccessToken = token,
    // What the session is doing (started, retrying, recovering…), one plain line each, never the token.
    OnStatus = status => Console.Error.WriteLine(status),
};
if (Environment.GetEnvironmentVariable("VK_API_URL") is { Length: > 0 } apiUrl)
{
    options.ApiBaseUrl = new Uri(apiUrl);
}

// Ctrl+C or SIGTERM stops it cleanly.
using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

using var http = LongPollHttp.CreateClient(LongPollHttp.CreateHandler(trustedCertificatePemPath: Environment.GetEnvironmentVariable("VK_CA")));
await using var client = new LongPollClient(options, http);
try
{
    await foreach (var e in client.ReadEventsAsync(cancellationToken: stop.Token))
    {
        if (e is MessageNewEvent { Message: var message })
        {
            Console.WriteLine($"{message.PeerId}: {message.Text}");
        }
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("stopped");
}
catch (VkLongPollException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

return 0;

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}

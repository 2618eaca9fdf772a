using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VkLongPoll.Callback;

namespace VkLongPoll.Cli.Community;

/// <summary>
/// <c>vklp watch --transport callback --listen URL</c>: a Kestrel server with the one Callback endpoint
/// (<see cref="VkCallbackEndpoints.MapVkCallback(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, VkCallbackOptions)"/>) at the URL's path.
/// </summary>
internal sealed class CallbackListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackListener(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where VK should POST: the URL with the port actually bound (port 0 asks for a free one).</summary>
    public Uri Address { get; }

    public static async Task<CallbackListener> StartAsync(Uri listen, VkCallbackOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var address = IPAddress.TryParse(listen.Host, out var ip) ? ip : listen.IsLoopback ? IPAddress.Loopback : IPAddress.Any;
            kestrel.Listen(address, listen.Port);
        });
        var app = builder.Build();
        app.MapVkCallback(listen.AbsolutePath, options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var actual = new UriBuilder(listen) { Port = bound.Port }.Uri;
        return new CallbackListener(app, actual);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

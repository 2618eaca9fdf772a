using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VkLongPoll.Hosting;
using VkLongPoll.Testing;

namespace VkLongPoll.WebApp.Tests;

/// <summary>The web app, whole, against the emulator in this process: nothing of the app is replaced but its settings.</summary>
public sealed class WebAppTests
{
    [Fact]
    public async Task AMessageSentOnceTheAccountIsReady_IsServedAtMessages()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });

        // The app's own configuration, pointed at the emulator: its API address, its certificate and one of its tokens.
        await using var app = new WebApplicationFactory<Inbox>().WithWebHostBuilder(web =>
        {
            web.UseSetting("VkLongPoll:ApiBaseUrl", emulator.ApiUrl.ToString());
            web.UseSetting("VkLongPoll:TrustedCertificatePath", emulator.CertificatePemPath);
            web.UseSetting("VkLongPoll:Accounts:main:AccessToken", emulator.Tokens[0]);
        });
        using var http = app.CreateClient(); // starts the app, and with it the account

        // Ready: the account polls from its checkpoint, so a message sent from now on is delivered.
        await app.Services.GetRequiredService<VkLongPollAccounts>().WhenReadyAsync(bound.Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative), bound.Token)).StatusCode);

        using var vk = emulator.CreateControlClient();
        await vk.SendMessageAsync("hello from the test", cancellationToken: bound.Token);
        await app.Services.GetRequiredService<Inbox>().WaitForAsync("hello from the test", bound.Token);

        var texts = await http.GetFromJsonAsync<string[]>(new Uri("/messages", UriKind.Relative), bound.Token);
        Assert.Equal(["hello from the test"], texts!);
    }
}

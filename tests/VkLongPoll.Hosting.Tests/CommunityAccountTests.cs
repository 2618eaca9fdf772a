using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace VkLongPoll.Hosting.Tests;

/// <summary>A community is an account like any other in the host: its Bots Long Poll through the one engine, handlers and state alike.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class CommunityAccountTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task ACommunityAccount_OverTheBotsLongPoll_ReachesTheHandlers_LikeAUsersAccount()
    {
        var received = new Received();
        var settings = TestHost.Settings(fixture.Emulator,
            ("VkLongPoll:Accounts:club:AccessToken", fixture.Emulator.CommunityTokens[0]),
            ("VkLongPoll:Accounts:club:GroupId", fixture.Emulator.CommunityIds[0].ToString(CultureInfo.InvariantCulture)),
            ("VkLongPoll:Accounts:club:BotsLongPoll", "true"));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(), services => services.AddSingleton(received));
        await host.StartAsync();
        await WorkerTests.WaitForStartAsync(host, "club");

        fixture.Emulator.SendCommunityMessage(0, "to the community");
        fixture.Emulator.SendCommunityMessage(0, "in its chat", inChat: true);

        var messages = await received.WaitForAsync("club", 2);
        await host.StopAsync();
        Assert.Equal(["to the community", "in its chat"], messages.Select(m => m.Text));
        Assert.Equal(0, messages[1].MessageId); // a community chat's message: id 0, told apart by its place
    }
}

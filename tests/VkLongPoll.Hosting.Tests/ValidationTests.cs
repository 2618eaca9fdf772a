using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VkLongPoll.Hosting.Tests;

/// <summary>Bad configuration stops the host at start with one line naming the account and the setting, never the token.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class ValidationTests(EmulatorFixture fixture)
{
    private const string Secret = "vk1.a.secret-token-value";

    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "AccessToken", "", "VkLongPoll:Accounts:bob: give exactly one of AccessToken and TokenSource" },
        { "Version", "7", "VkLongPoll:Accounts:bob: supported versions: 19, 11, 10, 3" },
        { "Wait", "120", "VkLongPoll:Accounts:bob: wait must be 0–90 seconds" },
        { "ApiBaseUrl", "http://api.example.com/method", "VkLongPoll:Accounts:bob: the API base URL must use HTTPS (plain HTTP only to loopback): http://api.example.com" },
        { "DegradedAfter", "-00:00:01", "VkLongPoll:Accounts:bob: DegradedAfter must be positive" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task BadAccountSetting_FailsTheStart_NamingTheAccount(string key, string value, string expected)
    {
        var settings = TestHost.Settings(fixture.Emulator,
            ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[0]),
            ("VkLongPoll:Accounts:bob:AccessToken", Secret),
            ($"VkLongPoll:Accounts:bob:{key}", value));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Failures);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWholeConfiguration_IsLookedIntoForTheVkLongPollSection()
    {
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:bob:Version", "7"));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(), root: true);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("VkLongPoll:Accounts:bob: give exactly one of AccessToken and TokenSource", error.Failures);
    }

    [Fact]
    public async Task ADisabledAccount_IsNeitherCheckedNorRun()
    {
        var account = fixture.NewAccount();
        var received = new Received();
        var settings = TestHost.Settings(fixture.Emulator,
            ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]),
            ("VkLongPoll:Accounts:later:Enabled", "false"));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(), services => services.AddSingleton(received));
        await host.StartAsync();
        await WorkerTests.WaitForStartAsync(host, "alice");
        await host.StopAsync();
        Assert.Equal(["alice"], host.Services.GetRequiredService<VkLongPollAccounts>().Current.Select(a => a.Name));
    }

    [Fact]
    public async Task NoAccounts_FailsTheStart()
    {
        using var host = TestHost.Build(TestHost.Settings(fixture.Emulator), vk => vk.AddBatchHandler<CollectingHandler>());
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.StartsWith("VkLongPoll: no accounts; add them under VkLongPoll:Accounts:{name}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoHandlers_FailsTheStart()
    {
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[0]));
        using var host = TestHost.Build(settings, _ => { });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.StartsWith("VkLongPoll: no handlers; add one with AddBatchHandler<T>() or AddEventHandler<T>()", error.Message, StringComparison.Ordinal);
    }
}

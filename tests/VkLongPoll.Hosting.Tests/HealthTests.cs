using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using VkLongPoll.Testing;

namespace VkLongPoll.Hosting.Tests;

/// <summary>The health check from the sessions' typed status: healthy, degraded in a long outage, unhealthy for a rejected token.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class HealthTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task RejectedToken_TurnsUnhealthy_WhileTheOtherAccountGoesOn()
    {
        var account = fixture.NewAccount();
        var received = new Received();
        var settings = TestHost.Settings(fixture.Emulator,
            ("VkLongPoll:Accounts:alice:AccessToken", fixture.Emulator.Tokens[account]),
            ("VkLongPoll:Accounts:mallory:AccessToken", "vk1.a.revoked-long-ago"));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(),
            services => services.AddSingleton(received).AddHealthChecks().AddVkLongPoll());
        await host.StartAsync();
        var accounts = host.Services.GetRequiredService<VkLongPollAccounts>();
        await TestHost.WaitUntilAsync(() => accounts["mallory"] is { Running: false }, "mallory has stopped");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = report.Entries["vk-longpoll"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("mallory: stopped: ", entry.Description, StringComparison.Ordinal);
        Assert.Contains("User authorization failed", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-long-ago", entry.Description, StringComparison.Ordinal);
        Assert.Equal(LongPollStopReason.TokenRejected, ((LongPollStopped)accounts["mallory"]!.Status!).Reason);

        // The other account is untouched.
        using var control = fixture.Emulator.CreateControlClient(account);
        await control.SendMessageAsync("still here");
        Assert.Equal("still here", Assert.Single(await received.WaitForAsync("alice", 1)).Text);
        Assert.StartsWith("polling", (string)entry.Data["alice"], StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task EveryAccountStopped_StopsTheHost_AndTheProcessWouldExit1()
    {
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:mallory:AccessToken", "vk1.a.revoked-long-ago"));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(), services => services.AddSingleton(new Received()));
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
        try
        {
            await host.StartAsync();
            await stopping.Task.WaitAsync(TestHost.Bound);
            Assert.Equal(1, Environment.ExitCode);
        }
        finally
        {
            // The test host's own exit code must not carry it.
            Environment.ExitCode = 0;
        }

        await host.StopAsync();
        Assert.Equal(LongPollStopReason.TokenRejected, ((LongPollStopped)host.Services.GetRequiredService<VkLongPollAccounts>()["mallory"]!.Status!).Reason);
    }

    [Fact]
    public async Task LongOutage_TurnsDegradedPastTheThreshold_AndHealthyOnceItEnds()
    {
        // An emulator of its own: every poll fails while the outage lasts. A fake clock decides how long that is.
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Seed = 5, ApiCallsPerSecond = 0 });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = TestHost.Settings(emulator,
            ("VkLongPoll:Accounts:alice:AccessToken", emulator.Tokens[0]),
            ("VkLongPoll:DegradedAfter", "00:02:00"),
            // Answers at once: the fake clock runs much faster than the emulator's, and a held poll would time out on it.
            ("VkLongPoll:Wait", "0"),
            // The clock jumps two minutes while a real request may be in flight: a request timeout shorter than the jump
            // turned that request's 502 into "did not answer in time" (seen on a clean-clone CI run).
            ("VkLongPoll:RequestTimeoutMargin", "00:10:00"));
        using var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(),
            services => services.AddSingleton(new Received()).AddSingleton<TimeProvider>(clock).AddHealthChecks().AddVkLongPoll());
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var accounts = host.Services.GetRequiredService<VkLongPollAccounts>();

        emulator.Faults.SetRandom(1.0, seed: 1, [FaultKind.Http502]);
        await host.StartAsync();
        await TestHost.WaitUntilAsync(() => accounts["alice"]?.RetryingSince is not null, "the first poll has failed");
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);

        clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        clock.Advance(TimeSpan.FromSeconds(2));
        var degraded = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("alice: failing for 121 s: ", degraded.Entries["vk-longpoll"].Description, StringComparison.Ordinal);
        Assert.Contains("answered HTTP 502", degraded.Entries["vk-longpoll"].Description, StringComparison.Ordinal);

        // The outage ends: the next retry goes through.
        emulator.Faults.Clear();
        await TestHost.WaitUntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return accounts["alice"]?.RetryingSince is null;
        }, "the session has reconnected", () => $"{accounts["alice"]}, {accounts["alice"]?.Status}");
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        Assert.IsType<LongPollReconnected>(accounts["alice"]!.Status);
        await host.StopAsync();
    }
}

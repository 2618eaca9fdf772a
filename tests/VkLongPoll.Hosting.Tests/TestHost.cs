using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VkLongPoll.Testing;
using VkLongPoll.TestSupport;

namespace VkLongPoll.Hosting.Tests;

/// <summary>Builds a generic host the way a worker does, with its configuration in memory and the emulator standing in for VK.</summary>
internal static class TestHost
{
    /// <summary>Every test's bound: a hung test fails instead of hanging the run.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The shared section (the emulator's address and certificate, quick polls and retries) plus <paramref name="settings"/>.</summary>
    public static Dictionary<string, string?> Settings(VkEmulator emulator, params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["VkLongPoll:ApiBaseUrl"] = emulator.ApiUrl.ToString(),
            ["VkLongPoll:TrustedCertificatePath"] = emulator.CertificatePemPath,
            ["VkLongPoll:ApiCallsPerSecond"] = "0",
            ["VkLongPoll:Wait"] = "1",
            ["VkLongPoll:RequestTimeoutMargin"] = "00:00:02",
            ["VkLongPoll:RetryDelay"] = "00:00:00.010",
            ["VkLongPoll:MaxRetryDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }

    /// <param name="settings">The configuration.</param>
    /// <param name="configure">Handlers and accounts in code.</param>
    /// <param name="services">More services.</param>
    /// <param name="root">Give AddVkLongPoll the whole configuration rather than its section.</param>
    public static IHost Build(Dictionary<string, string?> settings, Action<VkLongPollBuilder> configure, Action<IServiceCollection>? services = null, bool root = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        configure(builder.Services.AddVkLongPoll(root ? builder.Configuration : builder.Configuration.GetSection("VkLongPoll")));
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; on timeout, fails with <paramref name="state"/> as well.</summary>
    /// <remarks>
    /// A poll, not an event: <see cref="VkLongPollAccounts"/> says where each account stands but tells no one when that
    /// changes, and these tests watch the host from outside, as a status page would.
    /// </remarks>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, Func<string>? state = null)
    {
        try
        {
            await Poll.UntilAsync(condition, Bound, what);
        }
        catch (Xunit.Sdk.FalseException) when (state is not null)
        {
            Assert.Fail($"timed out after {Bound.TotalSeconds:0.#} s waiting until {what}; {state()}");
        }
    }
}

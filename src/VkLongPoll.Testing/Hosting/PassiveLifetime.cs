using Microsoft.Extensions.Hosting;

namespace VkLongPoll.Testing.Hosting;

/// <summary>
/// Leaves Ctrl+C and SIGTERM to the program that hosts the emulator: ASP.NET's console lifetime would
/// swallow them to stop only the server, and a test host or the CLI would then never hear of them.
/// </summary>
internal sealed class PassiveLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

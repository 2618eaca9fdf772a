using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VkLongPoll.Orleans;

/// <summary>
/// When the cluster declares a silo dead, a survivor calls each account that silo ran, which activates it on a survivor and
/// starts its session at once. Every survivor tries; taking the dead silo's list is atomic, so one of them gets it. Without this a moved account waits for its
/// reminder's next tick, and a tick aimed at an activation the directory still placed on the dead silo is lost, so
/// failover took up to three reminder periods (67 s with 693 accounts moved and a 10 s period). Reminders stay the safety net.
/// </summary>
internal sealed partial class DeadSiloAccounts(
    IClusterMembershipService membership,
    RedisCheckpointStore store,
    IGrainFactory grains,
    IOptions<VkLongPollOrleansOptions> options,
    ILogger<DeadSiloAccounts> logger,
    TimeProvider? timeProvider = null) : BackgroundService
{
    private const int Parallel = 32;

    /// <summary>A refused call to a moved account is tried again after 1 s, 2 s, 4 s, 8 s (the library's one backoff).</summary>
    private static readonly RetryBackoff ResumeBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ResumeAccountsOfDeadSilos)
        {
            return;
        }

        var done = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                foreach (var dead in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && !done.Contains(m.SiloAddress)))
                {
                    try
                    {
                        await ResumeAccountsOfAsync(dead.SiloAddress, stoppingToken).ConfigureAwait(false);
                        done.Add(dead.SiloAddress);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        // Redis unreachable, or the like: the next membership update tries again, the reminders meanwhile.
                        NotTaken(logger, e, dead.SiloAddress.ToParsableString());
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the silo stops
        }
    }

    private async Task ResumeAccountsOfAsync(SiloAddress silo, CancellationToken stoppingToken)
    {
        var accounts = await store.TakeSiloAccountsAsync(silo.ToParsableString()).ConfigureAwait(false);
        if (accounts.Length == 0)
        {
            return;
        }

        var name = silo.ToParsableString();
        Resuming(logger, accounts.Length, name);
        await System.Threading.Tasks.Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = stoppingToken }, async (account, cancellationToken) =>
        {
            // A call activates the grain (an account with a reminder starts on activation); the directory may still name the
            // dead silo for a moment, so a refused call is tried again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await grains.GetGrain<IVkAccountGrain>(account).GetStatusAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (attempt < 5 && e is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
                {
                    await ResumeBackoff.WaitAsync(attempt, time, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The reminder will start it.
                    NotResumed(logger, e, account);
                    return;
                }
            }
        }).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Silo {Silo} died: resuming its {Count} VK accounts on the survivors")]
    private static partial void Resuming(ILogger logger, int count, string silo);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "The VK accounts of dead silo {Silo} could not be taken now; their reminders will start them")]
    private static partial void NotTaken(ILogger logger, Exception exception, string silo);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "VK account {Account} of a dead silo did not answer; its reminder will start it")]
    private static partial void NotResumed(ILogger logger, Exception exception, string account);
}

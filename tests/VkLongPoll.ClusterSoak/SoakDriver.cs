using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using VkLongPoll.Orleans;
using VkLongPoll.TestSupport.Cluster;
using VkLongPoll.Testing;

namespace VkLongPoll.ClusterSoak;

/// <summary>
/// The failover soak: the emulator with many accounts and a steady message rate, N silo processes, one killed with SIGKILL
/// mid-run; then every account's deliveries against the emulator's journal.
/// </summary>
internal sealed class SoakDriver(SoakSettings settings, int accountCount, int siloCount, bool pause, TextWriter progress)
{
    private const int StepsPerTick = 10;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("vklp-cluster-soak-").FullName;
        await progress.WriteLineAsync($"cluster-soak: silo logs in {folder}");
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = accountCount, Seed = 41, ApiCallsPerSecond = 0, JournalCapacity = 20_000 }, cancellationToken);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(settings.Redis);
        var accounts = new EmulatedAccounts(emulator, redis, settings.Prefix);
        var store = new RedisCheckpointStore(redis, settings.Prefix);
        var accountsPath = Path.Combine(folder, "accounts.json");
        await AccountsFile.WriteAsync(accountsPath, new AccountsFile(emulator.ApiUrl, emulator.CertificatePemPath!, emulator.Tokens));

        string[] siloArguments = ["--redis", settings.Redis, "--cluster-id", settings.ClusterId, "--prefix", settings.Prefix,
            "--keep-alive", settings.KeepAlive.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--accounts-file", accountsPath];
        var silos = Enumerable.Range(0, siloCount).Select(i => SiloHandle.Start(siloArguments, folder, i)).ToList();
        try
        {
            return await SoakAsync(emulator, accounts, store, silos, cancellationToken);
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }

            File.Delete(accountsPath);
        }
    }

    private async Task<int> SoakAsync(VkEmulator emulator, EmulatedAccounts accounts, RedisCheckpointStore store, List<SiloHandle> silos, CancellationToken cancellationToken)
    {
        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        clientBuilder.Logging.ClearProviders().AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        clientBuilder.UseOrleansClient(client =>
        {
            settings.ConfigureCluster(client.Services);
            client.UseRedisClustering(settings.Redis);
        });
        using var clientHost = clientBuilder.Build();
        await Bounded(clientHost.StartAsync, TimeSpan.FromSeconds(120), "the silos form a cluster", cancellationToken);
        var cluster = clientHost.Services.GetRequiredService<IClusterClient>();
        var names = Enumerable.Range(0, accountCount).Select(EmulatedAccounts.Name).ToArray();

        using var emitting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var emit = EmitAsync(emulator, emitting.Token);
        var management = cluster.GetGrain<IManagementGrain>(0);
        await Waits.UntilAsync(async () => (await management.GetHosts(onlyActive: true)).Count == silos.Count, TimeSpan.FromSeconds(120), "every silo is active", cancellationToken);

        var emptyResident = silos.Average(s => s.ResidentBytes());

        // Added in waves, as a service adds its accounts: 300 sessions starting at once on two cores would starve the silos.
        foreach (var wave in Enumerable.Range(0, accountCount).Chunk(25))
        {
            await Task.WhenAll(wave.Select(i => cluster.GetGrain<IVkAccountGrain>(names[i]).StartAsync(accounts.StartHere(i))));
        }

        await progress.WriteLineAsync($"cluster-soak: {accountCount} accounts started on {silos.Count} silos");
        await Waits.UntilAsync(async () => (await Task.WhenAll(names.Select(accounts.DeliveredCountAsync))).All(n => n > 0), TimeSpan.FromSeconds(180), "every account delivers", cancellationToken);

        // Traffic on every silo for a while before the kill, so the kill lands mid-stream; what a silo costs per account, meanwhile.
        var cpuBefore = silos.Select(s => s.CpuTime()).ToArray();
        var window = Stopwatch.StartNew();
        var emittedBefore = Enumerable.Range(0, accountCount).Sum(i => emulator.Position(i).Ts);
        await HoldAsync(TimeSpan.FromSeconds(10), cancellationToken);
        var cpuShare = silos.Select((s, i) => (s.CpuTime() - cpuBefore[i]).TotalSeconds).Sum() / window.Elapsed.TotalSeconds;
        var eventsPerSecond = (Enumerable.Range(0, accountCount).Sum(i => emulator.Position(i).Ts) - emittedBefore) / window.Elapsed.TotalSeconds;
        var perAccount = (silos.Average(s => s.ResidentBytes()) - emptyResident) * silos.Count / accountCount;
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"cluster-soak: silo RSS {emptyResident / 1048576:0} MB empty, +{perAccount / 1024:0} KB per account; silos' CPU {cpuShare * 1000 / accountCount:0.00} ms/s per account at {eventsPerSecond:0} events/s in all"));
        var owners = await Task.WhenAll(names.Select(n => store.GetOwnerAsync(n).AsTask()));
        var victim = silos.OrderByDescending(s => owners.Count(o => s.Owns(o.Owner))).First();
        var moved = names.Where((_, i) => victim.Owns(owners[i].Owner)).ToList();
        await progress.WriteLineAsync($"cluster-soak: every account delivers; {(pause ? "kill -STOP" : "kill -9")} the silo on port {victim.SiloPort}, owner of {moved.Count} accounts");
        var sinceKill = Stopwatch.StartNew();
        if (pause)
        {
            victim.Pause();
        }
        else
        {
            victim.KillHard();
        }

        // Counted once the silo is stopped or dead: a delivery after this is the new owner's.
        var before = await Task.WhenAll(moved.Select(accounts.DeliveredCountAsync));

        // Every moved account delivers again, on a survivor: the failover time is when the last one did.
        // A moved account that has nothing new to deliver cannot show it moved: each one not yet back gets a message a second
        // (the steady traffic alone reaches an account only every few seconds, and some of it is typing, which is not kept).
        var recovered = new TimeSpan?[moved.Count];
        TimeSpan? lastMessage = null;
        await Waits.UntilAsync(
            async () =>
            {
                var message = lastMessage is null || sinceKill.Elapsed - lastMessage >= TimeSpan.FromSeconds(1);
                lastMessage = message ? sinceKill.Elapsed : lastMessage;
                for (var n = 0; n < moved.Count; n++)
                {
                    if (recovered[n] is not null)
                    {
                        continue;
                    }

                    if (!victim.Owns((await store.GetOwnerAsync(moved[n])).Owner) && await accounts.DeliveredCountAsync(moved[n]) > before[n])
                    {
                        recovered[n] = sinceKill.Elapsed;
                    }
                    else if (message)
                    {
                        emulator.SendMessage(EmulatedAccounts.Index(moved[n]), "are you there?");
                    }
                }

                return recovered.All(r => r is not null);
            },
            TimeSpan.FromSeconds(180),
            "the killed silo's accounts deliver again",
            cancellationToken);
        var failover = recovered.Max() ?? TimeSpan.Zero;
        var times = recovered.Select(r => r!.Value.TotalSeconds).Order().ToArray();
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"cluster-soak: all {moved.Count} moved accounts deliver again: the first {times[0]:0.0} s after the kill, half by {times[times.Length / 2]:0.0} s, 90 % by {times[times.Length * 9 / 10]:0.0} s, the last {failover.TotalSeconds:0.0} s"));
        if (pause)
        {
            // The frozen silo wakes up still running its sessions (a duplicate of every moved account) until it learns
            // it was declared dead; each of its commits must fail on the epoch.
            victim.Resume();
            await progress.WriteLineAsync("cluster-soak: kill -CONT the paused silo; its sessions believe they still own their accounts");
            await HoldAsync(TimeSpan.FromSeconds(15), cancellationToken);
            await progress.WriteLineAsync($"cluster-soak: the resumed silo's sessions were fenced {victim.CountInLog("was taken by a newer owner")} times; it {(victim.HasExited ? "has exited" : "still runs")}");
        }

        // A few more seconds of traffic on the survivors, then let every account catch up with the emulator.
        await HoldAsync(TimeSpan.FromSeconds(5), cancellationToken);
        await emitting.CancelAsync();
        await emit;
        await Waits.UntilAsync(async () => (await Task.WhenAll(Enumerable.Range(0, accountCount).Select(i => accounts.CaughtUpAsync(store, i)))).All(x => x), TimeSpan.FromSeconds(180), "every account catches up", cancellationToken);

        long events = 0, delivered = 0, lost = 0, duplicated = 0, reordered = 0;
        for (var i = 0; i < accountCount; i++)
        {
            var result = await accounts.CompareAsync(i);
            events += result.Expected;
            delivered += await accounts.DeliveredCountAsync(names[i]);
            lost += result.Lost;
            duplicated += result.Duplicated;
            reordered += result.Reordered;
            if (result.Lost + result.Duplicated + result.Reordered > 0)
            {
                await progress.WriteLineAsync($"cluster-soak: {names[i]}: {result.Lost} lost, {result.Duplicated} duplicated, {result.Reordered} reordered of {result.Expected}");
            }
        }

        await clientHost.StopAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"events {events} delivered {delivered} lost {lost} duplicated {duplicated} reordered {reordered} accounts {accountCount} moved {moved.Count} failover_s {failover.TotalSeconds:0.0}"));
        return lost == 0 && duplicated == 0 && reordered == 0 && moved.Count > 0 ? 0 : 1;
    }

    /// <summary>A steady rate: every 50 ms one scenario step in each of the next <see cref="StepsPerTick"/> accounts, round robin.</summary>
    private async Task EmitAsync(VkEmulator emulator, CancellationToken stop)
    {
        var random = new Random(41);
        var next = 0;
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await ticks.WaitForNextTickAsync(stop))
            {
                for (var n = 0; n < StepsPerTick; n++, next = (next + 1) % accountCount)
                {
                    emulator.EmitScenario(next, random, 1);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    /// <summary>A step of the soak's schedule that lasts <paramref name="duration"/> (traffic running, a silo frozen): part of the experiment, not a wait for something to happen.</summary>
    private static Task HoldAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        Task.Delay(duration, TimeProvider.System, cancellationToken);

    private static async Task Bounded(Func<CancellationToken, Task> start, TimeSpan bound, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bound);
        try
        {
            await start(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"waited {bound.TotalSeconds:0} s until {what}");
        }
    }
}

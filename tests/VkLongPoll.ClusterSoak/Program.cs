using System.CommandLine;
using System.Globalization;
using VkLongPoll.ClusterSoak;

// scripts/cluster-soak runs `run`; `run` starts the silos as `silo` processes of this same program.
var redis = new Option<string?>("--redis") { Description = "StackExchange.Redis configuration of the store (default: embedded Garnet in a process of its own)." };
var storeRequired = new Option<string>("--redis") { Description = "StackExchange.Redis configuration of the store.", Required = true };
var storePort = new Option<int>("--port") { Description = "The port the store listens on, on 127.0.0.1.", Required = true };
var clusterId = new Option<string>("--cluster-id") { Description = "The cluster's id (one per run).", DefaultValueFactory = _ => "vklp-soak-" + Guid.NewGuid().ToString("N")[..8] };
var prefix = new Option<string?>("--prefix") { Description = "Prefix of this run's keys (default: the cluster id)." };
var keepAlive = new Option<double>("--keep-alive") { Description = "Seconds between an account's reminder ticks.", DefaultValueFactory = _ => 10 };
var accounts = new Option<int>("--accounts") { Description = "Accounts in the emulator.", DefaultValueFactory = _ => 300 };
var silos = new Option<int>("--silos") { Description = "Silo processes.", DefaultValueFactory = _ => 3 };
var fault = new Option<string>("--fault") { Description = "kill: SIGKILL the busiest silo; pause: SIGSTOP it, then SIGCONT once its accounts moved (a zombie owner).", DefaultValueFactory = _ => "kill" };
fault.AcceptOnlyFromAmong("kill", "pause");
var accountsFile = new Option<string>("--accounts-file") { Required = true };
var siloPort = new Option<int>("--silo-port") { Required = true };
var gatewayPort = new Option<int>("--gateway-port") { Required = true };

SoakSettings Settings(ParseResult result, string store)
{
    var id = result.GetValue(clusterId)!;
    return new SoakSettings(store, id, result.GetValue(prefix) ?? id + ":", TimeSpan.FromSeconds(result.GetValue(keepAlive)));
}

var run = new Command("run", "The failover soak; last line: events N delivered N lost L duplicated D reordered R accounts A moved M failover_s S.")
{
    redis, clusterId, prefix, keepAlive, accounts, silos, fault,
};
run.SetAction(async (result, cancellationToken) =>
{
    var count = result.GetValue(accounts);
    var siloCount = result.GetValue(silos);
    if (count < 1 || siloCount < 2)
    {
        Console.Error.WriteLine("cluster-soak: --accounts must be at least 1 and --silos at least 2");
        return 2;
    }

    VkLongPoll.TestSupport.Network.ServerProcess? embedded = null;
    try
    {
        var store = result.GetValue(redis);
        if (store is null)
        {
            embedded = await StoreHandle.StartAsync(Directory.CreateTempSubdirectory("vklp-cluster-store-").FullName, cancellationToken);
            store = $"127.0.0.1:{embedded.Port}";
            Console.Error.WriteLine($"cluster-soak: started the embedded store (Garnet) on {store}");
        }

        return await new SoakDriver(Settings(result, store), count, siloCount, result.GetValue(fault) == "pause", Console.Error).RunAsync(cancellationToken);
    }
    catch (TimeoutException e)
    {
        Console.Error.WriteLine($"cluster-soak: {e.Message}");
        return 1;
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        // One line and the silo logs (named above), not a stack trace.
        Console.Error.WriteLine($"cluster-soak: the soak failed: {e.GetType().Name}: {e.Message}");
        return 1;
    }
    finally
    {
        embedded?.Dispose();
    }
});

var silo = new Command("silo", "One silo process (started by `run`).") { storeRequired, clusterId, prefix, keepAlive, accountsFile, siloPort, gatewayPort };
silo.SetAction(async (result, cancellationToken) =>
{
    await SiloProcess.RunAsync(Settings(result, result.GetValue(storeRequired)!), result.GetValue(siloPort), result.GetValue(gatewayPort), result.GetValue(accountsFile)!, cancellationToken);
    return 0;
});

// The embedded store in a process of its own (started by `run` when no --redis is given): killing a silo never takes it along.
var storeCommand = new Command("store", "Embedded Garnet on 127.0.0.1 until SIGTERM (started by `run`).") { storePort };
storeCommand.SetAction(async (result, cancellationToken) =>
{
    using var garnet = VkLongPoll.TestSupport.Stores.EmbeddedGarnet.Start(result.GetValue(storePort));
    Console.WriteLine($"store: Garnet listens on 127.0.0.1:{garnet.Port}");
    var stopped = new TaskCompletionSource();
    using (cancellationToken.Register(() => stopped.TrySetResult()))
    {
        await stopped.Task;
    }

    return 0;
});

var root = new RootCommand("The VkLongPoll.Orleans failover soak.") { run, silo, storeCommand };
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine("cluster-soak: " + string.Join(' ', parsed.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)));
    return 2;
}

return await parsed.InvokeAsync();

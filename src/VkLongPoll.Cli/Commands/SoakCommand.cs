using System.CommandLine;
using VkLongPoll.Cli.Soak;

namespace VkLongPoll.Cli.Commands;

/// <summary><c>vklp soak</c>: many sessions against the in-process emulator under faults, checked against its journal.</summary>
internal static class SoakCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Events to emit, over all accounts.", DefaultValueFactory = _ => 10_000 };
        var faults = new Option<string>("--faults") { Description = "all (every fault kind at 2 % of polls, plus client restarts), none, or RATE[:KINDS][,restart].", DefaultValueFactory = _ => "all" };
        var seed = new Option<int>("--seed") { Description = "Seed of the world, the scenario and the faults.", DefaultValueFactory = _ => 1 };
        var sessions = new Option<int>("--sessions") { Description = "Sessions, one account each.", DefaultValueFactory = _ => 4 };
        var command = new Command("soak", "Run sessions against the emulator under faults and check that nothing was lost, duplicated or reordered.")
        {
            events, faults, seed, sessions,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var count = result.GetValue(events);
            var k = result.GetValue(sessions);
            if (count < 1 || k is < 1 or > 1000)
            {
                await Console.Error.WriteLineAsync("vklp soak: --events must be positive and --sessions 1–1000").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var soak = await new SoakRunner(count, k, result.GetValue(seed), result.GetValue(faults) ?? "all", Console.Error).RunAsync(cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"soak: {soak.Elapsed.TotalSeconds:F1} s, {soak.Delivered / Math.Max(soak.Elapsed.TotalSeconds, 0.001):F0} events/s delivered, {soak.Restarts} client restarts").ConfigureAwait(false);
                Console.WriteLine(soak.ToString());
                return soak.Clean ? 0 : 1;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"vklp soak: {e.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}

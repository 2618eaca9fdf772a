using System.CommandLine;
using VkLongPoll.Cli.Hosting;
using VkLongPoll.Cli.Soak;

namespace VkLongPoll.Cli.Commands;

/// <summary><c>vklp soak</c>: many sessions against the in-process emulator under faults, checked against its journal.</summary>
internal static class SoakCommand
{
    public static Command Create()
    {
        var events = OptionParsers.Int("--events", "Events to emit, over all accounts.", 10_000, 1, 100_000_000);
        var faults = new Option<string>("--faults") { Description = "all (every fault kind at 2 % of polls, plus client restarts), none, or RATE[:KINDS][,restart].", DefaultValueFactory = _ => "all" };
        var seed = OptionParsers.Int("--seed", "Seed of the world, the scenario and the faults.", 1, int.MinValue, int.MaxValue);
        var sessions = OptionParsers.Int("--sessions", "Sessions, one account each.", 4, 1, 1000);
        var community = new Option<bool>("--community") { Description = "Soak communities instead: the Bots Long Poll and the Callback API at once, --sessions communities on one Callback endpoint; --faults all is 10 % on each transport, and restarts." };
        var command = new Command("soak", "Run sessions against the emulator under faults and check that nothing was lost, duplicated or reordered.")
        {
            events, faults, seed, sessions, community,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var count = result.GetValue(events);
            var k = result.GetValue(sessions);
            try
            {
                if (result.GetValue(community))
                {
                    var communities = result.GetResult(sessions) is { Implicit: false } ? k : 1;
                    var run = await new CommunitySoakRunner(count, communities, result.GetValue(seed), result.GetValue(faults) ?? "all", Console.Error).RunAsync(cancellationToken).ConfigureAwait(false);
                    await Console.Error.WriteLineAsync($"soak: {run.Elapsed.TotalSeconds:F1} s, {run.Delivered / Math.Max(run.Elapsed.TotalSeconds, 0.001):F0} events/s delivered, {run.Restarts} consumer restarts").ConfigureAwait(false);
                    Console.WriteLine(run.ToString());
                    return run.Clean ? ExitCodes.Ok : ExitCodes.CheckFailed;
                }

                var soak = await new SoakRunner(count, k, result.GetValue(seed), result.GetValue(faults) ?? "all", Console.Error).RunAsync(cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"soak: {soak.Elapsed.TotalSeconds:F1} s, {soak.Delivered / Math.Max(soak.Elapsed.TotalSeconds, 0.001):F0} events/s delivered, {soak.Restarts} client restarts").ConfigureAwait(false);
                Console.WriteLine(soak.ToString());
                return soak.Clean ? ExitCodes.Ok : ExitCodes.CheckFailed;
            }
            catch (ArgumentException e)
            {
                throw CliFailure.Usage(e.Message);
            }
        });
        return command;
    }
}

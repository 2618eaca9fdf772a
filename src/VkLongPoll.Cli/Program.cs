using System.CommandLine;
using VkLongPoll.Cli.Commands;
using VkLongPoll.Cli.Hosting;

var root = new RootCommand("vklp: typed, gap-free events from a VK account's User Long Poll.")
{
    DemoCommand.Create(),
    WatchCommand.Create(),
    DecodeCommand.Create(),
    EmulateCommand.Create(),
    SoakCommand.Create(),
    LoginCommand.Create(),
    LogoutCommand.Create(),
};

using var signals = new Signals();
return await CommandLineHost.RunAsync(root, args, signals, Console.Error).ConfigureAwait(false);

using System.CommandLine;
using VkLongPoll.Cli.Commands;

var root = new RootCommand("vklp: typed, gap-free events from a VK account's User Long Poll.")
{
    DemoCommand.Create(),
    WatchCommand.Create(),
    DecodeCommand.Create(),
    EmulateCommand.Create(),
    SoakCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

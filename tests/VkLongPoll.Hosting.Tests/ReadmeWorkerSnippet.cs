// The README's worker snippet ("In a worker: VkLongPoll.Hosting"), line for line: ReadmeSnippetTests keeps the two the
// same, so the snippet a reader copies compiles with the packages and usings it names.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;             // AddVkLongPollInstrumentation lives where OpenTelemetry puts its extensions
#pragma warning disable IDE0005 // the README's program needs them; inside this namespace they are implied
using VkLongPoll;
using VkLongPoll.Hosting;
#pragma warning restore IDE0005
using VkLongPoll.Sqlite;

using VkLongPoll.Engine;

namespace VkLongPoll.Hosting.Tests;

internal static class ReadmeWorkerSnippet
{
    /// <summary>The snippet, ending in <c>Build()</c> where the README ends in <c>Build().Run()</c>.</summary>
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSingleton<ICheckpointStore>(new SqliteCheckpointStore("vk.db"));
        builder.Services.AddVkLongPoll(builder.Configuration.GetSection("VkLongPoll"))   // VkLongPoll:Accounts:{name}:AccessToken …
            .AddEventHandler<ReplyToMessages>();                                         // ILongPollEventHandler<MessageNewEvent>
        builder.Services.AddHealthChecks().AddVkLongPoll();                              // degraded in an outage, unhealthy for a rejected token
        builder.Services.AddOpenTelemetry().AddVkLongPollInstrumentation();              // spans and metrics (docs/observability.md)
        return builder.Build();
    }

    private sealed class ReplyToMessages : ILongPollEventHandler<Events.MessageNewEvent>
    {
        public ValueTask HandleAsync(Events.MessageNewEvent longPollEvent, AccountBatch context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VkLongPoll.Hosting;

/// <summary>The hosting's own <see cref="ActivitySource"/> and <see cref="Meter"/>, beside the session's (<see cref="LongPollMetrics"/>); docs/observability.md lists them.</summary>
public static class HostingTelemetry
{
    /// <summary>The name of the hosting's activity source and meter.</summary>
    public const string Name = "VkLongPoll.Hosting";

    internal static readonly ActivitySource Source = new(Name, LongPollHttp.ProductVersion);

    internal static readonly Meter Meter = new(Name, LongPollHttp.ProductVersion);

    internal static readonly Histogram<double> HandlerDuration = Meter.CreateHistogram<double>(
        "vklp.handler.duration", unit: "s", description: "Time the handlers took over one batch (every attempt), by outcome (ok, error).");

    internal static readonly Counter<long> BatchesHandled = Meter.CreateCounter<long>(
        "vklp.batches", unit: "{batch}", description: "Batches the handlers finished (their checkpoint then saved or committed), by recovered (true, false).");

    internal static readonly Counter<long> BatchesDeadLettered = Meter.CreateCounter<long>(
        "vklp.batches.dead_lettered", unit: "{batch}", description: "Batches given up after the handlers kept failing on them (the account went on past them), by account.");
}

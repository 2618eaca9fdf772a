using System.Diagnostics.Metrics;

using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>
/// The library's one <see cref="Meter"/> and one <see cref="System.Diagnostics.ActivitySource"/>, both named after the package
/// (docs/observability.md lists every instrument, span and tag). No token or key is ever a tag.
/// </summary>
public static class LongPollMetrics
{
    /// <summary>The meter's name, for listeners and OpenTelemetry.</summary>
    public const string MeterName = "VkLongPoll";

    /// <summary>The activity source's name (the same), for listeners and OpenTelemetry.</summary>
    public const string ActivitySourceName = "VkLongPoll";

    internal static readonly Meter Meter = new(MeterName, LongPollHttp.ProductVersion);

    internal static readonly System.Diagnostics.ActivitySource Source = new(ActivitySourceName, LongPollHttp.ProductVersion);

    /// <summary>Records the lag of the new messages of a batch, when anyone listens.</summary>
    internal static void RecordLag(IReadOnlyList<LongPollEvent> events, TimeProvider time)
    {
        if (!Lag.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var e in events)
        {
            if (e is MessageNewEvent { Message.Timestamp: { } sent })
            {
                Lag.Record(Math.Max(0, now - sent));
            }
        }
    }

    internal static readonly Counter<long> Events = Meter.CreateCounter<long>("vklp.events", unit: "{event}", description: "Events delivered to consumers.");

    internal static readonly Counter<long> Recoveries = Meter.CreateCounter<long>("vklp.recoveries", unit: "{recovery}", description: "Recoveries, by kind (failed_1 … failed_4).");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("vklp.retries", unit: "{request}", description: "Requests (polls and API calls) retried after a failure that passes: network, HTTP, timeout, VK API errors.");

    internal static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("vklp.lag", unit: "s", description: "Delivery time minus the timestamp of new messages (VK's clock; whole seconds).");

    internal static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("vklp.duplicates", unit: "{event}", description: "Community events that came again (by the other transport, a reconnect, a Callback retry, or recovered) and were not handed over twice.");

    internal static readonly Counter<long> HistoryPages = Meter.CreateCounter<long>("vklp.history_pages", unit: "{page}", description: "getLongPollHistory pages fetched.");

    internal static readonly Histogram<double> HandlerDuration = Meter.CreateHistogram<double>(
        "vklp.handler.duration", unit: "s", description: "Time the handler took over one batch (every attempt, the checkpoint's save included), by outcome (ok, error).");

    internal static readonly Counter<long> BatchesHandled = Meter.CreateCounter<long>(
        "vklp.batches", unit: "{batch}", description: "Batches the handler finished (their checkpoint then saved or committed), by recovered (true, false).");

    internal static readonly Counter<long> BatchesDeadLettered = Meter.CreateCounter<long>(
        "vklp.batches.dead_lettered", unit: "{batch}", description: "Batches given up after the handler kept failing on them (the account went on past them), by account.");
}

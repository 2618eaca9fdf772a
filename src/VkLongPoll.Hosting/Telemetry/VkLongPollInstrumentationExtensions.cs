using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VkLongPoll;

namespace OpenTelemetry;

/// <summary>Registers VkLongPoll's activity sources and meters with OpenTelemetry.</summary>
public static class VkLongPollInstrumentationExtensions
{
    private static readonly string[] Names = [LongPollMetrics.ActivitySourceName];

    /// <summary>Traces and metrics in one call: <c>services.AddOpenTelemetry().AddVkLongPollInstrumentation()</c> (exporters are added as usual).</summary>
    public static IOpenTelemetryBuilder AddVkLongPollInstrumentation(this IOpenTelemetryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddVkLongPollInstrumentation());
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddVkLongPollInstrumentation());
        return builder;
    }

    /// <summary>The spans of sessions (<c>vk.api</c>, <c>vk.longpoll.poll</c>, <c>vk.longpoll.recovery</c>) and of the hosting (<c>vk.longpoll.handle</c>).</summary>
    public static TracerProviderBuilder AddVkLongPollInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(Names);
    }

    /// <summary>The sessions' and the hosting's instruments (<c>vklp.*</c>).</summary>
    public static MeterProviderBuilder AddVkLongPollInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(Names);
    }
}

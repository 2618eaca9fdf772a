using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;


namespace VkLongPoll.Hosting;

/// <summary>
/// Healthy while every account polls; the failure status (unhealthy by default) while an enabled account has not started
/// polling from its checkpoint yet ("starting"); degraded while one has been retrying (an outage) or its handlers failing
/// for longer than <see cref="VkLongPollAccountOptions.DegradedAfter"/>, or it dead-lettered a batch within
/// <see cref="VkLongPollAccountOptions.DeadLetterDegradedFor"/>; unhealthy once one stopped with an error (a rejected token,
/// a token without <c>messages</c> access, a captcha nobody answers…). The data has one plain line per account.
/// </summary>
internal sealed class VkLongPollHealthCheck(VkLongPollAccounts accounts, IOptionsMonitor<VkLongPollAccountOptions> accountOptions, TimeProvider? time = null) : IHealthCheck
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var worst = HealthStatus.Healthy;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var name in accounts.Starting)
        {
            // Not yet polling from its checkpoint: a message sent now might not be news to it. Not healthy (a readiness probe waits).
            data[name] = "starting";
            problems.Add($"{name}: starting (not polling yet)");
            worst = HealthStatus.Unhealthy;
        }

        foreach (var state in accounts.Current)
        {
            if (data.ContainsKey(state.Name))
            {
                continue;
            }

            var options = accountOptions.Get(state.Name);
            var (status, line) = Evaluate(state, options.DegradedAfter, now, options.DeadLetterDegradedFor);
            data[state.Name] = line;
            if (status < HealthStatus.Healthy)
            {
                problems.Add($"{state.Name}: {line}");
            }

            worst = status < worst ? status : worst;
        }

        var description = problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{data.Count} account{(data.Count == 1 ? "" : "s")} polling")
            : string.Join("; ", problems);
        var result = worst == HealthStatus.Healthy ? HealthCheckResult.Healthy(description, data)
            : worst == HealthStatus.Degraded ? HealthCheckResult.Degraded(description, data: data)
            : new HealthCheckResult(context.Registration.FailureStatus, description, data: data);
        return Task.FromResult(result);
    }

    /// <summary>One account's health and a plain line saying why.</summary>
    internal static (HealthStatus Status, string Line) Evaluate(VkLongPollAccountState state, TimeSpan degradedAfter, DateTimeOffset now, TimeSpan? deadLetterDegradedFor = null)
    {
        if (state.Status is LongPollStopped { Reason: not (LongPollStopReason.Cancelled or LongPollStopReason.ConsumerStopped) } stopped)
        {
            return (HealthStatus.Unhealthy, stopped.Describe());
        }

        if (state.RetryingSince is { } retrying && now - retrying >= degradedAfter)
        {
            return (HealthStatus.Degraded, $"failing for {Seconds(now - retrying)}: {state.Status?.Describe()}");
        }

        if (state.HandlerFailingSince is { } failing && now - failing >= degradedAfter)
        {
            return (HealthStatus.Degraded, $"a handler has been failing for {Seconds(now - failing)}: {state.HandlerError?.GetType().Name}: {state.HandlerError?.Message}");
        }

        if (state.LastDeadLetteredAt is { } lettered && now - lettered < (deadLetterDegradedFor ?? TimeSpan.FromMinutes(10)))
        {
            return (HealthStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"{state.DeadLettered} batch{(state.DeadLettered == 1 ? "" : "es")} dead-lettered, the last {Seconds(now - lettered)} ago"));
        }

        return (HealthStatus.Healthy, state.Status switch
        {
            null => "starting",
            LongPollStopped => "stopped",
            LongPollRetrying retry => $"retrying: {retry.Describe()}",
            _ => string.Create(CultureInfo.InvariantCulture, $"polling ({state.EventsHandled} events in {state.BatchesHandled} batches)"),
        });
    }

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(span.TotalSeconds):F0} s");
}

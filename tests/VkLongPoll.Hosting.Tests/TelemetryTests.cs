using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VkLongPoll.Testing;

namespace VkLongPoll.Hosting.Tests;

/// <summary>Traces, metrics and logs of a worker reach OpenTelemetry's in-memory exporter and the logger, with no token or key anywhere.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class TelemetryTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task TracesMetricsAndLogs_ReachTheExporters_WithoutSecrets()
    {
        var account = fixture.NewAccount();
        var token = fixture.Emulator.Tokens[account];
        using var control = fixture.Emulator.CreateControlClient(account);
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        var logs = new CapturingLoggerProvider();
        var received = new Received();
        var settings = TestHost.Settings(fixture.Emulator, ("VkLongPoll:Accounts:alice:AccessToken", token));
        string key;
        using (var host = TestHost.Build(settings, vk => vk.AddBatchHandler<CollectingHandler>(), services =>
        {
            services.AddSingleton(received);
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddInMemoryExporter(activities))
                .WithMetrics(metering => metering.AddInMemoryExporter(metrics))
                .AddVkLongPollInstrumentation();
        }))
        {
            await host.StartAsync();
            await WorkerTests.WaitForStartAsync(host, "alice");
            // A recovery first (the next poll answers failed: 1), then a message.
            await control.InjectFaultAsync(FaultKind.Failed1);
            var accounts = host.Services.GetRequiredService<VkLongPollAccounts>();
            await TestHost.WaitUntilAsync(() => accounts["alice"]?.Status is LongPollRecoveryFinished, "the recovery has finished");
            await control.SendMessageAsync("traced");
            await received.WaitForAsync("alice", 1);
            key = host.Services.GetRequiredService<VkLongPollAccounts>()["alice"]!.Checkpoint!.Key!;
            await host.StopAsync();
        }

        // Disposing the host flushed the exporters.
        var mine = activities.Where(a => Equals(a.GetTagItem("vk.longpoll.session"), "alice") || a.OperationName.StartsWith("vk.api", StringComparison.Ordinal)).ToList();
        Assert.Contains(mine, a => a.OperationName == "vk.longpoll.poll" && Equals(a.GetTagItem("vk.longpoll.version"), 19));
        Assert.Contains(mine, a => a.OperationName == "vk.api messages.getLongPollServer" && Equals(a.GetTagItem("vk.api.method"), "messages.getLongPollServer"));
        Assert.Contains(mine, a => a.OperationName == "vk.longpoll.recovery" && Equals(a.GetTagItem("vk.longpoll.recovery.cause"), "HistoryLost"));
        Assert.Contains(mine, a => a.OperationName == "vk.longpoll.handle" && Equals(a.GetTagItem("vk.longpoll.account"), "alice") && a.Kind == ActivityKind.Consumer);
        var tagValues = activities.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? string.Empty).ToList();
        Assert.DoesNotContain(tagValues, v => v.Contains(token, StringComparison.Ordinal) || v.Contains(key, StringComparison.Ordinal));

        var names = metrics.Select(m => m.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "vklp.events", "vklp.recoveries", "vklp.history_pages", "vklp.batches", "vklp.handler.duration" }, names);
        Assert.Equal("s", metrics.First(m => m.Name == "vklp.handler.duration").Unit);
        Assert.Equal("{event}", metrics.First(m => m.Name == "vklp.events").Unit);
        Assert.Equal("{batch}", metrics.First(m => m.Name == "vklp.batches").Unit);

        var lines = logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("VK Long Poll account alice starting", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Long Poll session alice recovering (HistoryLost)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal) || l.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }
}

/// <summary>Every log line with its category and the values of its state, as a sink would see them.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {values} {exception}");
        }
    }
}

using System.Collections.Concurrent;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace VkLongPoll.Benchmarks;

/// <summary>Adds MB/s, events/s and allocated bytes per event, from the corpus size each benchmark registers.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    private static readonly ConcurrentDictionary<string, (long Bytes, int Events)> Corpora = new();

    public ThroughputConfig()
    {
        AddColumn(new ThroughputColumn("MB/s", (bytes, _, seconds, _) => bytes / 1e6 / seconds));
        AddColumn(new ThroughputColumn("Events/s", (_, events, seconds, _) => events / seconds));
        AddColumn(new ThroughputColumn("B/event", (_, events, _, allocated) => allocated / (double)events));
    }

    /// <summary>Called from GlobalSetup, which runs in the benchmark process; also written to a file the host reads.</summary>
    /// <param name="benchmark">The benchmark class.</param>
    /// <param name="bytes">Input bytes per operation.</param>
    /// <param name="events">Events per operation.</param>
    /// <param name="parameters">The benchmark's parameter values, ordered by parameter name.</param>
    public static void Register(Type benchmark, long bytes, int events, params object[] parameters)
    {
        var key = Key(benchmark.Name, string.Join('-', parameters.Select(p => p.ToString())));
        Corpora[key] = (bytes, events);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"vklp-bench-{key}.txt"), $"{bytes} {events}");
    }

    private static string Key(string type, string parameters) => $"{type}-{parameters}";

    private static (long Bytes, int Events)? Lookup(BenchmarkCase benchmark)
    {
        // Registered in the order of the parameters' names (callers pass them so).
        var parameters = string.Join('-', benchmark.Parameters.Items.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Value?.ToString()));
        var key = Key(benchmark.Descriptor.Type.Name, parameters);
        if (Corpora.TryGetValue(key, out var known))
        {
            return known;
        }

        var file = Path.Combine(Path.GetTempPath(), $"vklp-bench-{key}.txt");
        if (!File.Exists(file))
        {
            return null;
        }

        var parts = File.ReadAllText(file).Split(' ');
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class ThroughputColumn(string name, Func<long, int, double, long, double> compute) : IColumn
    {
        public string Id => nameof(ThroughputColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"{name} over the whole corpus";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } statistics || Lookup(benchmarkCase) is not { } corpus)
            {
                return "-";
            }

            var seconds = statistics.Mean / 1e9;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) ?? 0;
            return compute(corpus.Bytes, corpus.Events, seconds, allocated).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}

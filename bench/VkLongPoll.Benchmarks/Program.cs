using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using VkLongPoll.Benchmarks;
using VkLongPoll.Benchmarks.Compare;

// --dry: one quick pass of every benchmark (CI proves they still build and run; the numbers mean nothing).
// --write-corpus DIR: writes the corpus as NDJSON files, for the side-by-side runs in bench/compare;
// --write-corpus DIR RESPONSES PROFILE: one version-19 corpus of that many answers in a profile's proportions (chatty, media).
if (args is ["--write-corpus", var directory, .. var corpusRest])
{
    Directory.CreateDirectory(directory);
    if (corpusRest is [var responsesText, var profileName])
    {
        var profile = Profile(profileName);
        var corpus = CorpusGenerator.Generate(19, (int)Number(responsesText), profile: profile);
        var path = Path.Combine(directory, $"corpus-v19-{profile.Name}-{corpus.Count}.ndjson");
        await File.WriteAllLinesAsync(path, corpus.Select(System.Text.Encoding.UTF8.GetString));
        Console.WriteLine($"{path}: {CorpusGenerator.CountEvents(corpus)} events, {new FileInfo(path).Length / 1e6:F1} MB");
        return 0;
    }

    foreach (var version in new[] { 3, 19 })
    {
        var path = Path.Combine(directory, $"corpus-v{version}.ndjson");
        await File.WriteAllLinesAsync(path, CorpusGenerator.Generate(version, 200).Select(System.Text.Encoding.UTF8.GetString));
        Console.WriteLine(path);
    }

    return 0;
}

// --profile SECONDS: the decoder's stages timed in loops, for finding hot spots (BenchmarkDotNet gives the figures).
if (args is ["--profile", var secondsText])
{
    Profiling.Run(Number(secondsText));
    return 0;
}

// --decode-loop SECONDS [PROFILE] [texts]: only the full decode, in a loop (for a sampling profiler such as perf);
// with "texts", every new message's text is read as a string too.
if (args is ["--decode-loop", var loopText, .. var loopRest])
{
    Profiling.DecodeLoop(
        Number(loopText),
        loopRest is [var p, ..] ? Profile(p) : CorpusProfile.Chatty,
        loopRest is [_, "texts"]);
    return 0;
}

// --idle-sessions N: memory per idle session; --recovery N: time to recover a gap of N persistent events.
if (args is ["--idle-sessions", var sessionsText])
{
    await SessionFigures.IdleSessionsAsync((int)Number(sessionsText));
    return 0;
}

if (args is ["--recovery", var gapText])
{
    await SessionFigures.RecoveryAsync((int)Number(gapText));
    return 0;
}

// Side by side with vk-io (bench/compare): decode throughput (the decoder in this process; the whole vklp decode as a
// process), and end-to-end latency against the emulator.
if (args is ["--compare-decode", .. var decodeRest])
{
    await DecodeComparison.RunAsync(decodeRest is [var s, ..] ? Number(s) : 5, decodeRest is [_, var p, ..] ? Profile(p) : CorpusProfile.Chatty);
    return 0;
}

if (args is ["--compare-cli", .. var cliRest])
{
    await CliComparison.RunAsync(cliRest is [var r, ..] ? (int)Number(r) : 5, cliRest is [_, var p, ..] ? Profile(p) : CorpusProfile.Chatty);
    return 0;
}

if (args is ["--latency", .. var latencyRest])
{
    await LatencyComparison.RunAsync(latencyRest is [var r, ..] ? Number(r) : 50, latencyRest is [_, var d, ..] ? Number(d) : 20);
    return 0;
}

if (args is ["--latency-client", var apiUrl, var caPem, var token])
{
    await LatencyClient.RunAsync(apiUrl, caPem, token);
    return 0;
}

// Scale: N sessions in a client process of their own against the emulator in this one.
if (args is ["--scale", var sessionsCount, .. var scaleRest])
{
    await ScaleRun.RunAsync((int)Number(sessionsCount), scaleRest is [var p, ..] ? Number(p) : 30);
    return 0;
}

if (args is ["--scale-client", var scaleApi, var scalePem, var tokensFile])
{
    await ScaleClient.RunAsync(scaleApi, scalePem, tokensFile);
    return 0;
}

var config = args.Contains("--dry")
    ? ManualConfig.CreateMinimumViable().AddJob(Job.Dry)
    : DefaultConfig.Instance;
var rest = args.Where(a => a != "--dry").ToArray();
BenchmarkSwitcher.FromAssembly(typeof(DecodeBenchmarks).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
return 0;

// A wrong argument is one line on stderr and exit code 2, as in vklp.
static double Number(string text)
{
    if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
    {
        return number;
    }

    Console.Error.WriteLine($"'{text}' is not a number");
    Environment.Exit(2);
    return 0;
}

static CorpusProfile Profile(string name)
{
    try
    {
        return CorpusProfile.Parse(name);
    }
    catch (ArgumentException)
    {
        Console.Error.WriteLine($"unknown corpus profile '{name}' (chatty or media)");
        Environment.Exit(2);
        return CorpusProfile.Chatty;
    }
}

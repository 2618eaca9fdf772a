using StackExchange.Redis;
using VkLongPoll.Cli.Soak;
using VkLongPoll.Orleans;
using VkLongPoll.Testing;

namespace VkLongPoll.TestSupport.Cluster;

/// <summary>
/// The emulator's accounts as a cluster sees them: names <c>acct-N</c>, a directory that gives each its token, a handler that
/// commits each batch's persistent events to a Redis list with the checkpoint (exactly-once), and the check of those lists
/// against the emulator's journal.
/// </summary>
public sealed class EmulatedAccounts(VkEmulator emulator, IConnectionMultiplexer redis, string prefix)
{
    public const int Mode = 2 | 8 | 32 | 128 | 1024;

    private readonly Dictionary<int, long> _startTs = [];

    public VkEmulator Emulator => emulator;

    public string Prefix => prefix;

    public static string Name(int account) => $"acct-{account}";

    public static int Index(string name) => int.Parse(name.AsSpan("acct-".Length), System.Globalization.CultureInfo.InvariantCulture);

    public RedisKey DeliveriesKey(string account) => new DeliveryLists(prefix).KeyOf(account);

    /// <summary>Where account N starts: the emulator's position now (its recovery goes through history from this pts).</summary>
    public LongPollCheckpoint StartHere(int account)
    {
        var (ts, pts) = emulator.Position(account);
        _startTs[account] = ts;
        return new LongPollCheckpoint(ts, pts, null, null, 19);
    }

    public LongPollClientOptions Options(int account) => SessionOptions(emulator.Tokens[account], emulator.ApiUrl);

    /// <summary>A session tuned for the emulator: short polls and retries, so faults and failovers are crossed quickly.</summary>
    public static LongPollClientOptions SessionOptions(string token, Uri apiUrl) => new()
    {
        AccessToken = token,
        ApiBaseUrl = apiUrl,
        ApiCallsPerSecond = 0,
        Wait = 2,
        RequestTimeoutMargin = TimeSpan.FromSeconds(2),
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        Mode = Mode,
    };

    public async Task<long> DeliveredCountAsync(string account) => await redis.GetDatabase().ListLengthAsync(DeliveriesKey(account));

    /// <summary>True when the account's checkpoint has reached the emulator's position.</summary>
    public async Task<bool> CaughtUpAsync(RedisCheckpointStore store, int account) =>
        (await store.LoadAsync(Name(account)))?.Ts >= emulator.Position(account).Ts;

    /// <summary>Persistent events the emulator has sent the account since it started.</summary>
    public int EmittedSinceStart(int account) =>
        emulator.Journal(account, 19, Mode).Count(e => e.Sent && e.Persistent && e.Ts > _startTs[account]);

    /// <summary>Lost, duplicated and reordered persistent events of an account, against the journal since it started.</summary>
    public async Task<(int Expected, int Lost, int Duplicated, int Reordered)> CompareAsync(int account)
    {
        var decoder = new LongPollDecoder(new LongPollDecoderOptions { Version = 19, Mode = Mode });
        var journal = emulator.Journal(account, 19, Mode)
            .Where(e => e.Sent && e.Persistent && e.Ts > _startTs[account])
            .Select(e => decoder.ReadEvent(e.Update))
            .ToList();
        var expected = journal.Select(EventKeys.Of).ToList();
        var delivered = EventKeys.Resolve((await redis.GetDatabase().ListRangeAsync(DeliveriesKey(Name(account)))).Select(v => v.ToString()), journal);
        return Compare(expected, delivered);
    }

    public static (int Expected, int Lost, int Duplicated, int Reordered) Compare(List<string> expected, List<string> delivered)
    {
        var remaining = expected.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var duplicated = 0;
        foreach (var key in delivered)
        {
            if (remaining.TryGetValue(key, out var left) && left > 0)
            {
                remaining[key] = left - 1;
            }
            else
            {
                duplicated++;
            }
        }

        var lost = remaining.Values.Sum();
        var reordered = lost == 0 && duplicated == 0 ? expected.Zip(delivered).Count(pair => pair.First != pair.Second) : 0;
        return (expected.Count, lost, duplicated, reordered);
    }
}

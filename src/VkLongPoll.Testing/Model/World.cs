using System.Globalization;

namespace VkLongPoll.Testing.Model;

/// <summary>Everything the emulated VK knows: users and accounts, built deterministically from a seed.</summary>
internal sealed class World
{
    private readonly Dictionary<long, EmulatedUser> _users = [];
    private readonly Dictionary<string, Account> _byToken = new(StringComparer.Ordinal);
    private Func<Account, string> _serverFor = a => $"127.0.0.1/nim{a.Self.Id}";

    public World(EmulatorOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        var random = new Random(options.Seed);
        var friendsPerAccount = 8;
        for (var a = 0; a < options.Accounts; a++)
        {
            var self = NewUser(random);
            var token = "vk1.a." + Convert.ToHexStringLower(RandomBytes(random, 32));
            var account = new Account(this, self, token, options.Seed * 7919 + a, options);
            for (var f = 0; f < friendsPerAccount; f++)
            {
                account.Friends.Add(NewUser(random).Id);
            }

            Accounts.Add(account);
            _byToken[token] = account;
        }
    }

    public EmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public List<Account> Accounts { get; } = [];

    public IReadOnlyCollection<EmulatedUser> Users => _users.Values;

    public Account? ByToken(string? token) => token is not null && _byToken.TryGetValue(token, out var account) ? account : null;

    public EmulatedUser User(long id) =>
        _users.TryGetValue(id, out var user) ? user : throw new EmulatorRequestException($"no user {id}");

    public bool TryGetUser(long id, out EmulatedUser user) => _users.TryGetValue(id, out user!);

    public string LongPollServerFor(Account account) => _serverFor(account);

    /// <summary>Set once the listening address is known: <c>127.0.0.1:PORT/nim{id}</c>, no scheme (as VK), unless plain HTTP.</summary>
    public void SetServerAddress(string hostAndPort, bool plainHttp) =>
        _serverFor = a => (plainHttp ? "http://" : string.Empty) + hostAndPort + "/nim" + a.Self.Id.ToString(CultureInfo.InvariantCulture);

    private EmulatedUser NewUser(Random random)
    {
        long id;
        do
        {
            id = random.Next(1_000_000, 900_000_000);
        }
        while (_users.ContainsKey(id));

        var sex = random.Next(1, 3);
        var user = new EmulatedUser { Id = id, Sex = sex, Names = RussianNames.Pick(random, sex) };
        _users[id] = user;
        return user;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}

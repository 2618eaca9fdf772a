using System.Globalization;

namespace VkLongPoll.Testing.Model;

/// <summary>Everything the emulated VK knows: users and accounts, built deterministically from a seed.</summary>
internal sealed class World
{
    private readonly Dictionary<long, EmulatedUser> _users = [];
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Random _tokenRandom;
    private Func<Account, string> _serverFor = a => $"127.0.0.1/nim{a.Self.Id}";

    public World(EmulatorOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        var random = new Random(options.Seed);
        _tokenRandom = new Random(options.Seed ^ 0x5EED);
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
            // The account's own token: messages access, no expiry (like an offline Implicit Flow token).
            _tokens[token] = new IssuedToken(token, account, messagesAccess: true, expiresAt: null);
        }

        // Communities draw from their own generator, so adding them leaves every account, token and key as it was.
        var communityRandom = new Random(options.Seed ^ 0xC0DE);
        for (var c = 0; c < options.Communities; c++)
        {
            var id = 229_000_001L + c;
            var token = "vk1.a." + Convert.ToHexStringLower(RandomBytes(communityRandom, 48));
            var first = Accounts[0];
            Communities.Add(new Community.EmulatedCommunity(this, id, CommunityNames[c % CommunityNames.Length] + (c < CommunityNames.Length ? string.Empty : $" {c}"), token, first.Self.Id, first.Friends, options.Seed * 104_729 + c));
        }
    }

    private static readonly string[] CommunityNames = ["Клуб любителей чая", "Дача и сад", "Городские новости", "Книжный клуб", "Бег по утрам"];

    /// <summary>The communities, the first account their admin and its friends their subscribers.</summary>
    public List<Community.EmulatedCommunity> Communities { get; } = [];

    /// <summary>The community of a community access token; null for any other token.</summary>
    public Community.EmulatedCommunity? CommunityByToken(string? token) =>
        token is null ? null : Communities.Find(c => string.Equals(c.Token, token, StringComparison.Ordinal));

    /// <summary>The dialogs a User Long Poll <c>/nim{id}</c> serves: an account's, or a community's (its negative id).</summary>
    public Account? LongPollAccount(long id) =>
        id < 0 ? Communities.Find(c => c.Id == -id)?.Messages : Accounts.Find(a => a.Self.Id == id);

    public EmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public List<Account> Accounts { get; } = [];

    public IReadOnlyCollection<EmulatedUser> Users => _users.Values;

    /// <summary>The account of a token the emulator issued (valid or not); null for a token it never issued.</summary>
    public Account? ByToken(string? token) => Token(token)?.Account;

    /// <summary>A token the emulator issued (valid or not); null for one it never issued.</summary>
    public IssuedToken? Token(string? token)
    {
        lock (_tokens)
        {
            return token is not null && _tokens.TryGetValue(token, out var issued) ? issued : null;
        }
    }

    /// <summary>Every expiring token of <paramref name="account"/> expires now (as if its hour had passed); returns how many.</summary>
    public int ExpireTokens(Account account)
    {
        lock (_tokens)
        {
            var now = Time.GetUtcNow();
            var expiring = _tokens.Values.Where(t => t.Account == account && t.ExpiresAt > now).ToList();
            expiring.ForEach(t => t.ExpiresAt = now);
            return expiring.Count;
        }
    }

    /// <summary>A new token for <paramref name="account"/>: with or without <c>messages</c>, for a while or for ever.</summary>
    public IssuedToken IssueToken(Account account, bool messagesAccess, TimeSpan? lifetime)
    {
        lock (_tokens)
        {
            var value = "vk1.a." + Convert.ToHexStringLower(RandomBytes(_tokenRandom, 32));
            var issued = new IssuedToken(value, account, messagesAccess, lifetime is { } life ? Time.GetUtcNow() + life : null);
            _tokens[value] = issued;
            return issued;
        }
    }

    public EmulatedUser User(long id) =>
        _users.TryGetValue(id, out var user) ? user : throw new EmulatorRequestException($"no user {id}");

    public bool TryGetUser(long id, out EmulatedUser user) => _users.TryGetValue(id, out user!);

    public string LongPollServerFor(Account account) => _serverFor(account);

    /// <summary>Set once the listening address is known: <c>127.0.0.1:PORT/nim{id}</c>, no scheme (as VK), unless plain HTTP.</summary>
    public void SetServerAddress(string hostAndPort, bool plainHttp)
    {
        _serverFor = a => (plainHttp ? "http://" : string.Empty) + hostAndPort + "/nim" + a.Self.Id.ToString(CultureInfo.InvariantCulture);
        BaseUri = (plainHttp ? "http://" : "https://") + hostAndPort + "/";
    }

    /// <summary>Where the emulator listens, e.g. <c>https://127.0.0.1:40123/</c> (pages it links to: captcha, VK ID).</summary>
    public string BaseUri { get; private set; } = "https://127.0.0.1/";

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

namespace VkLongPoll.Testing.Model;

/// <summary>A person in the emulated world, with the name forms <c>users.get</c> gives for each <c>name_case</c>.</summary>
internal sealed class EmulatedUser
{
    public required long Id { get; init; }

    /// <summary>1 female, 2 male (VK's <c>sex</c>).</summary>
    public required int Sex { get; init; }

    /// <summary>First and last name per case: nom, gen, dat, acc, ins, abl.</summary>
    public required IReadOnlyDictionary<string, (string First, string Last)> Names { get; init; }

    public bool Online { get; set; }

    /// <summary>VK's <c>last_seen.platform</c>: 1 mobile web, 2 iPhone, 3 iPad, 4 Android, 5 Windows Phone, 6 Windows, 7 full site.</summary>
    public int Platform { get; set; }

    /// <summary>Unix time of the last change of presence (VK's <c>last_seen.time</c>).</summary>
    public long LastSeen { get; set; }

    /// <summary>VK counts platforms 1–5 as mobile (<c>online_mobile</c>).</summary>
    public bool OnMobile => Platform is >= 1 and <= 5;

    public string FirstName => Names["nom"].First;

    public string LastName => Names["nom"].Last;

    public string Photo(int size) => $"https://vk.example/images/u{Id}_{size}.jpg";
}

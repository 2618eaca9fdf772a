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

    public int Platform { get; set; }

    public string FirstName => Names["nom"].First;

    public string LastName => Names["nom"].Last;

    public string Photo(int size) => $"https://vk.example/images/u{Id}_{size}.jpg";
}

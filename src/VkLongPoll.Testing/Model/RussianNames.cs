namespace VkLongPoll.Testing.Model;

/// <summary>Russian first and last names in all six cases, for <c>users.get</c>'s <c>name_case</c>.</summary>
internal static class RussianNames
{
    public static readonly string[] Cases = ["nom", "gen", "dat", "acc", "ins", "abl"];

    // First names, all six cases written out (declension of first names is irregular).
    private static readonly string[][] Male =
    [
        ["Иван", "Ивана", "Ивану", "Ивана", "Иваном", "Иване"],
        ["Пётр", "Петра", "Петру", "Петра", "Петром", "Петре"],
        ["Алексей", "Алексея", "Алексею", "Алексея", "Алексеем", "Алексее"],
        ["Дмитрий", "Дмитрия", "Дмитрию", "Дмитрия", "Дмитрием", "Дмитрии"],
        ["Сергей", "Сергея", "Сергею", "Сергея", "Сергеем", "Сергее"],
        ["Михаил", "Михаила", "Михаилу", "Михаила", "Михаилом", "Михаиле"],
    ];

    private static readonly string[][] Female =
    [
        ["Анна", "Анны", "Анне", "Анну", "Анной", "Анне"],
        ["Мария", "Марии", "Марии", "Марию", "Марией", "Марии"],
        ["Елена", "Елены", "Елене", "Елену", "Еленой", "Елене"],
        ["Ольга", "Ольги", "Ольге", "Ольгу", "Ольгой", "Ольге"],
        ["Наталья", "Натальи", "Наталье", "Наталью", "Натальей", "Наталье"],
        ["Татьяна", "Татьяны", "Татьяне", "Татьяну", "Татьяной", "Татьяне"],
    ];

    // Surnames in -ов decline regularly.
    private static readonly string[] Stems = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Волков", "Орлов"];

    private static readonly string[] MaleEndings = ["", "а", "у", "а", "ым", "е"];
    private static readonly string[] FemaleEndings = ["а", "ой", "ой", "у", "ой", "ой"];

    public static Dictionary<string, (string First, string Last)> Pick(Random random, int sex)
    {
        var first = sex == 1 ? Female[random.Next(Female.Length)] : Male[random.Next(Male.Length)];
        var stem = Stems[random.Next(Stems.Length)];
        var endings = sex == 1 ? FemaleEndings : MaleEndings;
        var names = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (var i = 0; i < Cases.Length; i++)
        {
            names[Cases[i]] = (first[i], stem + endings[i]);
        }

        return names;
    }
}

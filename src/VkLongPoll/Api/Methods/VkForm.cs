using System.Globalization;

namespace VkLongPoll.Api.Methods;

/// <summary>How the generated parameter types write their values into the form VK reads.</summary>
internal static class VkForm
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shortest text that reads back as the same double, with a '.' whatever the culture.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>VK's flags are 1 and 0.</summary>
    public static string Bool(bool value) => value ? "1" : "0";

    /// <summary>A list as VK takes it: comma-separated.</summary>
    public static string List(IEnumerable<long> values) => string.Join(',', values.Select(Int));

    public static string List(IEnumerable<double> values) => string.Join(',', values.Select(Number));

    public static string List(IEnumerable<string> values) => string.Join(',', values);

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, replacing what the parameters said (an <c>…Extended</c> call's <c>extended=1</c>).</summary>
    public static void Set(List<KeyValuePair<string, string>> form, string name, string value)
    {
        form.RemoveAll(p => p.Key == name);
        form.Add(new(name, value));
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace VkLongPoll.Testing.Hosting;

/// <summary>Parameters of a request as VK reads them: the query string and, for a form POST, the body.</summary>
internal sealed class RequestParameters
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static async Task<RequestParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new RequestParameters();
        foreach (var (key, value) in request.Query)
        {
            parameters._values[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                parameters._values[key] = value.ToString();
            }
        }

        return parameters;
    }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public IEnumerable<KeyValuePair<string, string>> All => _values;

    /// <summary>An integer parameter; <paramref name="fallback"/> when absent; null when present but not an integer.</summary>
    public long? Int64(string name, long fallback) =>
        _values.TryGetValue(name, out var text)
            ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null
            : fallback;

    public bool Flag(string name) => _values.TryGetValue(name, out var text) && text is "1" or "true";

    /// <summary>A comma-separated list of integers; null when an item is not an integer.</summary>
    public List<long>? Int64List(string name)
    {
        var list = new List<long>();
        if (!_values.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return list;
        }

        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            list.Add(value);
        }

        return list;
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using VkLongPoll.Cli.Feed;

namespace VkLongPoll.Cli.Hosting;

/// <summary>Options whose values are checked as they are parsed, each with a plain message naming the option and the value.</summary>
internal static class OptionParsers
{
    public static Option<int> Int(string name, string description, int defaultValue, int min, int max, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseInt(result, name, min, max) ?? defaultValue,
        };

    public static Option<int?> OptionalInt(string name, string description, int min, int max, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            CustomParser = result => ParseInt(result, name, min, max),
        };

    /// <summary>A file's path: not empty and not a folder (each said in one line naming the option, not as an "unexpected error").</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help.</param>
    /// <param name="emptyIsNone">An empty value means the option was not given (the env file of <c>vklp emulate --http</c> has <c>CA=''</c>); it is read as <c>""</c>.</param>
    public static Option<string?> FilePath(string name, string description, bool emptyIsNone = false) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = Single(result);
                if (text is null)
                {
                    return null;
                }

                if (string.IsNullOrWhiteSpace(text))
                {
                    if (!emptyIsNone)
                    {
                        result.AddError($"{name}: give a file's path (it was empty)");
                    }

                    return string.Empty; // System.CommandLine cannot take null from a parser here; callers read "" as none
                }

                if (Directory.Exists(text))
                {
                    result.AddError($"{name}: {text} is a folder; give a file in it (for example {Path.Combine(text, "vklp.db")})");
                    return null;
                }

                return text;
            },
        };

    /// <summary>A positive VK id (a user or a community).</summary>
    public static Option<long?> Id(string name, string description) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = Single(result);
                if (text is null)
                {
                    return null;
                }

                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                {
                    result.AddError($"{name}: '{text}' is not an id (a positive whole number, e.g. 1234567)");
                    return null;
                }

                return id;
            },
        };

    public static Option<int> OneOf(string name, string description, int defaultValue, IReadOnlyList<int> allowed) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var value = ParseInt(result, name, int.MinValue, int.MaxValue);
                if (value is { } v && !allowed.Contains(v))
                {
                    result.AddError($"{name}: {v} is not one of {string.Join(", ", allowed)}");
                }

                return value ?? defaultValue;
            },
        };

    public static Option<double> PositiveNumber(string name, string description, double defaultValue) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = Single(result);
                if (text is null)
                {
                    return defaultValue;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
                {
                    result.AddError($"{name}: '{text}' is not a positive number");
                    return defaultValue;
                }

                return value;
            },
        };

    /// <summary>An absolute http:// or https:// URL.</summary>
    /// <summary>An http:// or https:// URL; with <paramref name="plainOnlyToLoopback"/>, plain http:// only to this machine (an endpoint that gets the token).</summary>
    public static Option<Uri?> HttpUrl(string name, string description, bool plainOnlyToLoopback = true) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = Single(result);
                if (text is null)
                {
                    return null;
                }

                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
                {
                    result.AddError($"{name}: '{text}' is not an http:// or https:// URL");
                    return null;
                }

                if (plainOnlyToLoopback && uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
                {
                    // The token would travel in clear text: plain HTTP is for the emulator on this machine only.
                    result.AddError($"{name}: plain http:// only to this machine (127.0.0.1, localhost); use https://{uri.Authority}{uri.PathAndQuery}");
                    return null;
                }

                return uri;
            },
        };

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host, out var address) && System.Net.IPAddress.IsLoopback(address));

    /// <summary><c>--lang ru|en</c> (any case); null when not given (the system's language decides).</summary>
    public static Option<FeedLanguage?> Language() =>
        new("--lang")
        {
            // The help shows what the parser takes, not the enum's names.
            HelpName = "ru|en",
            Description = "ru or en (default: the system's language).",
            CustomParser = result =>
            {
                var text = Single(result);
                switch (text?.ToLowerInvariant())
                {
                    case null: return null;
                    case "ru": return FeedLanguage.Russian;
                    case "en": return FeedLanguage.English;
                    default:
                        result.AddError($"--lang: '{text}' is not a language of the feed; use ru or en");
                        return null;
                }
            },
        };

    /// <summary>A comma-separated subset of <paramref name="known"/>.</summary>
    public static Option<IReadOnlySet<string>?> Subset(string name, string description, IReadOnlyList<string> known) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = Single(result);
                if (text is null)
                {
                    return null;
                }

                var chosen = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                var unknown = chosen.Where(group => !known.Contains(group)).ToList();
                if (unknown.Count > 0 || chosen.Count == 0)
                {
                    result.AddError($"{name}: '{text}' names no known group{(unknown.Count > 0 ? $" ({string.Join(", ", unknown)})" : string.Empty)}; known: {string.Join(",", known)}");
                    return null;
                }

                return chosen;
            },
        };

    private static int? ParseInt(ArgumentResult result, string name, int min, int max)
    {
        var text = Single(result);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name}: '{text}' is not a whole number");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError($"{name}: {value} is out of range ({min}–{max})");
            return null;
        }

        return value;
    }

    private static string? Single(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;
}

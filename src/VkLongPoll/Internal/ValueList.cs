using System.Collections;

namespace VkLongPoll.Internal;

/// <summary>
/// A read-only list that compares by content, so events (records) that carry lists are equal when they say the same thing:
/// two decodes of one update with a photo are <c>Equals</c>. A record's generated equality calls <see cref="Equals(object)"/>
/// on each member; a plain array or <see cref="List{T}"/> there compares by reference.
/// </summary>
/// <typeparam name="T">The element type (compared with <see cref="EqualityComparer{T}.Default"/>).</typeparam>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static readonly ValueList<T> Empty = new([]);

    private readonly T[] _items;

    private ValueList(T[] items) => _items = items;

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    /// <summary><paramref name="items"/> as a value list: itself when it is one, the shared empty one when empty, a view of an array, else a copy.</summary>
    public static ValueList<T> Of(IReadOnlyList<T>? items) => items switch
    {
        ValueList<T> list => list,
        null or { Count: 0 } => Empty,
        T[] array => new ValueList<T>(array), // a view, not a copy: the decoder's arrays are its own (no cost on the hot path)
        _ => new ValueList<T>([.. items]),
    };

    public bool Equals(ValueList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default));

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", _items)}]";
}

/// <summary>A read-only dictionary that compares by content (keys and values), for the same reason as <see cref="ValueList{T}"/>.</summary>
internal sealed class ValueMap : IReadOnlyDictionary<string, string>, IEquatable<ValueMap>
{
    private readonly Dictionary<string, string> _items;

    private ValueMap(Dictionary<string, string> items) => _items = items;

    public static ValueMap? Of(IReadOnlyDictionary<string, string>? items) => items switch
    {
        null => null,
        ValueMap map => map,
        _ => new ValueMap(items.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)),
    };

    public int Count => _items.Count;

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<string> Values => _items.Values;

    public string this[string key] => _items[key];

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) => _items.TryGetValue(key, out value);

    public bool Equals(ValueMap? other) =>
        other is not null && other.Count == Count && _items.All(p => other._items.TryGetValue(p.Key, out var value) && value == p.Value);

    public override bool Equals(object? obj) => obj is ValueMap other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in _items)
        {
            hash ^= HashCode.Combine(key, value); // order-free, as the dictionary is
        }

        return hash;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}

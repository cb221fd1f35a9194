using System.Collections;

namespace BuildGraph.Grpc;

/// <summary>
/// gRPC metadata: ordered name/value pairs with lower-case names. Names ending in <c>-bin</c> carry
/// binary values, base64 on the wire. Not thread-safe.
/// </summary>
public sealed class Metadata : IEnumerable<KeyValuePair<string, string>>
{
    public const string BinarySuffix = "-bin";
    private readonly List<KeyValuePair<string, string>> _entries = [];

    public int Count => _entries.Count;

    /// <summary>Adds a text value (printable ASCII; use <see cref="AddBinary"/> for anything else).</summary>
    public void Add(string name, string value)
    {
        var key = name.ToLowerInvariant();
        if (key.EndsWith(BinarySuffix, StringComparison.Ordinal))
            throw new ArgumentException($"Metadata '{name}' is binary: use AddBinary", nameof(name));
        _entries.Add(new(key, value));
    }

    /// <summary>Adds a binary value under a name that ends in <c>-bin</c>.</summary>
    public void AddBinary(string name, ReadOnlySpan<byte> value)
    {
        var key = name.ToLowerInvariant();
        if (!key.EndsWith(BinarySuffix, StringComparison.Ordinal))
            throw new ArgumentException($"Binary metadata names end in '-bin': '{name}'", nameof(name));
        _entries.Add(new(key, Convert.ToBase64String(value)));
    }

    /// <summary>Adds a value as it travels on the wire (base64 for -bin names).</summary>
    internal void AddRaw(string name, string value) => _entries.Add(new(name.ToLowerInvariant(), value));

    /// <summary>The first value for <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        foreach (var (key, value) in _entries)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }

    /// <summary>The first binary value for <paramref name="name"/> (a -bin name), or null when absent or not base64.</summary>
    public byte[]? GetBinary(string name)
    {
        if (Get(name) is not { } text)
            return null;
        // gRPC peers may leave base64 padding out.
        var padded = text.Length % 4 == 0 ? text : text + new string('=', 4 - text.Length % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

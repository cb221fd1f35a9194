namespace BuildGraph.Yaml;

/// <summary>A YAML mapping with string keys in insertion order and O(1) lookup.</summary>
public sealed class MappingNode : Node
{
    private readonly OrderedDictionary<string, Entry> _entries;

    public MappingNode(Provenance provenance, int capacity = 0) : base(provenance) =>
        _entries = new OrderedDictionary<string, Entry>(capacity, StringComparer.Ordinal);

    /// <summary>A value and where its key was written.</summary>
    public readonly record struct Entry(Provenance KeyProvenance, Node Value);

    public override string TypeName => "dict";

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>Key and value pairs in order, enumerated without allocation.</summary>
    public EntryList Entries => new(_entries);

    /// <summary>The entries of a mapping; a struct so that <c>foreach</c> allocates nothing.</summary>
    public readonly struct EntryList(OrderedDictionary<string, Entry> entries) : IEnumerable<KeyValuePair<string, Node>>
    {
        private static readonly OrderedDictionary<string, Entry> None = new();

        // A default EntryList (e.g. from a collection expression) enumerates nothing.
        public Enumerator GetEnumerator() => new((entries ?? None).GetEnumerator());

        IEnumerator<KeyValuePair<string, Node>> IEnumerable<KeyValuePair<string, Node>>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(OrderedDictionary<string, Entry>.Enumerator inner) : IEnumerator<KeyValuePair<string, Node>>
        {
            private OrderedDictionary<string, Entry>.Enumerator _inner = inner;

            public KeyValuePair<string, Node> Current => new(_inner.Current.Key, _inner.Current.Value.Value);

            object System.Collections.IEnumerator.Current => Current;

            public bool MoveNext() => _inner.MoveNext();

            public void Reset() => throw new NotSupportedException();

            public readonly void Dispose()
            {
            }
        }
    }

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public Node? this[string key]
    {
        get => _entries.TryGetValue(key, out var e) ? e.Value : null;
    }

    public void Set(string key, Node value) => Set(key, value, value.Provenance);

    public void Set(string key, Node value, Provenance keyProvenance)
    {
        if (_entries.TryGetValue(key, out var existing))
            _entries[key] = existing with { Value = value };
        else
            _entries.Add(key, new Entry(keyProvenance, value));
    }

    public bool Remove(string key) => _entries.Remove(key);

    /// <summary>The place where <paramref name="key"/> was written, or the mapping's own.</summary>
    public Provenance KeyProvenance(string key) =>
        _entries.TryGetValue(key, out var e) ? e.KeyProvenance : Provenance;

    public override Node Clone()
    {
        var copy = new MappingNode(Provenance, _entries.Count);
        foreach (var (key, entry) in _entries)
            copy._entries.Add(key, entry with { Value = entry.Value.Clone() });
        return copy;
    }

    public bool TryGet(string key, out Node value)
    {
        if (_entries.TryGetValue(key, out var e))
        {
            value = e.Value;
            return true;
        }
        value = null!;
        return false;
    }

    public string GetString(string key) =>
        TryGetString(key) ?? throw new LoadException(ErrorReason.MissingKey, Provenance,
            $"Dictionary did not contain expected key '{key}'");

    public string? TryGetString(string key)
    {
        if (!_entries.TryGetValue(key, out var e))
            return null;
        return e.Value is ScalarNode s ? s.Value : throw WrongType(key, e.Value, "string");
    }

    public string GetString(string key, string defaultValue) => TryGetString(key) ?? defaultValue;

    public bool GetBool(string key, bool defaultValue) =>
        _entries.TryGetValue(key, out var e) ? AsScalar(key, e.Value).AsBool() : defaultValue;

    public int GetInt(string key, int defaultValue) =>
        _entries.TryGetValue(key, out var e) ? AsScalar(key, e.Value).AsInt() : defaultValue;

    public MappingNode? TryGetMapping(string key)
    {
        if (!_entries.TryGetValue(key, out var e))
            return null;
        return e.Value as MappingNode ?? throw WrongType(key, e.Value, "dict");
    }

    public MappingNode GetMapping(string key) =>
        TryGetMapping(key) ?? throw new LoadException(ErrorReason.MissingKey, Provenance,
            $"Dictionary did not contain expected key '{key}'");

    /// <summary>The mapping under <paramref name="key"/>, created empty when absent.</summary>
    public MappingNode GetOrAddMapping(string key)
    {
        var existing = TryGetMapping(key);
        if (existing is not null)
            return existing;
        var created = new MappingNode(Provenance);
        Set(key, created);
        return created;
    }

    public SequenceNode? TryGetSequence(string key)
    {
        if (!_entries.TryGetValue(key, out var e))
            return null;
        return e.Value as SequenceNode ?? throw WrongType(key, e.Value, "list");
    }

    public List<string> GetStringList(string key) => TryGetSequence(key)?.AsStrings() ?? new List<string>();

    /// <summary>Rejects any key not in <paramref name="allowed"/>, at the key's provenance.</summary>
    public void ValidateKeys(IReadOnlyCollection<string> allowed)
    {
        foreach (var (key, entry) in _entries)
        {
            if (!allowed.Contains(key))
                throw new LoadException(ErrorReason.UnexpectedKey, entry.KeyProvenance,
                    $"Unexpected key: {key}",
                    $"Valid keys here are: {string.Join(", ", allowed)}");
        }
    }

    private ScalarNode AsScalar(string key, Node value) =>
        value as ScalarNode ?? throw WrongType(key, value, "string");

    private LoadException WrongType(string key, Node value, string expected) =>
        new(ErrorReason.InvalidData, value.Provenance,
            $"Value of '{key}' is not of the expected type '{expected}' (found a {value.TypeName})");
}

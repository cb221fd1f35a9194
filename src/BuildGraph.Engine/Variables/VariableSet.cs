using BuildGraph.Yaml;

namespace BuildGraph.Engine.Variables;

/// <summary>
/// The resolved variables of one element. Every variable is resolved when the set is created,
/// so errors surface at load time whether or not a variable is used. Immutable and thread-safe
/// once created.
/// </summary>
internal sealed class VariableSet
{
    private readonly string[] _names;
    private readonly string?[] _values; // all non-null once resolved
    private readonly Provenance[] _provenances;
    private readonly Dictionary<string, int> _index;

    private VariableSet(string[] names, string?[] values, Provenance[] provenances, Dictionary<string, int> index,
        Provenance mappingProvenance)
    {
        _names = names;
        _values = values;
        _provenances = provenances;
        _index = index;
        Provenance = mappingProvenance;
    }

    /// <summary>Where the composed <c>variables</c> mapping came from.</summary>
    public Provenance Provenance { get; }

    public int Count => _names.Length;

    /// <summary>Name and resolved value of every variable, in declaration order.</summary>
    public IEnumerable<KeyValuePair<string, string>> All
    {
        get
        {
            for (var i = 0; i < _names.Length; i++)
                yield return new KeyValuePair<string, string>(_names[i], _values[i]!);
        }
    }

    /// <summary>The resolved value of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The variable is not defined.</exception>
    public string this[string name] =>
        TryGet(name) ?? throw new KeyNotFoundException($"Variable '{name}' is not defined");

    /// <summary>
    /// Resolves the fully composed <c>variables</c> mapping of one element.
    /// </summary>
    /// <exception cref="LoadException">
    /// InvalidData when a value is not a string; UnresolvedVariable (at the referencing value) when a
    /// reference names no variable; CircularReferenceVariable when variables refer to themselves.
    /// </exception>
    public static VariableSet Resolve(MappingNode variables)
    {
        var count = variables.Count;
        var names = new string[count];
        var templates = new Template[count];
        var provenances = new Provenance[count];
        var index = new Dictionary<string, int>(count, StringComparer.Ordinal);

        var i = 0;
        foreach (var (name, node) in variables.Entries)
        {
            if (node is not ScalarNode scalar)
                throw new LoadException(ErrorReason.InvalidData, node.Provenance,
                    $"Value of variable '{name}' is a {node.TypeName}, expected a string");
            names[i] = name;
            templates[i] = Template.Get(scalar.Value);
            provenances[i] = scalar.Provenance;
            index.Add(name, i);
            i++;
        }

        var values = new VariableResolver(names, templates, provenances, index).ResolveAll();
        return new VariableSet(names, values, provenances, index, variables.Provenance);
    }

    /// <summary>The resolved value of <paramref name="name"/>, or null when it is not defined.</summary>
    public string? TryGet(string name) => _index.TryGetValue(name, out var i) ? _values[i] : null;

    /// <summary>
    /// Substitutes <c>%{name}</c> references in <paramref name="text"/>, in one pass.
    /// </summary>
    /// <exception cref="LoadException">UnresolvedVariable at <paramref name="at"/>.</exception>
    public string Expand(string text, Provenance at)
    {
        // Plain text is returned as the caller's own instance (so callers can detect "unchanged")
        // and kept out of the template cache.
        if (!text.Contains("%{", StringComparison.Ordinal))
            return text;
        var template = Template.Get(text);
        if (!template.HasReferences)
            return text;
        return TemplateExpander.TryExpand(template, _index, _values, out var missing)
            ?? throw new LoadException(ErrorReason.UnresolvedVariable, at,
                $"Reference to undefined variable '{missing}'");
    }

    /// <summary>
    /// A copy of <paramref name="node"/> with every scalar value expanded; mapping keys are kept
    /// as written. Unchanged scalars are shared, as scalars are immutable.
    /// </summary>
    /// <exception cref="LoadException">UnresolvedVariable at the scalar that holds the reference.</exception>
    public Node ExpandNode(Node node) => NodeExpander.Expand(this, node);

    /// <summary>
    /// The resolved variables as a mapping, for <c>bst show --format %{vars}</c>. Each value and key
    /// carries the provenance of the value it was resolved from.
    /// </summary>
    public MappingNode ToNode()
    {
        var mapping = new MappingNode(Provenance, _names.Length);
        for (var i = 0; i < _names.Length; i++)
            mapping.Set(_names[i], new ScalarNode(_values[i]!, _provenances[i]));
        return mapping;
    }
}

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

    // In lenient mode, undefined references resolve to their own text; those stand-ins follow the
    // declared variables and are never listed.
    private readonly int _declared;
    private readonly bool _lenient;

    private VariableSet(string[] names, string?[] values, Provenance[] provenances, Dictionary<string, int> index,
        Provenance mappingProvenance, int declared, bool lenient)
    {
        _declared = declared;
        _lenient = lenient;
        _names = names;
        _values = values;
        _provenances = provenances;
        _index = index;
        Provenance = mappingProvenance;
    }

    /// <summary>Where the composed <c>variables</c> mapping came from.</summary>
    public Provenance Provenance { get; }

    public int Count => _declared;

    /// <summary>Name and resolved value of every variable, in declaration order.</summary>
    public IEnumerable<KeyValuePair<string, string>> All
    {
        get
        {
            for (var i = 0; i < _declared; i++)
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
    /// <param name="lenient">
    /// Leave references to undefined variables as literal text instead of failing: for elements of
    /// plugin kinds bgx does not implement, whose default variables it cannot know.
    /// </param>
    public static VariableSet Resolve(MappingNode variables, bool lenient = false)
    {
        var undefined = lenient ? UndefinedReferences(variables) : new List<string>();
        var declared = variables.Count;
        var count = declared + undefined.Count;
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

        foreach (var name in undefined)
        {
            names[i] = name;
            templates[i] = Template.Create("%{" + name + "}", new[] { TemplateSegment.Literal("%{" + name + "}") });
            provenances[i] = variables.Provenance;
            index.Add(name, i);
            i++;
        }

        var values = new VariableResolver(names, templates, provenances, index).ResolveAll();
        return new VariableSet(names, values, provenances, index, variables.Provenance, declared, lenient);
    }

    private static List<string> UndefinedReferences(MappingNode variables)
    {
        var result = new List<string>();
        foreach (var (_, node) in variables.Entries)
        {
            if (node is not ScalarNode scalar)
                continue;
            foreach (var segment in Template.Get(scalar.Value).Segments)
            {
                if (segment.IsVariable && !variables.ContainsKey(segment.Text) && !result.Contains(segment.Text))
                    result.Add(segment.Text);
            }
        }
        return result;
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
        var expanded = TemplateExpander.TryExpand(template, _index, _values, out var missing);
        if (expanded is not null)
            return expanded;
        if (_lenient)
            return string.Concat(template.Segments.Select(s => s.IsVariable && TryGet(s.Text) is { } v ? v : s.IsVariable ? "%{" + s.Text + "}" : s.Text));
        throw new LoadException(ErrorReason.UnresolvedVariable, at, $"Reference to undefined variable '{missing}'");
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
        var mapping = new MappingNode(Provenance, _declared);
        for (var i = 0; i < _declared; i++)
            mapping.Set(_names[i], new ScalarNode(_values[i]!, _provenances[i]));
        return mapping;
    }
}

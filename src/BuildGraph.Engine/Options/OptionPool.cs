using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>
/// A project's options: declarations, values in precedence order, and the resolution of
/// <c>(?)</c> conditionals and <c>(!)</c> assertions in YAML. Call <see cref="Declare"/>, then
/// <see cref="SetValue(string, string, Provenance, bool)"/> lowest precedence first (junction, user
/// configuration, command line), then <see cref="Resolve"/>. Setting up is single-threaded; once
/// resolved, <see cref="Evaluate"/> and <see cref="ProcessNode"/> may run concurrently on different nodes.
/// </summary>
internal sealed class OptionPool
{
    private readonly OrderedDictionary<string, Option> _options = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<string>> _elementPaths;
    private readonly HostPlatform _host;
    private Dictionary<string, ExpressionValue>? _names;

    /// <param name="elementPaths">
    /// Every .bst path under element-path, relative to it; called at most once, and only if an
    /// <c>element-mask</c> option is declared.
    /// </param>
    /// <param name="host">The host for <c>arch</c> and <c>os</c> defaults; <see cref="HostPlatform.Current"/> if null.</param>
    public OptionPool(Func<IReadOnlyList<string>>? elementPaths = null, HostPlatform? host = null)
    {
        _elementPaths = new Lazy<IReadOnlyList<string>>(elementPaths ?? (() => []));
        _host = host ?? HostPlatform.Current;
    }

    public bool IsResolved => _names is not null;

    /// <summary>Option names and exported values, sorted by name, as <c>bst show</c> prints them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PrintableValues =>
        _options.OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => KeyValuePair.Create(o.Key, o.Value.ExportedValue))
            .ToList();

    public bool IsDeclared(string name) => _options.ContainsKey(name);

    /// <summary>Declares the options of project.conf's <c>options:</c> mapping.</summary>
    public void Declare(MappingNode options)
    {
        EnsureNotResolved();
        foreach (var name in options.Keys)
        {
            SymbolName.Assert(name, "option name", options.KeyProvenance(name), allowDashes: false);
            var definition = options.TryGetMapping(name)!;
            _options[name] = CreateOption(name, definition);
        }
    }

    /// <summary>
    /// Sets an option from text: a CLI <c>-o NAME VALUE</c> (<paramref name="fromCommandLine"/>) or a
    /// scalar from YAML. Flags are comma-separated. An unknown name or a bad value throws
    /// <see cref="ErrorReason.InvalidOption"/> at <paramref name="at"/>.
    /// </summary>
    public void SetValue(string name, string value, Provenance at, bool fromCommandLine) =>
        Find(name, at).SetValue(value, at, fromCommandLine);

    /// <summary>
    /// Sets an option from YAML (flags as a list, or a comma-separated string). An unknown name throws
    /// at <paramref name="at"/>, a bad value at the value's own provenance.
    /// </summary>
    public void SetValue(string name, Node value, Provenance at, bool fromCommandLine)
    {
        var option = Find(name, at);
        if (value is ScalarNode scalar)
            option.SetValue(scalar.Value, scalar.Provenance, fromCommandLine);
        else
            option.SetValue(value);
    }

    /// <summary>Sets every option in a YAML mapping (junction <c>config.options</c>, user <c>projects.NAME.options</c>).</summary>
    public void SetValues(MappingNode values)
    {
        foreach (var (name, value) in values.Entries)
            SetValue(name, value, values.KeyProvenance(name), fromCommandLine: false);
    }

    /// <summary>Validates the final values; call once, after every value is set.</summary>
    public void Resolve()
    {
        EnsureNotResolved();
        var names = new Dictionary<string, ExpressionValue>(_options.Count, StringComparer.Ordinal);
        foreach (var (name, option) in _options)
        {
            option.Resolve();
            names[name] = option.Value;
        }
        _names = names;
    }

    /// <summary>Sets each exported option's <c>variable</c> in <paramref name="variables"/>, overriding it.</summary>
    public void ExportVariables(MappingNode variables)
    {
        EnsureResolved();
        foreach (var option in _options.Values)
        {
            if (option.Variable is { } variable)
                variables.Set(variable, new ScalarNode(option.ExportedValue, option.VariableAt));
        }
    }

    /// <summary>Evaluates a conditional expression; errors are <see cref="ErrorReason.InvalidExpression"/> at <paramref name="at"/>.</summary>
    public bool Evaluate(string expression, Provenance at)
    {
        EnsureResolved();
        return Expression.Parse(expression, at).Evaluate(_names!, at);
    }

    /// <summary>
    /// Resolves <c>(?)</c> and <c>(!)</c> in <paramref name="node"/> and everything below it, in place.
    /// Keys in <paramref name="restricted"/> may not be set by a conditional at the top of the node.
    /// </summary>
    public void ProcessNode(MappingNode node, IReadOnlyCollection<string>? restricted = null)
    {
        EnsureResolved();
        ConditionalProcessor.Process(this, node, restricted);
    }

    private Option CreateOption(string name, MappingNode definition)
    {
        var type = definition.GetString("type");
        return type switch
        {
            "bool" => new BoolOption(name, definition),
            "enum" => new EnumOption(name, definition),
            "flags" => new FlagsOption(name, definition),
            "arch" => new ArchOption(name, definition, _host),
            "os" => new OsOption(name, definition, _host),
            "element-mask" => new ElementMaskOption(name, definition, () => _elementPaths.Value),
            _ => throw new LoadException(ErrorReason.InvalidData, definition["type"]!.Provenance,
                $"Invalid option type '{type}'",
                "Option types are bool, enum, flags, arch, os and element-mask."),
        };
    }

    private Option Find(string name, Provenance at)
    {
        EnsureNotResolved();
        if (_options.TryGetValue(name, out var option))
            return option;
        throw new LoadException(ErrorReason.InvalidOption, at, $"Unknown option '{name}' specified",
            _options.Count == 0 ? "This project declares no options." : $"Declared options: {string.Join(", ", _options.Keys)}");
    }

    private void EnsureResolved()
    {
        if (_names is null)
            throw new InvalidOperationException("Options are used before OptionPool.Resolve()");
    }

    private void EnsureNotResolved()
    {
        if (_names is not null)
            throw new InvalidOperationException("Options are changed after OptionPool.Resolve()");
    }
}

using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>
/// One project option declared in project.conf <c>options:</c>. The constructor checks the
/// declaration (keys, <c>description</c>, <c>variable</c>); later values override earlier ones.
/// Not thread-safe while values are set; read-only after <see cref="Resolve"/>.
/// </summary>
internal abstract class Option
{
    private static readonly string[] CommonKeys = ["type", "description", "variable"];

    protected Option(string name, MappingNode definition, IReadOnlyCollection<string> extraKeys)
    {
        Name = name;
        DeclaredAt = definition.Provenance;
        definition.GetString("description"); // unused, but BuildStream requires it
        if (definition.TryGetString("variable") is { } variable)
        {
            VariableAt = definition["variable"]!.Provenance;
            SymbolName.Assert(variable, "variable name", VariableAt, allowDashes: true);
            Variable = variable;
        }
        definition.ValidateKeys([.. CommonKeys, .. extraKeys]);
    }

    public string Name { get; }

    /// <summary>The variable this option exports its value to, if any.</summary>
    public string? Variable { get; }

    public Provenance VariableAt { get; }

    public Provenance DeclaredAt { get; }

    public abstract string TypeName { get; }

    /// <summary>The value as expressions see it: bool, string or list of strings.</summary>
    public abstract ExpressionValue Value { get; }

    /// <summary>The value as exported to a variable and shown to users.</summary>
    public abstract string ExportedValue { get; }

    /// <summary>Sets a value given as text (CLI <c>-o</c>, or a scalar in YAML).</summary>
    public abstract void SetValue(string value, Provenance at, bool fromCommandLine);

    /// <summary>Sets a value given as YAML (junction <c>config.options</c>, user configuration).</summary>
    public abstract void SetValue(Node value);

    /// <summary>Last checks once every value is set, e.g. that a host default is among the values.</summary>
    public virtual void Resolve()
    {
    }

    protected LoadException InvalidValue(Provenance at, string value, IReadOnlyCollection<string>? valid = null) =>
        new(ErrorReason.InvalidOption, at, $"Invalid value for {TypeName} option '{Name}': {value}",
            valid switch
            {
                null => null,
                { Count: > 20 } => $"There are {valid.Count} valid values, e.g. {string.Join(", ", valid.Take(5))}",
                _ => $"Valid values: {string.Join(", ", valid)}",
            });

    protected ScalarNode RequireScalar(Node value) =>
        value as ScalarNode ?? throw new LoadException(ErrorReason.InvalidOption, value.Provenance,
            $"Value for {TypeName} option '{Name}' must be a string, found a {value.TypeName}");

    protected static Node RequireKey(MappingNode definition, string key) =>
        definition[key] ?? throw new LoadException(ErrorReason.MissingKey, definition.Provenance,
            $"Dictionary did not contain expected key '{key}'");
}

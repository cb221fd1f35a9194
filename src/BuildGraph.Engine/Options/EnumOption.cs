using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>An <c>enum</c> option: non-empty <c>values</c>, required <c>default</c> among them; exported as is.</summary>
internal class EnumOption : Option
{
    public EnumOption(string name, MappingNode definition) : this(name, definition, allowDefault: true)
    {
    }

    /// <summary>For subclasses that compute the default from the host and forbid a declared one.</summary>
    protected EnumOption(string name, MappingNode definition, bool allowDefault)
        : base(name, definition, allowDefault ? ["values", "default"] : ["values"])
    {
        Values = definition.GetStringList("values");
        if (Values.Count == 0)
            throw new LoadException(ErrorReason.InvalidData, definition.Provenance,
                $"No values specified for {TypeName} option '{name}'");
        if (allowDefault)
            SetValue(RequireKey(definition, "default"));
    }

    public override string TypeName => "enum";

    public IReadOnlyList<string> Values { get; }

    /// <summary>The current value, and where it was given (the declaration for a host default).</summary>
    protected string Current { get; set; } = "";

    protected Provenance CurrentAt { get; set; }

    public override ExpressionValue Value => ExpressionValue.FromString(Current);

    public override string ExportedValue => Current;

    public override void SetValue(string value, Provenance at, bool fromCommandLine)
    {
        Validate(value, at);
        Current = value;
        CurrentAt = at;
    }

    public override void SetValue(Node value)
    {
        var scalar = RequireScalar(value);
        SetValue(scalar.Value, scalar.Provenance, fromCommandLine: false);
    }

    protected void Validate(string value, Provenance at)
    {
        if (!Values.Contains(value, StringComparer.Ordinal))
            throw InvalidValue(at, value, Values.ToArray());
    }
}

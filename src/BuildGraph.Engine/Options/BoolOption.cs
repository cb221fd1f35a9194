using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>A <c>bool</c> option: <c>default</c> required; exported as <c>1</c>/<c>0</c>.</summary>
internal sealed class BoolOption : Option
{
    private bool _value;

    public BoolOption(string name, MappingNode definition) : base(name, definition, ["default"]) =>
        SetValue(RequireKey(definition, "default"));

    public override string TypeName => "bool";

    public override ExpressionValue Value => ExpressionValue.FromBool(_value);

    public override string ExportedValue => _value ? "1" : "0";

    // The command line takes only True/true/False/false; YAML values follow the YAML layer's
    // boolean rule, which also takes 1/0.
    public override void SetValue(string value, Provenance at, bool fromCommandLine) =>
        _value = value switch
        {
            "True" or "true" => true,
            "False" or "false" => false,
            "1" when !fromCommandLine => true,
            "0" when !fromCommandLine => false,
            _ => throw InvalidValue(at, value, ["True", "False"]),
        };

    public override void SetValue(Node value)
    {
        var scalar = RequireScalar(value);
        SetValue(scalar.Value, scalar.Provenance, fromCommandLine: false);
    }
}

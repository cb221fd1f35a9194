namespace BuildGraph.Yaml;

/// <summary>A string value; empty for <c>key:</c> with nothing after it.</summary>
public sealed class ScalarNode : Node
{
    public ScalarNode(string value, Provenance provenance) : base(provenance) => Value = value;

    public string Value { get; }

    public override string TypeName => "string";

    public override Node Clone() => this; // immutable

    public bool AsBool()
    {
        return Value switch
        {
            "True" or "true" or "1" => true,
            "False" or "false" or "0" => false,
            _ => throw new LoadException(ErrorReason.InvalidData, Provenance,
                $"Value '{Value}' is not a boolean: use True or False"),
        };
    }

    public int AsInt()
    {
        if (int.TryParse(Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return n;
        throw new LoadException(ErrorReason.InvalidData, Provenance, $"Value '{Value}' is not an integer");
    }

    public override string ToString() => Value;
}

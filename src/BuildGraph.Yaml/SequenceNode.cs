namespace BuildGraph.Yaml;

/// <summary>A YAML list.</summary>
public sealed class SequenceNode : Node
{
    public SequenceNode(Provenance provenance, List<Node>? items = null) : base(provenance) =>
        Items = items ?? new List<Node>();

    public List<Node> Items { get; }

    public int Count => Items.Count;

    public override string TypeName => "list";

    public override Node Clone()
    {
        var items = new List<Node>(Items.Count);
        foreach (var item in Items)
            items.Add(item.Clone());
        return new SequenceNode(Provenance, items);
    }

    /// <summary>The items as strings; a non-scalar item is an error at its provenance.</summary>
    public List<string> AsStrings()
    {
        var result = new List<string>(Items.Count);
        foreach (var item in Items)
        {
            if (item is not ScalarNode scalar)
                throw new LoadException(ErrorReason.InvalidData, item.Provenance,
                    $"List item is a {item.TypeName}, expected a string");
            result.Add(scalar.Value);
        }
        return result;
    }
}

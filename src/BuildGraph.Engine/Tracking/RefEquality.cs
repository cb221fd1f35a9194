using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tracking;

/// <summary>Compares refs by value: scalars by text, lists item by item, mappings key by key in any order.</summary>
internal static class RefEquality
{
    public static bool Equal(Node? a, Node? b) => (a, b) switch
    {
        (null, null) => true,
        (ScalarNode x, ScalarNode y) => x.Value == y.Value,
        (SequenceNode x, SequenceNode y) => x.Count == y.Count && x.Items.Zip(y.Items).All(p => Equal(p.First, p.Second)),
        (MappingNode x, MappingNode y) => x.Count == y.Count && x.Entries.All(e => y[e.Key] is { } other && Equal(e.Value, other)),
        _ => false,
    };
}

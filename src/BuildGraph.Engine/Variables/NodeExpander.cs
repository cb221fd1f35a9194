using BuildGraph.Yaml;

namespace BuildGraph.Engine.Variables;

/// <summary>Copies a node tree, expanding variables in every scalar value but never in keys.</summary>
internal static class NodeExpander
{
    // Recursion follows the YAML nesting, which is shallow, unlike variable chains.
    public static Node Expand(VariableSet variables, Node node)
    {
        switch (node)
        {
            case ScalarNode scalar:
                var expanded = variables.Expand(scalar.Value, scalar.Provenance);
                return ReferenceEquals(expanded, scalar.Value) ? scalar : new ScalarNode(expanded, scalar.Provenance);

            case SequenceNode sequence:
                var items = new List<Node>(sequence.Count);
                foreach (var item in sequence.Items)
                    items.Add(Expand(variables, item));
                return new SequenceNode(sequence.Provenance, items);

            case MappingNode mapping:
                var copy = new MappingNode(mapping.Provenance, mapping.Count);
                foreach (var (key, value) in mapping.Entries)
                    copy.Set(key, Expand(variables, value), mapping.KeyProvenance(key));
                return copy;

            default:
                throw new InvalidOperationException($"Unknown node type {node.GetType().Name}");
        }
    }
}

namespace BuildGraph.Yaml;

/// <summary>
/// A YAML value with the place it was read from. Every scalar is a string; consumers parse
/// booleans and numbers themselves. Nodes are mutable while a project is composed, and are
/// cloned whenever one layer is composed onto another.
/// </summary>
public abstract class Node
{
    protected Node(Provenance provenance) => Provenance = provenance;

    public Provenance Provenance { get; }

    /// <summary>A short description of the node type for error messages.</summary>
    public abstract string TypeName { get; }

    public abstract Node Clone();
}

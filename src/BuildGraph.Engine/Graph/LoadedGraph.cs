namespace BuildGraph.Engine.Graph;

/// <summary>The result of loading targets: the targets, and every element in dependency order.</summary>
public sealed class LoadedGraph(List<Element> targets, List<Element> order, IReadOnlyDictionary<string, Element> byName)
{
    public IReadOnlyList<Element> Targets => targets;

    /// <summary>All loaded elements, dependencies before the elements that need them.</summary>
    public IReadOnlyList<Element> InDependencyOrder => order;

    public Element? Find(string fullName) => byName.TryGetValue(fullName, out var e) ? e : null;
}

namespace BuildGraph.Engine.Graph;

/// <summary>A cache that holds nothing: every element must be built.</summary>
public sealed class EmptyCache : ICacheQuery
{
    public bool HasArtifact(Element element) => false;
    public bool HasSources(Element element) => false;
}

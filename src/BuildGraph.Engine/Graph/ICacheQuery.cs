namespace BuildGraph.Engine.Graph;

/// <summary>What the local caches hold, as far as element states need to know. Thread-safe.</summary>
public interface ICacheQuery
{
    bool HasArtifact(Element element);

    bool HasSources(Element element);
}

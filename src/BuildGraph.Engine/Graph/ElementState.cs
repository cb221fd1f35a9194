namespace BuildGraph.Engine.Graph;

/// <summary>What <c>bgx show</c> reports for an element, as BuildStream names it.</summary>
public enum ElementState
{
    NoReference,
    Junction,
    Waiting,
    Failed,
    Cached,
    FetchNeeded,
    Buildable,
}

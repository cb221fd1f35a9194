using BuildGraph.Abstractions;

namespace BuildGraph.Engine.Graph;

/// <summary>
/// Derives element states from their sources and the caches. Memoises whether each element's
/// runtime closure is cached, so states for a whole graph cost O(N).
/// </summary>
public sealed class StateCalculator(ICacheQuery cache)
{
    private readonly Dictionary<Element, bool> _closureCached = new();

    public ElementState StateOf(Element element)
    {
        if (element.IsJunction)
            return ElementState.Junction;
        if (element.Sources.Any(s => !s.Source.IsResolved))
            return ElementState.NoReference;
        if (element.CacheKey is null)
            return ElementState.Waiting;
        if (cache.HasArtifact(element))
            return ElementState.Cached;
        var needsFetch = element.Sources.Any(s => (s.KindImpl.Traits & SourceTraits.ProjectLocal) == 0);
        if (needsFetch && !cache.HasSources(element))
            return ElementState.FetchNeeded;
        return element.BuildDependencies.All(RuntimeClosureCached) ? ElementState.Buildable : ElementState.Waiting;
    }

    private bool RuntimeClosureCached(Element element)
    {
        if (_closureCached.TryGetValue(element, out var known))
            return known;
        // Runtime dependency chains may be deep: walk them without recursion.
        var pending = new Stack<Element>();
        pending.Push(element);
        while (pending.Count > 0)
        {
            var current = pending.Peek();
            var waiting = current.RuntimeDependencies.FirstOrDefault(d => !_closureCached.ContainsKey(d));
            if (waiting is not null && cache.HasArtifact(current))
            {
                pending.Push(waiting);
                continue;
            }
            pending.Pop();
            _closureCached[current] = cache.HasArtifact(current) && current.RuntimeDependencies.All(d => _closureCached[d]);
        }
        return _closureCached[element];
    }

    public static string Describe(ElementState state) => state switch
    {
        ElementState.NoReference => "no reference",
        ElementState.Junction => "junction",
        ElementState.Waiting => "waiting",
        ElementState.Failed => "failed",
        ElementState.Cached => "cached",
        ElementState.FetchNeeded => "fetch needed",
        ElementState.Buildable => "buildable",
        _ => state.ToString(),
    };
}

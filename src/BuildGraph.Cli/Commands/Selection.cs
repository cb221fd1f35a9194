using BuildGraph.Engine.Graph;

namespace BuildGraph.Cli.Commands;

/// <summary>Which elements a verb works on, as bst's <c>--deps</c> and <c>--except</c> choose them.</summary>
internal static class Selection
{
    public static List<Element> Select(IReadOnlyList<Element> targets, string deps, HashSet<Element> excluded, ICacheQuery cache)
    {
        var result = new List<Element>();
        var seen = new HashSet<Element>();
        foreach (var target in targets)
        {
            IEnumerable<Element> scope = deps switch
            {
                "none" => new[] { target },
                "run" => Scopes.Run(target),
                "build" => Scopes.Build(target),
                "plan" => Scopes.All(target).Where(e => !cache.HasArtifact(e)),
                _ => Scopes.All(target),
            };
            foreach (var element in scope)
            {
                if (seen.Add(element))
                    result.Add(element);
            }
        }
        if (excluded.Count == 0)
            return result;
        var reachable = ReachableAvoiding(targets, excluded);
        return result.Where(e => !excluded.Contains(e) && reachable.Contains(e)).ToList();
    }

    private static HashSet<Element> ReachableAvoiding(IEnumerable<Element> roots, HashSet<Element> excluded)
    {
        var reachable = new HashSet<Element>();
        var stack = new Stack<Element>(roots.Where(r => !excluded.Contains(r)));
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (!reachable.Add(element))
                continue;
            foreach (var dependency in element.Dependencies)
            {
                if (!excluded.Contains(dependency.Element))
                    stack.Push(dependency.Element);
            }
        }
        return reachable;
    }
}

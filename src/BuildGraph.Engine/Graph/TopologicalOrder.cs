using BuildGraph.Yaml;

namespace BuildGraph.Engine.Graph;

/// <summary>Depth-first post-order over the graph, iterative, reporting a cycle element by element.</summary>
internal static class TopologicalOrder
{
    /// <param name="edgeProvenance">Where an element declares a dependency, to point cycle errors at it.</param>
    public static List<Element> Compute(IReadOnlyList<Element> elements, Func<Element, IEnumerable<Element>> dependencies,
        Func<Element, Element, Provenance?>? edgeProvenance = null)
    {
        var state = new byte[elements.Count]; // 0 new, 1 on the stack, 2 done
        var order = new List<Element>(elements.Count);
        var path = new List<Element>();
        var stack = new Stack<(Element Element, IEnumerator<Element> Next)>();
        foreach (var root in elements)
        {
            if (state[root.Index] != 0)
                continue;
            state[root.Index] = 1;
            path.Add(root);
            stack.Push((root, dependencies(root).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (element, next) = stack.Peek();
                if (next.MoveNext())
                {
                    var dep = next.Current;
                    if (state[dep.Index] == 1)
                        throw Cycle(path, dep, edgeProvenance?.Invoke(element, dep) ?? dep.Provenance);
                    if (state[dep.Index] == 0)
                    {
                        state[dep.Index] = 1;
                        path.Add(dep);
                        stack.Push((dep, dependencies(dep).GetEnumerator()));
                    }
                    continue;
                }
                stack.Pop();
                path.RemoveAt(path.Count - 1);
                state[element.Index] = 2;
                order.Add(element);
            }
        }
        return order;
    }

    private static LoadException Cycle(List<Element> path, Element repeated, Provenance at)
    {
        var start = path.IndexOf(repeated);
        var chain = path.Skip(start).Append(repeated).ToList();
        var lines = chain.Zip(chain.Skip(1), (a, b) => $"  {a.FullName} ({a.Provenance}) depends on {b.FullName}");
        return new LoadException(ErrorReason.CircularDependency, at,
            $"Circular dependency: {string.Join(" -> ", chain.Select(e => e.FullName))}",
            string.Join("\n", lines) + "\nRemove one of these dependencies.");
    }
}

namespace BuildGraph.Engine.Graph;

/// <summary>
/// BuildStream's dependency scopes, each in staging order (post-order, deduplicated).
/// BUILD: the runtime closure of each direct build dependency. RUN: the runtime closure and the
/// element itself. ALL: everything and the element itself.
/// </summary>
public static class Scopes
{
    public static List<Element> Build(Element element)
    {
        var result = new List<Element>();
        var visited = new HashSet<Element>();
        foreach (var dependency in element.BuildDependencies)
            VisitRun(dependency, visited, result);
        return result;
    }

    public static List<Element> Run(Element element)
    {
        var result = new List<Element>();
        VisitRun(element, new HashSet<Element>(), result);
        return result;
    }

    public static List<Element> All(Element element)
    {
        var result = new List<Element>();
        Visit(element, new HashSet<Element>(), result, e => e.Dependencies.OrderBy(d => d.IsBuild ? 0 : 1).Select(d => d.Element));
        return result;
    }

    private static void VisitRun(Element root, HashSet<Element> visited, List<Element> result) =>
        Visit(root, visited, result, e => e.RuntimeDependencies);

    // Iterative post-order so deep chains cannot overflow the stack.
    private static void Visit(Element root, HashSet<Element> visited, List<Element> result, Func<Element, IEnumerable<Element>> next)
    {
        if (!visited.Add(root))
            return;
        var stack = new Stack<(Element Element, IEnumerator<Element> Children)>();
        stack.Push((root, next(root).GetEnumerator()));
        while (stack.Count > 0)
        {
            var (element, children) = stack.Peek();
            if (children.MoveNext())
            {
                var child = children.Current;
                if (visited.Add(child))
                    stack.Push((child, next(child).GetEnumerator()));
                continue;
            }
            stack.Pop();
            result.Add(element);
        }
    }
}

using System.Collections;
using BuildGraph.Abstractions;

namespace BuildGraph.Engine.Graph;

/// <summary>
/// Sorts each element's direct dependencies as BuildStream does: one that depends (transitively) on
/// another goes after it; otherwise runtime-only after the rest; then by name, local before junctioned.
/// Reachability comes from bitsets filled once in dependency order.
/// </summary>
internal static class DependencySorter
{
    /// <param name="order">Every element, dependencies first.</param>
    public static void SortAll(List<Element> order)
    {
        var reach = new BitArray[order.Count == 0 ? 0 : order.Max(e => e.Index) + 1];
        foreach (var element in order)
        {
            var bits = new BitArray(reach.Length);
            foreach (var dependency in element.Dependencies)
            {
                bits.Set(dependency.Element.Index, true);
                bits.Or(reach[dependency.Element.Index]);
            }
            reach[element.Index] = bits;
        }
        foreach (var element in order)
        {
            if (element.Dependencies.Count < 2)
                continue;
            var sorted = element.Dependencies.ToList();
            InsertionSort(sorted, (a, b) => Compare(a, b, reach));
            element.Dependencies.Clear();
            element.Dependencies.AddRange(sorted);
        }
    }

    private static int Compare(Dependency a, Dependency b, BitArray[] reach)
    {
        if (reach[a.Element.Index][b.Element.Index])
            return 1;
        if (reach[b.Element.Index][a.Element.Index])
            return -1;
        if (a.Type != b.Type)
        {
            if (a.Type == DependencyType.Runtime)
                return 1;
            if (b.Type == DependencyType.Runtime)
                return -1;
        }
        var byName = string.CompareOrdinal(a.Element.Name, b.Element.Name);
        if (byName != 0)
            return byName;
        var aJunctioned = a.Element.Project.JunctionName is not null;
        var bJunctioned = b.Element.Project.JunctionName is not null;
        if (aJunctioned != bJunctioned)
            return aJunctioned ? 1 : -1;
        return string.CompareOrdinal(a.Element.Project.JunctionName, b.Element.Project.JunctionName);
    }

    // The comparison is not a total order (reachability is partial), so use a stable insertion sort
    // rather than List.Sort, which may throw or misbehave on inconsistent comparers.
    private static void InsertionSort(List<Dependency> list, Comparison<Dependency> compare)
    {
        for (var i = 1; i < list.Count; i++)
        {
            var item = list[i];
            var j = i - 1;
            while (j >= 0 && compare(list[j], item) > 0)
            {
                list[j + 1] = list[j];
                j--;
            }
            list[j + 1] = item;
        }
    }
}

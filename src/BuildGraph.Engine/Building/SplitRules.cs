using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Building;

/// <summary>
/// Which files of an element's artifact belong to which split domain (<c>public: bst: split-rules</c>),
/// and selection by include/exclude/orphans as compose and filter do it.
/// </summary>
internal static class SplitRules
{
    public static Dictionary<string, List<string>> Domains(Element element)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (element.Public.TryGetMapping("bst")?.TryGetMapping("split-rules") is { } rules)
        {
            foreach (var (domain, _) in rules.Entries)
                result[domain] = rules.GetStringList(domain);
        }
        return result;
    }

    /// <summary>
    /// Keeps a path when a domain it belongs to is included (all domains when <paramref name="include"/> is
    /// empty) and no domain it belongs to is excluded; a path no domain claims is kept when
    /// <paramref name="orphans"/> is set.
    /// </summary>
    public static IEnumerable<string> Select(Element element, IEnumerable<string> paths, IReadOnlyCollection<string> include,
        IReadOnlyCollection<string> exclude, bool orphans)
    {
        var domains = Domains(element).Select(d => (Name: d.Key, Regex: PathGlob.Compile(d.Value))).ToList();
        foreach (var path in paths)
        {
            bool claimed = false, included = false, excluded = false;
            foreach (var (name, regex) in domains)
            {
                if (!regex.IsMatch(path))
                    continue;
                claimed = true;
                if (include.Count == 0 || include.Contains(name))
                    included = true;
                if (exclude.Contains(name))
                    excluded = true;
            }
            if (!claimed && orphans)
                included = true;
            if (included && !excluded)
                yield return path;
        }
    }
}

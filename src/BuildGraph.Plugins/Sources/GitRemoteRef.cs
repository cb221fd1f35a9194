namespace BuildGraph.Plugins.Sources;

/// <summary>A branch or tag of a remote repository: its short name, full name and commit (annotated tags peeled).</summary>
internal sealed record GitRemoteRef(string Name, string FullName, string Commit, bool IsTag)
{
    private const string Heads = "refs/heads/";
    private const string Tags = "refs/tags/";

    /// <summary>
    /// The branches and tags of an <c>ls-remote</c> listing whose names match <paramref name="track"/> and no
    /// <paramref name="exclude"/> glob (globs starting with <c>refs/</c> see full names, others short names),
    /// greatest version first.
    /// </summary>
    public static IReadOnlyList<GitRemoteRef> Matching(IEnumerable<KeyValuePair<string, string>> listing, string track,
        IReadOnlyList<string> exclude)
    {
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        var peeled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (sha, name) in listing)
        {
            if (name.EndsWith("^{}", StringComparison.Ordinal))
                peeled[name[..^3]] = sha;
            else
                objects[name] = sha;
        }
        var include = Matcher(track);
        var excluded = exclude.Select(Matcher).ToList();
        var matches = new List<GitRemoteRef>();
        foreach (var (name, sha) in objects)
        {
            var isTag = name.StartsWith(Tags, StringComparison.Ordinal);
            if (!isTag && !name.StartsWith(Heads, StringComparison.Ordinal))
                continue;
            var candidate = new GitRemoteRef(name[(isTag ? Tags : Heads).Length..], name, peeled.GetValueOrDefault(name, sha), isTag);
            if (include(candidate) && !excluded.Any(x => x(candidate)))
                matches.Add(candidate);
        }
        return matches
            .OrderByDescending(m => m.Name, VersionOrder.Instance)
            .ThenBy(m => m.IsTag ? 0 : 1)
            .ToList();
    }

    private static Func<GitRemoteRef, bool> Matcher(string glob)
    {
        var regex = GlobPattern.Compile(glob, pathAware: false);
        var full = glob.StartsWith("refs/", StringComparison.Ordinal);
        return r => regex.IsMatch(full ? r.FullName : r.Name);
    }
}

using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// The submodules a commit checks out: its gitlinks, with URLs from its <c>.gitmodules</c> (relative ones
/// resolved against the parent's URL as written, so aliases and mirrors carry over) unless the source
/// overrides them. Nested submodules are followed with the defaults.
/// </summary>
internal static class GitSubmodules
{
    /// <summary>A submodule to check out: its path in the parent, its mirror and its commit.</summary>
    internal sealed record Checkout(string Path, GitMirror Mirror, string Commit);

    public static IReadOnlyList<Checkout> List(ISourceContext context, GitMirror parent, string sha, bool checkoutByDefault,
        IReadOnlyList<GitSubmodule> overrides)
    {
        // Listing the whole tree is what costs on big repositories: without .gitmodules (or a configured URL)
        // no gitlink could be checked out anyway.
        if (!parent.Git("cat-file", "-e", sha + ":.gitmodules").Succeeded && !overrides.Any(o => o.Url is { Length: > 0 }))
            return [];
        var links = parent.Git("ls-tree", "-r", "-z", sha).ThrowIfFailed(parent.At).Stdout
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .Where(parts => parts.Length == 2 && parts[0].StartsWith("160000 ", StringComparison.Ordinal))
            .Select(parts => (Path: parts[1], Commit: parts[0].Split(' ')[2]))
            .ToList();
        if (links.Count == 0)
            return [];
        var declared = Declared(parent, sha);
        var result = new List<Checkout>();
        foreach (var (path, commit) in links)
        {
            var configured = overrides.FirstOrDefault(o => o.Path == path);
            if (!(configured?.Checkout ?? checkoutByDefault))
                continue;
            var url = configured?.Url is { Length: > 0 } given ? given
                : declared.TryGetValue(path, out var written) ? Resolve(parent.Url, written)
                : throw new SourceException(ErrorReason.InvalidData, parent.At,
                    $"{parent.ElementName}: the submodule at '{path}' of {parent.Url} has no URL in .gitmodules",
                    $"Give one under submodules: {{{path}: {{url: ...}}}}, or set checkout: false for it.");
            result.Add(new Checkout(path, new GitMirror(context, url, parent.At), commit));
        }
        return result;
    }

    /// <summary>True when every submodule to check out (recursively) is in its mirror.</summary>
    public static bool AreFetched(ISourceContext context, GitMirror parent, string sha, bool checkoutByDefault,
        IReadOnlyList<GitSubmodule> overrides) =>
        List(context, parent, sha, checkoutByDefault, overrides)
            .All(m => m.Mirror.HasCommit(m.Commit) && AreFetched(context, m.Mirror, m.Commit, true, []));

    public static async Task FetchAsync(ISourceContext context, GitMirror parent, string sha, bool checkoutByDefault,
        IReadOnlyList<GitSubmodule> overrides, CancellationToken cancellationToken)
    {
        foreach (var module in List(context, parent, sha, checkoutByDefault, overrides))
        {
            await module.Mirror.FetchCommitAsync(module.Commit, cancellationToken).ConfigureAwait(false);
            await FetchAsync(context, module.Mirror, module.Commit, true, [], cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task StageAsync(ISourceContext context, GitMirror parent, string sha, string directory, bool checkoutByDefault,
        IReadOnlyList<GitSubmodule> overrides, CancellationToken cancellationToken)
    {
        foreach (var module in List(context, parent, sha, checkoutByDefault, overrides))
        {
            var target = Path.Combine(directory, module.Path);
            await GitCheckout.StageFilesAsync(module.Mirror, module.Commit, target, cancellationToken).ConfigureAwait(false);
            await StageAsync(context, module.Mirror, module.Commit, target, true, [], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Submodule path → URL as .gitmodules writes it.</summary>
    private static Dictionary<string, string> Declared(GitMirror parent, string sha)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var config = parent.Git("config", "--blob", sha + ":.gitmodules", "--null", "--get-regexp", @"^submodule\.");
        if (!config.Succeeded)
            return result;
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in config.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = entry.IndexOf('\n');
            if (newline < 0)
                continue;
            var key = entry[..newline];
            var dot = key.LastIndexOf('.');
            var name = key["submodule.".Length..dot];
            if (key.EndsWith(".path", StringComparison.Ordinal))
                paths[name] = entry[(newline + 1)..];
            else if (key.EndsWith(".url", StringComparison.Ordinal))
                urls[name] = entry[(newline + 1)..];
        }
        foreach (var (name, path) in paths)
        {
            if (urls.TryGetValue(name, out var url))
                result[path.Trim('/')] = url;
        }
        return result;
    }

    /// <summary>A .gitmodules URL; <c>./x</c> and <c>../x</c> are relative to the parent repository's URL.</summary>
    public static string Resolve(string parentUrl, string url)
    {
        if (!url.StartsWith("./", StringComparison.Ordinal) && !url.StartsWith("../", StringComparison.Ordinal))
            return url;
        var baseUrl = parentUrl.TrimEnd('/');
        var rest = url;
        while (true)
        {
            if (rest.StartsWith("./", StringComparison.Ordinal))
                rest = rest[2..];
            else if (rest.StartsWith("../", StringComparison.Ordinal))
            {
                rest = rest[3..];
                // Climb one component; an alias's colon stays ("up:repo" climbs to "up:").
                var cut = baseUrl.LastIndexOfAny(['/', ':']);
                baseUrl = cut < 0 ? "" : baseUrl[..(baseUrl[cut] == ':' ? cut + 1 : cut)];
            }
            else
                break;
        }
        var separator = baseUrl.EndsWith(':') ? "" : "/";
        return baseUrl + separator + rest;
    }
}

using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// Turns a Cargo.lock into cargo2 ref entries: each package with a <c>source</c> — <c>registry+URL</c>
/// (or <c>sparse+URL</c>) a registry entry whose sha is the lock's checksum, <c>git+URL?query#commit</c>
/// a git entry — sorted by (name, version, repo, commit). Workspace and path packages have no source.
/// </summary>
internal static class CargoLockRefs
{
    /// <exception cref="SourceException">The lock is malformed, or a registry package has no checksum.</exception>
    public static List<CrateRef> Read(string text, string lockName, Provenance? at)
    {
        IReadOnlyList<CargoLock.Package> packages;
        try
        {
            packages = CargoLock.Parse(text);
        }
        catch (FormatException e)
        {
            throw new SourceException(ErrorReason.InvalidData, at, $"Malformed Cargo.lock file at {lockName}: {e.Message}", inner: e);
        }
        var crates = new List<CrateRef>();
        foreach (var package in packages)
        {
            if (package["source"] is not { } source)
                continue;
            var name = package["name"] ?? throw Malformed(lockName, package, "a package without a name", at);
            var version = package["version"] ?? throw Malformed(lockName, package, $"the package {name} has no version", at);
            if (source.StartsWith("registry+", StringComparison.Ordinal) || source.StartsWith("sparse+", StringComparison.Ordinal))
            {
                var checksum = package["checksum"] ?? throw new SourceException(ErrorReason.InvalidData, at,
                    $"The registry package {name} {version} in {lockName} (line {package.Line}) has no checksum",
                    "Lock files written by cargo before 1.41 keep checksums in [metadata]: regenerate the lock with a newer cargo.");
                if (checksum.Length != 64 || !checksum.All(char.IsAsciiHexDigitLower))
                    throw Malformed(lockName, package, $"the checksum of {name} {version} is not a sha256", at);
                crates.Add(new CrateRef(CrateRef.Registry, name, version, checksum, null, null, []));
            }
            else if (source.StartsWith("git+", StringComparison.Ordinal))
                crates.Add(GitCrate(name, version, source["git+".Length..], lockName, package, at));
            else
                throw new SourceException(ErrorReason.Unsupported, at,
                    $"The package {name} {version} in {lockName} comes from '{source}', which cargo2 cannot vendor");
        }
        crates.Sort((a, b) =>
        {
            var order = string.CompareOrdinal(a.Name, b.Name);
            if (order == 0)
                order = string.CompareOrdinal(a.Version, b.Version);
            if (order == 0)
                order = string.CompareOrdinal(a.Repo ?? "", b.Repo ?? "");
            return order != 0 ? order : string.CompareOrdinal(a.Commit ?? "", b.Commit ?? "");
        });
        return crates;
    }

    /// <summary><c>URL?branch=x#commit</c> (the query is optional) as a git entry.</summary>
    private static CrateRef GitCrate(string name, string version, string source, string lockName, CargoLock.Package package, Provenance? at)
    {
        var hash = source.LastIndexOf('#');
        if (hash < 0)
            throw Malformed(lockName, package, $"the git source of {name} {version} names no commit", at);
        var commit = source[(hash + 1)..];
        var location = source[..hash];
        var query = new List<KeyValuePair<string, string>>();
        var question = location.IndexOf('?');
        if (question >= 0)
        {
            foreach (var pair in location[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                query.Add(equals < 0 ? new(pair, "") : new(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..])));
            }
            location = location[..question];
        }
        if (commit.Length != 40 || !commit.All(char.IsAsciiHexDigitLower))
            throw Malformed(lockName, package, $"the git commit of {name} {version} is not a full sha", at);
        return new CrateRef(CrateRef.Git, name, version, null, location, commit, query);
    }

    /// <summary>The ref as the engine writes it back: a list of mappings, in the entries' order.</summary>
    public static SequenceNode ToNode(IEnumerable<CrateRef> crates, Provenance at)
    {
        var list = new SequenceNode(at);
        foreach (var crate in crates)
        {
            var entry = new MappingNode(at);
            entry.Set("kind", new ScalarNode(crate.Kind, at));
            entry.Set("name", new ScalarNode(crate.Name, at));
            entry.Set("version", new ScalarNode(crate.Version, at));
            if (crate.Kind == CrateRef.Registry)
                entry.Set("sha", new ScalarNode(crate.Sha!, at));
            else
            {
                entry.Set("repo", new ScalarNode(crate.Repo!, at));
                entry.Set("commit", new ScalarNode(crate.Commit!, at));
                if (crate.Query.Count > 0)
                {
                    var query = new MappingNode(at);
                    foreach (var (key, value) in crate.Query)
                        query.Set(key, new ScalarNode(value, at));
                    entry.Set("query", query);
                }
            }
            list.Items.Add(entry);
        }
        return list;
    }

    private static SourceException Malformed(string lockName, CargoLock.Package package, string what, Provenance? at) =>
        new(ErrorReason.InvalidData, at, $"Malformed Cargo.lock file at {lockName}: {what} (the package at line {package.Line})");
}

using System.Security.Cryptography;
using System.Text;
using BuildGraph.Engine.Variables;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Loads the subproject behind a junction element. A junction whose sources are all <c>local</c>
/// (freedesktop-sdk's self-junctions) is assembled from project paths; any other junction must have
/// been fetched into the cache first.
/// </summary>
internal sealed class JunctionResolver(LoadContext context, ProjectLoader projectLoader, Action<LoadedElement, string> fetch)
{
    private static readonly string[] ConfigKeys =
    {
        "path", "options", "overrides", "aliases", "map-aliases", "cache-junction-elements", "ignore-junction-remotes",
    };

    public Project Load(LoadedElement junction, Provenance requestedAt)
    {
        var node = junction.Node;
        foreach (var key in new[] { "depends", "build-depends", "runtime-depends" })
        {
            if (node.TryGetSequence(key) is { Count: > 0 } dependencies)
                throw new LoadException(ErrorReason.InvalidJunction, dependencies.Items[0].Provenance,
                    $"Junction {junction.FullName} cannot have dependencies");
        }
        var variables = JunctionVariables(junction);
        var config = (MappingNode)variables.ExpandNode(node.TryGetMapping("config") ?? new MappingNode(node.Provenance));
        config.ValidateKeys(ConfigKeys);
        var root = SourceRoot(junction, variables, requestedAt);
        var directory = Path.Combine(root, config.GetString("path", ""));
        var project = projectLoader.Load(Path.GetFullPath(directory), junction.FullName, junction.Project,
            config.TryGetMapping("options"), requestedAt);
        return project;
    }

    /// <summary>The junction's <c>config.overrides</c>: subproject element → element of the parent.</summary>
    public static MappingNode? Overrides(LoadedElement junction) =>
        junction.Node.TryGetMapping("config")?.TryGetMapping("overrides");

    private static VariableSet JunctionVariables(LoadedElement junction)
    {
        var variables = (MappingNode)junction.Project.BaseVariables.Clone();
        if (junction.Node.TryGetMapping("variables") is { } own)
            Composite.Onto(variables, own);
        variables.Set("element-name", new ScalarNode(junction.Name, junction.Provenance));
        return VariableSet.Resolve(variables);
    }

    private string SourceRoot(LoadedElement junction, VariableSet variables, Provenance requestedAt)
    {
        var sources = junction.Node.TryGetSequence("sources")?.Items.Cast<MappingNode>().ToList()
            ?? throw new LoadException(ErrorReason.InvalidJunction, junction.Provenance,
                $"Junction {junction.FullName} has no sources", "A junction needs a source giving the subproject.");
        if (sources.All(s => s.TryGetString("kind") == "local"))
            return LocalRoot(junction, sources, variables);
        var fetched = FetchedLocation(context.UserConfig.CacheDirectory, junction);
        if (Directory.Exists(fetched))
            return fetched;
        try
        {
            fetch(junction, fetched);
        }
        catch (BgxException e)
        {
            throw new LoadException(ErrorReason.JunctionNotFetched, requestedAt,
                $"Junction {junction.FullName} is not fetched and fetching it failed: {e.Message}",
                $"Its sources come from the network ({string.Join(", ", sources.Select(s => s.GetString("kind", "?")))}); " +
                "check the URL, its alias and the network, then try again.", e);
        }
        return fetched;
    }

    /// <summary>Where a fetched junction's staged sources live in the cache, by the hash of its sources.</summary>
    public static string FetchedLocation(string cacheDirectory, LoadedElement junction)
    {
        var text = YamlWriter.Write(junction.Node.TryGetSequence("sources") ?? new SequenceNode(junction.Provenance));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(junction.Project.Name + "\n" + text)));
        return Path.Combine(cacheDirectory, "junctions", hash);
    }

    /// <summary>Assembles local sources (each staged at its <c>directory</c>) as a tree of symlinks.</summary>
    private string LocalRoot(LoadedElement junction, List<MappingNode> sources, VariableSet variables)
    {
        if (sources.Count == 1 && sources[0].TryGetString("directory") is null or "")
        {
            var path = variables.Expand(sources[0].GetString("path"), sources[0].Provenance);
            return Path.GetFullPath(Path.Combine(junction.Project.Directory, path));
        }
        var key = string.Join("\n", sources.Select(s => YamlWriter.Write(s)));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(junction.Project.Directory + "\n" + key)));
        var root = Path.Combine(context.UserConfig.CacheDirectory, "junctions", "local-" + hash[..32]);
        if (Directory.Exists(root))
            return root;
        var staging = root + ".tmp-" + Environment.ProcessId;
        Directory.CreateDirectory(staging);
        foreach (var source in sources)
        {
            var path = Path.GetFullPath(Path.Combine(junction.Project.Directory, variables.Expand(source.GetString("path"), source.Provenance)));
            var directory = source.TryGetString("directory") ?? "";
            var targetDir = Path.Combine(staging, directory);
            if (Directory.Exists(path))
            {
                if (directory.Length == 0)
                    throw new LoadException(ErrorReason.InvalidJunction, source.Provenance,
                        "bgx cannot assemble a local junction from a directory staged at its root together with other sources");
                Directory.CreateDirectory(Path.GetDirectoryName(targetDir.TrimEnd('/'))!);
                File.CreateSymbolicLink(targetDir.TrimEnd('/'), path);
            }
            else
            {
                Directory.CreateDirectory(targetDir);
                File.CreateSymbolicLink(Path.Combine(targetDir, Path.GetFileName(path)), path);
            }
        }
        try
        {
            Directory.Move(staging, root);
        }
        catch (IOException) when (Directory.Exists(root))
        {
            Directory.Delete(staging, recursive: true);
        }
        return root;
    }
}

using BuildGraph.Abstractions;
using BuildGraph.Engine.Config;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>What every project load in one session shares: user config, CLI options, plugins, file cache.</summary>
internal sealed class LoadContext
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MappingNode> _fileCache = new(StringComparer.Ordinal);

    public LoadContext(UserConfig userConfig, IPluginCatalog catalog, IReadOnlyList<KeyValuePair<string, string>> cliOptions)
    {
        UserConfig = userConfig;
        Catalog = catalog;
        CliOptions = cliOptions;
        MaxJobs = userConfig.MaxJobs > 0 ? userConfig.MaxJobs : Math.Min(Environment.ProcessorCount, 8);
    }

    public UserConfig UserConfig { get; }
    public IPluginCatalog Catalog { get; }
    public IReadOnlyList<KeyValuePair<string, string>> CliOptions { get; }
    public int MaxJobs { get; }

    /// <summary>Finds the project behind a junction element of <c>project</c>; set by the graph loader.</summary>
    public Func<Project, string, Provenance, Project> ResolveJunction { get; set; } =
        (_, name, at) => throw new LoadException(ErrorReason.InvalidJunction, at, $"Junction {name} cannot be loaded here");

    /// <summary>A parsed YAML file, read once per session; callers get their own copy. Thread-safe.</summary>
    public MappingNode LoadYamlCopy(string absolutePath, string displayName, Provenance? includedFrom)
    {
        var node = _fileCache.GetOrAdd(absolutePath, path => YamlLoader.LoadFile(path, displayName, includedFrom));
        return (MappingNode)node.Clone();
    }
}

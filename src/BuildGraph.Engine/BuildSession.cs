using BuildGraph.Abstractions;
using BuildGraph.Engine.Config;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Keys;
using BuildGraph.Engine.Loading;
using BuildGraph.Yaml;

namespace BuildGraph.Engine;

/// <summary>
/// The engine's façade: opens a project with the user's configuration and loads element graphs.
/// The CLI talks to this and nothing deeper.
/// </summary>
public sealed class BuildSession
{
    private readonly LoadContext _context;
    private readonly GraphLoader _graph;

    private BuildSession(LoadContext context, Project project)
    {
        _context = context;
        Project = project;
        _graph = new GraphLoader(context, project);
    }

    public Project Project { get; }

    public UserConfig UserConfig => _context.UserConfig;

    public Warnings Warnings { get; } = new();

    /// <summary>
    /// Opens the project in <paramref name="directory"/> or the nearest parent holding a project.conf.
    /// </summary>
    public static BuildSession Open(string directory, UserConfig userConfig, IPluginCatalog catalog,
        IReadOnlyList<KeyValuePair<string, string>> cliOptions)
    {
        var root = FindProjectRoot(Path.GetFullPath(directory));
        var context = new LoadContext(userConfig, catalog, cliOptions);
        var project = new ProjectLoader(context).Load(root, null, null, null, null);
        return new BuildSession(context, project);
    }

    /// <summary>Loads <paramref name="targets"/> (or the project's default targets) with everything they need.</summary>
    public LoadedGraph Load(IReadOnlyList<string> targets)
    {
        var names = targets.Count > 0 ? targets.Select(NormaliseTarget).ToList() : DefaultTargets();
        var roots = _graph.Load(names, Warnings);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var order = _graph.InDependencyOrder();
        CacheKeyCalculator.ComputeAll(order);
        Profile.Mark("keys", clock);
        return new LoadedGraph(roots, order, _graph.Elements);
    }

    /// <summary><c>defaults: targets</c>, or every element under element-path.</summary>
    public List<string> DefaultTargets() =>
        Project.DefaultTargets.Count > 0
            ? Project.DefaultTargets.ToList()
            : ProjectLoader.ListElementPaths(Project.ElementPath).ToList();

    private string NormaliseTarget(string target)
    {
        if (target.Contains(':') || (!Path.IsPathRooted(target) && File.Exists(Path.Combine(Project.ElementPath, target))))
            return target;
        // Accept a path to the file as the shell sees it, as long as it lies in the element-path.
        var full = Path.GetFullPath(target);
        if (File.Exists(full) && full.StartsWith(Project.ElementPath + "/", StringComparison.Ordinal))
            return Path.GetRelativePath(Project.ElementPath, full);
        return target;
    }

    private static string FindProjectRoot(string start)
    {
        for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "project.conf")))
                return dir;
        }
        throw new LoadException(ErrorReason.ProjectNotFound, Provenance.Unknown(start),
            $"No project.conf in {start} or any directory above it",
            "Run bgx inside a BuildStream 2 project, or point to one with -C DIR.");
    }
}

using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Config;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Keys;
using BuildGraph.Engine.Loading;
using BuildGraph.Engine.Tracking;
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
        _graph.SaveCaches();
        Profile.Mark("keys", clock);
        return new LoadedGraph(roots, order, _graph.Elements);
    }

    /// <summary>
    /// Builds <paramref name="graph"/>'s targets and everything they need that is not cached, reporting
    /// progress through <paramref name="report"/>.
    /// </summary>
    public async Task<BuildScheduler.Summary> BuildAsync(LoadedGraph graph, ArtifactCache artifacts, ISandbox sandbox,
        Action<BuildMessage> report, CancellationToken cancellationToken, int? builders = null, bool? continueOnError = null)
    {
        ScratchDirectory.RemoveStale(UserConfig.CacheDirectory);
        var needed = new List<Element>();
        var seen = new HashSet<Element>();
        foreach (var target in graph.Targets)
        {
            foreach (var element in Scopes.All(target))
            {
                if (seen.Add(element))
                    needed.Add(element);
            }
        }
        var unresolved = needed.FirstOrDefault(e => e.CacheKey is null && !e.IsJunction);
        if (unresolved is not null)
        {
            var source = unresolved.Sources.FirstOrDefault(s => !s.Source.IsResolved);
            throw new LoadException(ErrorReason.MissingKey, source?.Provenance ?? unresolved.Provenance,
                $"{unresolved.FullName} cannot be built: {(source is null ? "a dependency has no reference" : "a source has no reference")}",
                "Track it first (bgx source track), or set a ref.");
        }
        var plan = new List<Element>();
        foreach (var element in needed)
        {
            // Complete artifacts only: one missing an object (removed as corrupt) is built again.
            if (await artifacts.IsCompleteAsync(element, cancellationToken).ConfigureAwait(false))
                report(new BuildMessage(BuildEvent.Cached, element, "", TimeSpan.Zero));
            else
                plan.Add(element);
        }
        var context = new BuildContext(artifacts, sandbox, UserConfig.CacheDirectory, UserConfig.LogDirectory, Warnings, report);
        var builder = new ElementBuilder(context);
        var scheduler = new BuildScheduler(builders ?? UserConfig.Builders, continueOnError ?? UserConfig.OnError == "continue", report, TimeProvider.System);
        return await scheduler.RunAsync(plan, builder.BuildAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="elements"/>' artifacts into <paramref name="directory"/> in staging order
    /// (later ones over earlier ones), as <c>bst artifact checkout --deps</c> does.
    /// </summary>
    public async Task CheckoutAsync(IReadOnlyList<Element> elements, ArtifactCache artifacts, string directory, bool hardlinks, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stager = new Stager(artifacts.Cas, Path.GetFullPath(directory), copyFiles: !hardlinks);
        foreach (var element in elements)
        {
            var artifact = artifacts.TryGet(element) ?? throw new LoadException(ErrorReason.ArtifactNotFound, element.Provenance,
                $"{element.FullName} is not in the local cache", $"Build it first: bgx build {element.FullName}");
            await stager.StageAsync(element, artifact.Files.ToDigest(), "/", cancellationToken).ConfigureAwait(false);
        }
        foreach (var overlap in stager.Overlaps.Where(o => !o.Whitelisted))
            Warnings.Report(overlap.Later.Project, "overlaps", overlap.Later.Provenance,
                $"{overlap.Path} from {overlap.Earlier.FullName} is overwritten by {overlap.Later.FullName}");
    }

    /// <summary>
    /// Fetches the sources of <paramref name="elements"/> into the source cache, at most
    /// <c>scheduler: fetchers</c> at once. Returns the elements whose fetch failed, with the error.
    /// </summary>
    public async Task<IReadOnlyList<(Element Element, BgxException Error)>> FetchAsync(IReadOnlyList<Element> elements, ArtifactCache artifacts,
        Action<BuildMessage> report, CancellationToken cancellationToken)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<(Element, BgxException)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, UserConfig.Fetchers), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(elements.Where(e => e.Sources.Count > 0 && !e.IsJunction), options, async (element, token) =>
        {
            if (artifacts.Sources.IsAvailable(element))
            {
                report(new BuildMessage(BuildEvent.Cached, element, "sources available", TimeSpan.Zero));
                return;
            }
            var started = System.Diagnostics.Stopwatch.StartNew();
            report(new BuildMessage(BuildEvent.Started, element, "fetch", TimeSpan.Zero));
            try
            {
                await artifacts.Sources.FetchAsync(element, UserConfig.CacheDirectory, token).ConfigureAwait(false);
                report(new BuildMessage(BuildEvent.Succeeded, element, "fetch", started.Elapsed));
            }
            catch (BgxException e)
            {
                failures.Add((element, e));
                report(new BuildMessage(BuildEvent.Failed, element, e.Render(), started.Elapsed));
            }
        }).ConfigureAwait(false);
        return failures.ToList();
    }

    /// <summary>
    /// Tracks the sources of <paramref name="elements"/> (those that have any), at most <c>scheduler: fetchers</c>
    /// elements at once, each element's sources in order. Returns one outcome per element, in the given order;
    /// a failed element has its error in the outcome. Writes nothing: see <see cref="WriteRefsAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<ElementTrackOutcome>> TrackAsync(IReadOnlyList<Element> elements, Action<BuildMessage> report,
        CancellationToken cancellationToken)
    {
        ScratchDirectory.RemoveStale(UserConfig.CacheDirectory);
        var tracker = new SourceTracker(UserConfig.CacheDirectory);
        var withSources = elements.Where(e => e.Sources.Count > 0).ToList();
        var outcomes = new ElementTrackOutcome[withSources.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, UserConfig.Fetchers), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, withSources.Count), options, async (i, token) =>
        {
            var element = withSources[i];
            var started = System.Diagnostics.Stopwatch.StartNew();
            report(new BuildMessage(BuildEvent.Started, element, "track", TimeSpan.Zero));
            var outcome = await tracker.TrackAsync(element, token).ConfigureAwait(false);
            outcomes[i] = outcome;
            report(outcome.Error is { } error
                ? new BuildMessage(BuildEvent.Failed, element, error.Render(), started.Elapsed)
                : new BuildMessage(BuildEvent.Succeeded, element, outcome.Changed ? "track: new ref" : "track: up to date", started.Elapsed));
        }).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>
    /// Writes the changed refs of <paramref name="outcomes"/> (failed elements are skipped) where the project
    /// keeps them: inline in the declaring files, or in project.refs.
    /// </summary>
    public Task<RefWriteResult> WriteRefsAsync(IReadOnlyList<ElementTrackOutcome> outcomes, CancellationToken cancellationToken) =>
        new RefWriter(Warnings).WriteAsync(outcomes, cancellationToken);

    /// <summary>Stages a root for an interactive shell in <paramref name="element"/>'s sandbox.</summary>
    public Task<ShellSession> PrepareShellAsync(Element element, bool build, ArtifactCache artifacts, ISandbox sandbox, CancellationToken cancellationToken)
    {
        var context = new BuildContext(artifacts, sandbox, UserConfig.CacheDirectory, UserConfig.LogDirectory, Warnings, _ => { });
        return ShellSession.CreateAsync(context, element, build, cancellationToken);
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

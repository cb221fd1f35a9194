using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Config;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Keys;
using BuildGraph.Engine.Loading;
using BuildGraph.Engine.Remotes;
using BuildGraph.Engine.Sources;
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

    private BuildSession(LoadContext context, GraphLoader graph)
    {
        _context = context;
        _graph = graph;
        Project = graph.Toplevel;
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
        // The graph loader exists first: project.conf may include files from junctions.
        var graph = new GraphLoader(context);
        graph.Toplevel = new ProjectLoader(context).Load(root, null, null, null, null);
        return new BuildSession(context, graph);
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
    /// <param name="remotes">
    /// Remote caches: artifacts missing locally are pulled before anything is built, and built or cached
    /// artifacts are pushed (in the background) to the remotes that take pushes; null for none.
    /// </param>
    public async Task<BuildScheduler.Summary> BuildAsync(LoadedGraph graph, ArtifactCache artifacts, ISandbox sandbox,
        Action<BuildMessage> report, CancellationToken cancellationToken, int? builders = null, bool? continueOnError = null,
        RemoteCaches? remotes = null)
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
        var cached = new List<Element>();
        foreach (var element in needed)
        {
            // A ref means a complete artifact: one found damaged when staged has its ref dropped.
            if (artifacts.HasArtifact(element))
            {
                report(new BuildMessage(BuildEvent.Cached, element, "", TimeSpan.Zero));
                cached.Add(element);
            }
            else
            {
                plan.Add(element);
            }
        }
        if (remotes is not null)
            plan = await PullAsync(plan, artifacts, remotes, report, cancellationToken).ConfigureAwait(false);
        var context = new BuildContext(artifacts, sandbox, UserConfig.CacheDirectory, UserConfig.LogDirectory, Warnings, report, remotes);
        var builder = new ElementBuilder(context);
        var scheduler = new BuildScheduler(builders ?? UserConfig.Builders, continueOnError ?? UserConfig.OnError == "continue", report, TimeProvider.System);
        if (remotes is null)
        {
            try
            {
                return await scheduler.RunAsync(plan, builder.BuildAsync, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await ScratchDirectory.DrainAsync().ConfigureAwait(false);
            }
        }
        var pushes = new PushQueue(remotes, artifacts, report, UserConfig.Pushers);
        foreach (var element in cached)
            pushes.Enqueue(element, cancellationToken);
        BuildScheduler.Summary summary;
        try
        {
            summary = await scheduler.RunAsync(plan, async (element, token) =>
            {
                await builder.BuildAsync(element, token).ConfigureAwait(false);
                pushes.Enqueue(element, cancellationToken);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // However the build ended, no push is left running behind the caller's back.
            await pushes.DrainQuietlyAsync().ConfigureAwait(false);
            await ScratchDirectory.DrainAsync().ConfigureAwait(false);
            throw;
        }
        await pushes.DrainAsync().ConfigureAwait(false);
        await ScratchDirectory.DrainAsync().ConfigureAwait(false);
        return summary;
    }

    /// <summary>
    /// Pulls what remote caches have of <paramref name="plan"/> (at most <c>scheduler: fetchers</c> at once);
    /// returns the rest, still in dependency order.
    /// </summary>
    private async Task<List<Element>> PullAsync(List<Element> plan, ArtifactCache artifacts, RemoteCaches remotes,
        Action<BuildMessage> report, CancellationToken cancellationToken)
    {
        var pulled = new System.Collections.Concurrent.ConcurrentDictionary<Element, bool>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, UserConfig.Fetchers), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plan.Where(e => remotes.HasArtifactRemotes(e.Project)), options, async (element, token) =>
        {
            if (await remotes.PullArtifactAsync(element, artifacts, report, token).ConfigureAwait(false) == TransferResult.Done)
                pulled[element] = true;
        }).ConfigureAwait(false);
        return plan.Where(e => !pulled.ContainsKey(e)).ToList();
    }

    /// <summary>
    /// Pulls <paramref name="elements"/>' artifacts that are not complete locally (<c>bgx artifact pull</c>).
    /// Returns one outcome per element; remote failures are warnings reported through <paramref name="report"/>.
    /// </summary>
    public async Task<IReadOnlyList<(Element Element, TransferResult Result)>> PullArtifactsAsync(IReadOnlyList<Element> elements,
        ArtifactCache artifacts, RemoteCaches remotes, Action<BuildMessage> report, CancellationToken cancellationToken)
    {
        var results = new TransferResult[elements.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, UserConfig.Fetchers), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, elements.Count), options, async (i, token) =>
        {
            var element = elements[i];
            if (await artifacts.IsCompleteAsync(element, token).ConfigureAwait(false))
            {
                report(new BuildMessage(BuildEvent.Cached, element, "", TimeSpan.Zero));
                results[i] = TransferResult.Skipped;
                return;
            }
            results[i] = await remotes.PullArtifactAsync(element, artifacts, report, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return elements.Select((e, i) => (e, results[i])).ToList();
    }

    /// <summary>
    /// Pushes <paramref name="elements"/>' cached artifacts (<c>bgx artifact push</c>), at most
    /// <c>scheduler: pushers</c> at once. Returns one outcome per element.
    /// </summary>
    public Task<IReadOnlyList<(Element Element, TransferResult Result)>> PushArtifactsAsync(IReadOnlyList<Element> elements,
        ArtifactCache artifacts, RemoteCaches remotes, Action<BuildMessage> report, CancellationToken cancellationToken) =>
        ForEachAsync(elements, UserConfig.Pushers, (e, token) => remotes.PushArtifactAsync(e, artifacts, report, token), cancellationToken);

    /// <summary>Pushes <paramref name="elements"/>' cached sources (<c>bgx source push</c>). Returns one outcome per element.</summary>
    public Task<IReadOnlyList<(Element Element, TransferResult Result)>> PushSourcesAsync(IReadOnlyList<Element> elements,
        ArtifactCache artifacts, RemoteCaches remotes, Action<BuildMessage> report, CancellationToken cancellationToken) =>
        ForEachAsync(elements, UserConfig.Pushers, (e, token) => remotes.PushSourcesAsync(e, artifacts, report, token), cancellationToken);

    private static async Task<IReadOnlyList<(Element Element, TransferResult Result)>> ForEachAsync(IReadOnlyList<Element> elements, int parallelism,
        Func<Element, CancellationToken, Task<TransferResult>> body, CancellationToken cancellationToken)
    {
        var results = new TransferResult[elements.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, elements.Count), options, async (i, token) =>
            results[i] = await body(elements[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return elements.Select((e, i) => (e, results[i])).ToList();
    }

    /// <summary>
    /// Writes <paramref name="elements"/>' artifacts into <paramref name="directory"/> in staging order
    /// (later ones over earlier ones), as <c>bst artifact checkout --deps</c> does.
    /// </summary>
    public async Task CheckoutAsync(IReadOnlyList<Element> elements, ArtifactCache artifacts, string directory, bool hardlinks, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stager = new Stager(artifacts.Cas, Path.GetFullPath(directory), copyFiles: !hardlinks, e => artifacts.Delete(e));
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
    /// <param name="remotes">Remote source caches: sources are pulled from them when they have them, and pushed after a fetch.</param>
    public async Task<IReadOnlyList<(Element Element, BgxException Error)>> FetchAsync(IReadOnlyList<Element> elements, ArtifactCache artifacts,
        Action<BuildMessage> report, CancellationToken cancellationToken, RemoteCaches? remotes = null)
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
                await SourceFetch.RunAsync(element, artifacts, remotes, UserConfig.CacheDirectory, report, token).ConfigureAwait(false);
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

    /// <summary>Waits for background clean-up (scratch directories being deleted) before the process exits.</summary>
    public static void DrainBackgroundWork() => ScratchDirectory.DrainAsync().GetAwaiter().GetResult();

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

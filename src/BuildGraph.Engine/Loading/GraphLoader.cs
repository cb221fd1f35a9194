using BuildGraph.Abstractions;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Turns target names into the element graph: reads element files across junctions, follows links,
/// rejects cycles, merges duplicate dependencies, then composes every element. Each element is
/// read once; lookups by full name are O(1).
/// </summary>
internal sealed class GraphLoader
{
    private readonly LoadContext _context;
    private readonly ElementFileReader _reader;
    private readonly JunctionResolver _junctions;
    private readonly Dictionary<string, LoadedElement> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Project> _subprojects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Element> _elements = new(StringComparer.Ordinal);
    private readonly List<Element> _ordered = new();
    private readonly ContentDigests _digests;
    private Warnings _warnings = new();
    private readonly Dictionary<Element, List<(DependencySpec Spec, Element Target)>> _edges = new();

    public GraphLoader(LoadContext context)
    {
        _context = context;
        _reader = new ElementFileReader(context);
        _digests = new ContentDigests(new FileHashCache(context.UserConfig.CacheDirectory));
        _junctions = new JunctionResolver(context, new ProjectLoader(context), FetchJunction);
        context.ResolveJunction = (project, name, at) => ResolveJunctionProject(project, name, at);
    }

    /// <summary>The project targets are named in; set once it is loaded.</summary>
    public Project Toplevel { get; set; } = null!;

    public IReadOnlyDictionary<string, Element> Elements => _elements;

    /// <summary>Loads the targets and everything they depend on; returns the targets.</summary>
    public List<Element> Load(IReadOnlyList<string> targets, Warnings warnings)
    {
        _warnings = warnings;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var roots = new List<Element>();
        foreach (var target in targets)
        {
            var at = new Provenance("command line", 0, 0);
            var loaded = ResolveElement(Toplevel, SplitTarget(target), at);
            roots.Add(Discover(loaded));
        }
        Profile.Mark("read", clock);
        var order = TopologicalOrder.Compute(_ordered, e => _edges[e].Select(x => x.Target),
            (from, to) => _edges[from].First(x => x.Target == to).Spec.Provenance);
        foreach (var element in order)
            LinkDependencies(element);
        Profile.Mark("link", clock);
        var composer = new ElementComposer(_context, warnings, _digests);
        ComposeAll(order, composer);
        Profile.Mark("compose", clock);
        DependencySorter.SortAll(order);
        Profile.Mark("sort", clock);
        return roots;
    }

    /// <summary>
    /// Fetches a junction's sources and stages them at <paramref name="destination"/>: junctions load
    /// their subproject as they are loaded, so this is the one network access loading may make.
    /// </summary>
    private void FetchJunction(LoadedElement junction, string destination)
    {
        var element = new Element(-1, junction);
        new ElementComposer(_context, _warnings, _digests).Compose(element);
        var staging = $"{destination}.tmp-{Environment.ProcessId}";
        Building.ScratchDirectory.DeleteTree(staging);
        try
        {
            foreach (var source in element.Sources)
            {
                if (!source.Source.IsFetched)
                    source.Source.FetchAsync(CancellationToken.None).GetAwaiter().GetResult();
                var target = source.Directory is { } sub ? Path.Combine(staging, sub.Trim('/')) : staging;
                Directory.CreateDirectory(target);
                source.Source.StageAsync(target, CancellationToken.None).GetAwaiter().GetResult();
            }
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            Directory.Move(staging, destination);
        }
        catch (IOException) when (Directory.Exists(destination))
        {
            // Another bgx fetched it meanwhile.
        }
        finally
        {
            Building.ScratchDirectory.DeleteTree(staging);
        }
    }

    /// <summary>Persists what was learnt while loading (file hashes of local sources).</summary>
    public void SaveCaches() => _digests.Save();

    /// <summary>Elements in dependency order (dependencies first).</summary>
    public List<Element> InDependencyOrder() => TopologicalOrder.Compute(_ordered, e => e.Dependencies.Select(d => d.Element));

    private static void ComposeAll(List<Element> order, ElementComposer composer)
    {
        // Composition is independent per element; the first user error (in graph order) wins.
        var errors = new Exception?[order.Count];
        Parallel.For(0, order.Count, i =>
        {
            try
            {
                composer.Compose(order[i]);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });
        foreach (var error in errors)
        {
            if (error is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
    }

    private Element Discover(LoadedElement root)
    {
        var first = GetOrCreate(root, out _);
        var frontier = new List<Element> { first };
        while (frontier.Count > 0)
        {
            Prefetch(frontier);
            var next = new List<Element>();
            foreach (var element in frontier)
            {
                if (_edges.ContainsKey(element))
                    continue;
                var edges = new List<(DependencySpec, Element)>();
                foreach (var spec in element.Loaded.Dependencies)
                {
                    var target = ResolveDependency(element.Loaded, spec);
                    var dep = GetOrCreate(target, out var created);
                    edges.Add((spec, dep));
                    if (created)
                        next.Add(dep);
                }
                _edges[element] = edges;
            }
            frontier = next;
        }
        return first;
    }

    /// <summary>
    /// Reads the plain dependencies of a whole frontier in parallel. Failures are dropped here: the
    /// sequential pass reads those again and reports the first error in a deterministic order.
    /// </summary>
    private void Prefetch(List<Element> frontier)
    {
        var wanted = new Dictionary<string, (Project Project, string Name)>(StringComparer.Ordinal);
        foreach (var element in frontier)
        {
            foreach (var spec in element.Loaded.Dependencies)
            {
                if (spec.Junction is not null)
                    continue;
                var fullName = element.Project.NamePrefix + spec.Filename;
                if (!_files.ContainsKey(fullName) && element.Project.JunctionName is null)
                    wanted.TryAdd(fullName, (element.Project, spec.Filename));
            }
        }
        if (wanted.Count < 8)
            return;
        var read = new System.Collections.Concurrent.ConcurrentDictionary<string, LoadedElement>(StringComparer.Ordinal);
        Parallel.ForEach(wanted, pair =>
        {
            try
            {
                read[pair.Key] = _reader.Read(pair.Value.Project, pair.Value.Name, null);
            }
            catch (BgxException)
            {
            }
        });
        foreach (var (name, loaded) in read)
            _files.TryAdd(name, loaded);
    }

    private Element GetOrCreate(LoadedElement loaded, out bool created)
    {
        if (_elements.TryGetValue(loaded.FullName, out var existing))
        {
            created = false;
            return existing;
        }
        var element = new Element(_ordered.Count, loaded);
        _elements[loaded.FullName] = element;
        _ordered.Add(element);
        created = true;
        return element;
    }

    private LoadedElement ResolveDependency(LoadedElement from, DependencySpec spec)
    {
        var target = ResolveElement(from.Project, (spec.Junction, spec.Filename), spec.Provenance);
        if (target.Kind == "junction")
            throw new LoadException(ErrorReason.InvalidData, spec.Provenance,
                $"{from.FullName} depends on the junction {target.FullName}",
                "A junction cannot be depended on; depend on an element inside it (junction.bst:element.bst).");
        return target;
    }

    private static (string? Junction, string Name) SplitTarget(string target)
    {
        var colon = target.LastIndexOf(':');
        return colon < 0 ? (null, target) : (target[..colon], target[(colon + 1)..]);
    }

    /// <summary>Reads the element a (junction, name) pair refers to from <paramref name="project"/>, following links.</summary>
    private LoadedElement ResolveElement(Project project, (string? Junction, string Name) reference, Provenance at)
    {
        for (var hops = 0; hops < 64; hops++)
        {
            var owner = reference.Junction is null ? project : ResolveJunctionProject(project, reference.Junction, at);
            var loaded = ReadWithOverrides(owner, reference.Name, at);
            if (loaded.Kind != "link")
                return loaded;
            var target = LinkTarget(loaded);
            project = loaded.Project;
            reference = SplitTarget(target.Value);
            at = target.Provenance;
        }
        throw new LoadException(ErrorReason.CircularDependency, at, "Too many link elements in a chain (a link loop?)");
    }

    private LoadedElement ReadWithOverrides(Project project, string name, Provenance at)
    {
        // A junction may replace subproject elements with elements of the project above it.
        if (project.JunctionName is { } junctionName && project.Parent is { } parent
            && _files.TryGetValue(junctionName, out var junction)
            && JunctionResolver.Overrides(junction)?.TryGetString(name) is { } replacement)
        {
            return ResolveElement(parent, SplitTarget(replacement), at);
        }
        var fullName = project.NamePrefix + name;
        if (!_files.TryGetValue(fullName, out var loaded))
        {
            loaded = _reader.Read(project, name, at);
            _files[fullName] = loaded;
        }
        return loaded;
    }

    private static ScalarNode LinkTarget(LoadedElement link)
    {
        // A link is replaced by its target before anything else reads it: what it declares besides
        // the target would silently vanish, so BuildStream rejects it.
        if (link.Dependencies.Count > 0)
            throw new LoadException(ErrorReason.LinkForbiddenDependencies, link.Dependencies[0].Provenance,
                $"Link {link.FullName} declares dependencies", "A link only names its target; depend on the target instead.");
        if (link.Node.TryGetSequence("sources") is { Count: > 0 } sources)
            throw new LoadException(ErrorReason.InvalidData, sources.Items[0].Provenance,
                $"Link {link.FullName} declares sources", "A link only names its target; remove the sources.");
        var config = link.Node.TryGetMapping("config");
        if (config?["target"] is not ScalarNode target || target.Value.Length == 0)
            throw new LoadException(ErrorReason.MissingKey, config?.Provenance ?? link.Provenance,
                $"Link {link.FullName} has no config: target");
        return target;
    }

    /// <summary>The subproject behind <paramref name="junctionPath"/> (<c>a.bst</c> or <c>a.bst:b.bst</c>) seen from <paramref name="project"/>.</summary>
    public Project ResolveJunctionProject(Project project, string junctionPath, Provenance at)
    {
        var current = project;
        foreach (var part in junctionPath.Split(':'))
        {
            var junction = ResolveElement(current, (null, part), at);
            if (junction.Kind != "junction")
                throw new LoadException(ErrorReason.InvalidJunction, at,
                    $"{junction.FullName} is a {junction.Kind} element, not a junction");
            if (!_subprojects.TryGetValue(junction.FullName, out var sub))
            {
                sub = _junctions.Load(junction, at);
                _subprojects[junction.FullName] = sub;
            }
            current = sub;
        }
        return current;
    }

    private void LinkDependencies(Element element)
    {
        var byTarget = new Dictionary<Element, Dependency>();
        foreach (var (spec, target) in _edges[element])
        {
            var configs = new List<MappingNode>();
            if (spec.Config is not null)
                configs.Add(spec.Config);
            if (byTarget.TryGetValue(target, out var existing))
            {
                existing.Type |= spec.Type;
                existing.Strict |= spec.Strict;
                existing.Configs.AddRange(configs);
                continue;
            }
            var dependency = new Dependency(target, spec.Type, spec.Strict, configs, spec.Provenance);
            byTarget[target] = dependency;
            element.Dependencies.Add(dependency);
        }
    }
}

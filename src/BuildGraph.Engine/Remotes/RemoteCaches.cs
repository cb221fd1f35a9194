using System.Collections.Concurrent;
using BuildGraph.Engine.Config;
using BuildGraph.Engine.Loading;

namespace BuildGraph.Engine.Remotes;

/// <summary>
/// The remote artifact and source caches of a session, per project, resolved as BuildStream 2 does:
/// command-line remotes, else the user's per-project list, else the user's global list; then the
/// project's (and its parents') recommended remotes, unless <c>override-project-caches</c>.
/// Pulls and pushes never fail a build: a remote that is down or refuses is a warning. Thread-safe.
/// </summary>
public sealed partial class RemoteCaches(UserConfig userConfig, Func<RemoteSpec, IRemoteCache> connect, RemoteOverrides? overrides = null)
    : IDisposable
{
    private readonly RemoteOverrides _overrides = overrides ?? RemoteOverrides.None;
    private readonly ConcurrentDictionary<RemoteSpec, Lazy<RemoteEndpoint>> _endpoints = new();
    private readonly ConcurrentDictionary<(Project, bool), IReadOnlyList<RemoteSpec>> _resolved = new();

    /// <summary>Whether any remote artifact cache (one that may be pushed to, with <paramref name="push"/>) serves the project.</summary>
    public bool HasArtifactRemotes(Project project, bool push = false) => ArtifactSpecs(project).Any(s => !push || s.Push);

    /// <summary>Whether any remote source cache (one that may be pushed to, with <paramref name="push"/>) serves the project.</summary>
    public bool HasSourceRemotes(Project project, bool push = false) => SourceSpecs(project).Any(s => !push || s.Push);

    /// <summary>The remote artifact caches of <paramref name="project"/>, in the order they are asked.</summary>
    public IReadOnlyList<RemoteSpec> ArtifactSpecs(Project project) =>
        _resolved.GetOrAdd((project, true), key => Resolve(key.Item1, _overrides.Artifacts, _overrides.IgnoreProjectArtifactRemotes,
            userConfig.Artifacts, userConfig.ProjectArtifacts(key.Item1.Name), p => p.ArtifactRemotes));

    /// <summary>The remote source caches of <paramref name="project"/>.</summary>
    public IReadOnlyList<RemoteSpec> SourceSpecs(Project project) =>
        _resolved.GetOrAdd((project, false), key => Resolve(key.Item1, _overrides.SourceCaches, _overrides.IgnoreProjectSourceRemotes,
            userConfig.SourceCaches, userConfig.ProjectSourceCaches(key.Item1.Name), p => p.SourceCacheRemotes));

    private static List<RemoteSpec> Resolve(Project project, IReadOnlyList<RemoteSpec> commandLine, bool ignoreProjects,
        RemoteCacheConfig global, RemoteCacheConfig perProject, Func<Project, IReadOnlyList<RemoteSpec>> recommended)
    {
        var user = commandLine.Count > 0 ? commandLine : perProject.Servers.Count > 0 ? perProject.Servers : global.Servers;
        if (ignoreProjects || perProject.OverrideProjectCaches || global.OverrideProjectCaches)
            return Distinct(user);
        var fromProjects = new List<RemoteSpec>();
        for (var p = project; p is not null; p = p.Parent)
            fromProjects.InsertRange(0, recommended(p));
        return Distinct(user.Concat(fromProjects));
    }

    /// <summary>The same remote configured twice (in different files, say) is asked once.</summary>
    private static List<RemoteSpec> Distinct(IEnumerable<RemoteSpec> specs)
    {
        var seen = new HashSet<RemoteSpec>();
        return specs.Where(s => seen.Add(s with { Provenance = null })).ToList();
    }

    private IReadOnlyList<RemoteEndpoint> Endpoints(IReadOnlyList<RemoteSpec> specs) =>
        specs.Select(spec => _endpoints.GetOrAdd(spec with { Provenance = null },
            _ => new Lazy<RemoteEndpoint>(() => new RemoteEndpoint(connect(spec)))).Value).ToList();

    public void Dispose()
    {
        foreach (var endpoint in _endpoints.Values.Where(e => e.IsValueCreated))
            endpoint.Value.Cache.Dispose();
    }
}

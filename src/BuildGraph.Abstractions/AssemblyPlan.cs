namespace BuildGraph.Abstractions;

/// <summary>
/// How the engine assembles an element's artifact, as its kind describes it. Elements are
/// declarative: the engine owns staging, sandboxes and artifacts; a kind only says what to do.
/// </summary>
public abstract record AssemblyPlan;

/// <summary>Where a direct build dependency's runtime closure is staged (<c>config: {location: …}</c>).</summary>
public sealed record DependencyPlacement(string Location, string Dependency);

/// <summary>
/// Build elements and script: stage dependencies per <see cref="Layout"/> (integration commands run for
/// what lands at <c>/</c>), stage sources at <c>%{build-root}</c> when <see cref="StageSources"/>, run each
/// command as <c>sh -e -c</c> in <see cref="WorkingDirectory"/> (null: <c>%{build-root}</c>, or its
/// <see cref="CommandSubdir"/>), then collect <c>%{install-root}</c> as the artifact.
/// </summary>
public sealed record CommandsPlan(
    IReadOnlyList<CommandGroup> Commands,
    IReadOnlyList<DependencyPlacement> Layout,
    bool StageSources,
    bool RootReadOnly,
    string? WorkingDirectory = null,
    string? CommandSubdir = null) : AssemblyPlan;

/// <summary>Stage the sources; the artifact is their <see cref="Source"/> subdirectory placed at <see cref="Target"/>.</summary>
public sealed record ImportPlan(string Source, string Target) : AssemblyPlan;

/// <summary>An empty artifact that only carries dependencies.</summary>
public sealed record StackPlan : AssemblyPlan;

/// <summary>
/// Stage the build dependencies, integrate them when asked, and keep the files of the selected split
/// domains (empty include: all domains; exclusion wins; orphans: files no domain claims).
/// </summary>
public sealed record ComposePlan(bool Integrate, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, bool IncludeOrphans) : AssemblyPlan;

/// <summary>Keep the selected domains of one build dependency's artifact.</summary>
public sealed record FilterPlan(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, bool IncludeOrphans,
    bool PassIntegration, string Filtered) : AssemblyPlan;

/// <summary>Elements that cannot be built (junction, link, kinds bgx does not implement).</summary>
public sealed record UnsupportedPlan(string Reason) : AssemblyPlan;

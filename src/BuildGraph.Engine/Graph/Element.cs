using BuildGraph.Abstractions;
using BuildGraph.Engine.Loading;
using BuildGraph.Engine.Variables;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Graph;

/// <summary>
/// An element of the loaded graph: composed, variable-expanded, configured by its kind, with
/// resolved dependencies and, once computed, its cache keys. Immutable after loading.
/// </summary>
public sealed class Element
{
    internal Element(int index, LoadedElement loaded)
    {
        Index = index;
        Loaded = loaded;
    }

    /// <summary>Dense index in the graph, for O(1) side tables.</summary>
    public int Index { get; }

    internal LoadedElement Loaded { get; }

    public Project Project => Loaded.Project;

    /// <summary>Path relative to the project's element-path.</summary>
    public string Name => Loaded.Name;

    /// <summary>Full name with junction prefix.</summary>
    public string FullName => Loaded.FullName;

    public string KindName => Loaded.Kind;

    public Provenance Provenance => Loaded.Provenance;

    public string? Description => Loaded.Node.TryGetString("description");

    public IElementKind Kind { get; internal set; } = null!;
    public IElement Plugin { get; internal set; } = null!;
    internal VariableSet Variables { get; set; } = null!;
    public MappingNode Config { get; internal set; } = null!;
    public MappingNode Environment { get; internal set; } = null!;
    public IReadOnlyList<string> EnvironmentNoCache { get; internal set; } = Array.Empty<string>();
    public MappingNode Public { get; internal set; } = null!;
    public MappingNode Sandbox { get; internal set; } = null!;
    public IReadOnlyList<SourceInstance> Sources { get; internal set; } = Array.Empty<SourceInstance>();

    /// <summary>This machine's user-config overrides, or null; part of the cache key.</summary>
    public MappingNode? LocalOverrides { get; internal set; }

    /// <summary>Direct dependencies in BuildStream's sorted order.</summary>
    public List<Dependency> Dependencies { get; } = new();

    public IEnumerable<Element> BuildDependencies => Dependencies.Where(d => d.IsBuild).Select(d => d.Element);
    public IEnumerable<Element> RuntimeDependencies => Dependencies.Where(d => d.IsRuntime).Select(d => d.Element);

    public string? WeakKey { get; internal set; }
    public string? StrictKey { get; internal set; }

    /// <summary>The key used for artifacts in strict mode (the default).</summary>
    public string? CacheKey => StrictKey;

    public bool IsJunction => (Kind.Traits & ElementTraits.Junction) != 0;

    public string ResolvedVariable(string name) => Variables[name];

    /// <summary>The element's variables, resolved, in definition order.</summary>
    public MappingNode VariablesNode() => Variables.ToNode();

    public override string ToString() => FullName;
}

using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Graph;

/// <summary>A resolved direct dependency edge.</summary>
public sealed class Dependency
{
    internal Dependency(Element element, DependencyType type, bool strict, List<MappingNode> configs, Provenance provenance)
    {
        Element = element;
        Type = type;
        Strict = strict;
        Configs = configs;
        Provenance = provenance;
    }

    public Element Element { get; }
    public DependencyType Type { get; internal set; }
    public bool Strict { get; internal set; }

    /// <summary>The <c>config</c> mappings of each declaration, variables expanded.</summary>
    public List<MappingNode> Configs { get; }

    public Provenance Provenance { get; }

    public bool IsBuild => (Type & DependencyType.Build) != 0;
    public bool IsRuntime => (Type & DependencyType.Runtime) != 0;
}

using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Graph;

/// <summary>One configured source of an element, with the keys the engine handles itself.</summary>
public sealed class SourceInstance
{
    internal SourceInstance(string kind, ISourceKind kindImpl, ISource source, string? directory, MappingNode config, Provenance provenance)
    {
        Kind = kind;
        KindImpl = kindImpl;
        Source = source;
        Directory = directory;
        Config = config;
        Provenance = provenance;
    }

    public string Kind { get; }
    public ISourceKind KindImpl { get; }
    public ISource Source { get; }

    /// <summary>Subdirectory of the element's source tree to stage into, or null.</summary>
    public string? Directory { get; }

    /// <summary>The source's expanded configuration (without kind, directory, provenance).</summary>
    public MappingNode Config { get; }

    public Provenance Provenance { get; }
}

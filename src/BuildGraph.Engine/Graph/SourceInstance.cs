using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Graph;

/// <summary>One configured source of an element, with the keys the engine handles itself.</summary>
public sealed class SourceInstance
{
    private readonly Func<MappingNode, ISource> _configure;

    internal SourceInstance(string kind, ISourceKind kindImpl, ISource source, string? directory, MappingNode config, Provenance provenance,
        Func<MappingNode, ISource> configure)
    {
        Kind = kind;
        KindImpl = kindImpl;
        Source = source;
        Directory = directory;
        Config = config;
        Provenance = provenance;
        _configure = configure;
    }

    public string Kind { get; }
    public ISourceKind KindImpl { get; }
    public ISource Source { get; }

    /// <summary>Subdirectory of the element's source tree to stage into, or null.</summary>
    public string? Directory { get; }

    /// <summary>The source's expanded configuration (without kind, directory, provenance).</summary>
    public MappingNode Config { get; }

    /// <summary>The source mapping in the file that declared it.</summary>
    public Provenance Provenance { get; }

    /// <summary>
    /// The same source configured again with <paramref name="newRef"/> as its <c>ref</c> (none when null),
    /// as tracking needs to stage earlier sources at their new refs. Warnings are not repeated.
    /// </summary>
    internal SourceInstance WithRef(Node? newRef)
    {
        var config = (MappingNode)Config.Clone();
        if (newRef is null)
            config.Remove("ref");
        else
            config.Set("ref", newRef);
        return new SourceInstance(Kind, KindImpl, _configure((MappingNode)config.Clone()), Directory, config, Provenance, _configure);
    }
}

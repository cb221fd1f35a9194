using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// A stand-in for a source kind a project declares that bgx does not implement. It accepts any
/// keys; its ref is whatever is under <c>ref</c>, and its key is the whole configuration (resolved
/// unless <c>ref</c> is present but empty), so elements load, show and get keys, but cannot be
/// fetched. Thread-safe and immutable.
/// </summary>
public sealed class OpaqueSourceKind : ISourceKind
{
    /// <param name="name">The kind as sources name it.</param>
    /// <param name="origin">Where the project declares it from, for messages.</param>
    public OpaqueSourceKind(string name, string origin)
    {
        Name = name;
        Origin = origin;
    }

    public string Name { get; }

    public string Origin { get; }

    public SourceTraits Traits => SourceTraits.None;

    /// <summary>Why a source of this kind cannot be tracked or fetched, naming the kind and its origin.</summary>
    public string UnsupportedMessage =>
        $"Source kind '{Name}' ({Origin}) is not implemented by bgx: its sources load but cannot be tracked or fetched";

    public ISource Configure(MappingNode config, ISourceContext context) =>
        new OpaqueSource(config["ref"]?.Clone(), NodeJson.From(config));
}

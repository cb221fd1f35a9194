using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>A stateless factory for one source kind, registered by name. Thread-safe.</summary>
public interface ISourceKind
{
    string Name { get; }

    SourceTraits Traits { get; }

    /// <summary>
    /// The keys that make up a tracked ref: written back by tracking, and taken from project.refs when a
    /// project stores refs there. Most kinds have only <c>ref</c>.
    /// </summary>
    IReadOnlyList<string> RefKeys => ["ref"];

    /// <summary>
    /// Checks the source's own keys (the engine removed <c>kind</c>, <c>directory</c> and
    /// <c>provenance</c>); variables are expanded. No I/O.
    /// </summary>
    ISource Configure(MappingNode config, ISourceContext context);
}

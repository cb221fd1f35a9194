using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>
/// A stateless factory for one element kind, registered by name. Thread-safe.
/// </summary>
public interface IElementKind
{
    string Name { get; }

    /// <summary>The kind's artifact version; part of every cache key of this kind.</summary>
    int Version { get; }

    ElementTraits Traits { get; }

    /// <summary>The kind's default YAML (variables, environment, config, public), or empty.</summary>
    string DefaultYaml { get; }

    /// <summary>
    /// Checks the composed, variable-expanded <paramref name="config"/> and the declared dependencies.
    /// Does no I/O. Throws <see cref="LoadException"/> at the offending node's provenance.
    /// </summary>
    IElement Configure(MappingNode config, IElementContext context);
}

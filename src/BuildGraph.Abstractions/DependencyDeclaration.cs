using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>
/// One direct dependency as the element declared it, after duplicates were merged.
/// <see cref="Configs"/> holds each declaration's <c>config</c> mapping, variables expanded.
/// </summary>
public sealed record DependencyDeclaration(
    string Name,
    DependencyType Type,
    bool Strict,
    IReadOnlyList<MappingNode> Configs,
    Provenance Provenance);

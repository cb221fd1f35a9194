using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>One dependency as written in an element file, before it is resolved to an element.</summary>
internal sealed record DependencySpec(
    string Filename,
    string? Junction,
    DependencyType Type,
    bool Strict,
    MappingNode? Config,
    Provenance Provenance)
{
    /// <summary>The name relative to the declaring project: <c>junction:filename</c> or <c>filename</c>.</summary>
    public string Path => Junction is null ? Filename : Junction + ":" + Filename;
}

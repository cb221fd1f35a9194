using System.Text.Json.Nodes;
using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>A configured source. Immutable.</summary>
public interface ISource
{
    /// <summary>True when the source pins exactly what to fetch (has a ref, or needs none).</summary>
    bool IsResolved { get; }

    /// <summary>The ref as written (scalar, list or mapping), or null.</summary>
    Node? Ref { get; }

    /// <summary>The source's cache-key material. Only valid when <see cref="IsResolved"/>; may read project files.</summary>
    JsonNode GetUniqueKey();
}

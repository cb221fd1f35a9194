using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A source of a kind bgx does not implement: resolved when it has a ref.</summary>
internal sealed class OpaqueSource(Node? sourceRef, JsonNode config) : ISource
{
    public bool IsResolved => sourceRef is not null;

    public Node? Ref => sourceRef;

    public JsonNode GetUniqueKey() => config.DeepClone();
}

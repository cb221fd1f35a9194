using System.Text.Json.Nodes;
using BuildGraph.Abstractions;

namespace BuildGraph.Plugins.Elements;

/// <summary>An element of a kind bgx does not implement; its key is its whole configuration.</summary>
internal sealed class OpaqueElement(string kind, string origin, JsonNode config) : IElement
{
    public string Kind => kind;

    public string Origin => origin;

    public IReadOnlyList<CommandGroup> Commands => [];

    public AssemblyPlan Assembly => new UnsupportedPlan(
        $"bgx cannot build elements of kind '{kind}' ({origin}): bgx does not implement this plugin");

    public JsonNode GetUniqueKey() => config.DeepClone();
}

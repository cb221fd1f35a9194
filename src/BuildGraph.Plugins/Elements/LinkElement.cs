using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary>A configured link and where its target was written.</summary>
internal sealed record LinkElement(string Target, Provenance TargetProvenance) : IElement
{
    public IReadOnlyList<CommandGroup> Commands => [];

    public AssemblyPlan Assembly => new UnsupportedPlan("junction and link elements are not built");

    public JsonNode GetUniqueKey() => JsonValue.Create(1);
}

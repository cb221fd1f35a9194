using System.Text.Json.Nodes;
using BuildGraph.Abstractions;

namespace BuildGraph.Plugins.Elements;

/// <summary>A configured import: which staged directory to take and where to put it.</summary>
internal sealed record ImportElement(string Source, string Target) : IElement
{
    public IReadOnlyList<CommandGroup> Commands => [];

    public AssemblyPlan Assembly => new ImportPlan(Source, Target);

    public JsonNode GetUniqueKey() => new JsonObject { ["source"] = Source, ["target"] = Target };
}

using System.Text.Json.Nodes;
using BuildGraph.Abstractions;

namespace BuildGraph.Plugins.Elements;

/// <summary>A configured filter element and the dependency it filters.</summary>
internal sealed record FilterElement(
    IReadOnlyList<string> Include,
    IReadOnlyList<string> Exclude,
    bool IncludeOrphans,
    bool PassIntegration,
    string Filtered) : IElement
{
    public IReadOnlyList<CommandGroup> Commands => [];

    public AssemblyPlan Assembly => new FilterPlan(Include, Exclude, IncludeOrphans, PassIntegration, Filtered);

    public JsonNode GetUniqueKey() => new JsonObject
    {
        ["include"] = NodeJson.SortedStrings(Include),
        ["exclude"] = NodeJson.SortedStrings(Exclude),
        ["orphans"] = IncludeOrphans,
    };
}

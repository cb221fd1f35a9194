using System.Text.Json.Nodes;
using BuildGraph.Abstractions;

namespace BuildGraph.Plugins.Elements;

/// <summary>A configured compose element.</summary>
internal sealed record ComposeElement(
    bool Integrate,
    IReadOnlyList<string> Include,
    IReadOnlyList<string> Exclude,
    bool IncludeOrphans) : IElement
{
    public IReadOnlyList<CommandGroup> Commands => [];

    public AssemblyPlan Assembly => new ComposePlan(Integrate, Include, Exclude, IncludeOrphans);

    public JsonNode GetUniqueKey()
    {
        var key = new JsonObject
        {
            ["integrate"] = Integrate,
            ["include"] = NodeJson.SortedStrings(Include),
            ["orphans"] = IncludeOrphans,
        };
        if (Exclude.Count > 0)
            key["exclude"] = NodeJson.SortedStrings(Exclude);
        return key;
    }
}

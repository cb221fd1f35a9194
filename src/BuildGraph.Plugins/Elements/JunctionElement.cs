using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary>A configured junction. Its key is constant: the subproject's elements carry their own.</summary>
internal sealed record JunctionElement(
    string Path,
    MappingNode Options,
    IReadOnlyList<KeyValuePair<string, string>> Overrides,
    IReadOnlyList<KeyValuePair<string, string>> Aliases,
    bool MapAliasesByIdentity) : IElement
{
    public IReadOnlyList<CommandGroup> Commands => [];

    public AssemblyPlan Assembly => new UnsupportedPlan("junction and link elements are not built");

    public JsonNode GetUniqueKey() => JsonValue.Create(1);

    /// <summary>The parent alias a subproject alias maps to, or null when it maps to none.</summary>
    public string? ParentAlias(string alias)
    {
        foreach (var (from, to) in Aliases)
        {
            if (from == alias)
                return to;
        }
        return MapAliasesByIdentity ? alias : null;
    }
}

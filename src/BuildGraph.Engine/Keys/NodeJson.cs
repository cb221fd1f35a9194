using System.Text.Json.Nodes;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Keys;

/// <summary>Converts YAML nodes to JSON values for cache keys (provenance dropped).</summary>
public static class NodeJson
{
    public static JsonNode Convert(Node node) => node switch
    {
        ScalarNode s => JsonValue.Create(s.Value),
        SequenceNode seq => new JsonArray(seq.Items.Select(i => (JsonNode?)Convert(i)).ToArray()),
        MappingNode map => Mapping(map),
        _ => throw new InvalidOperationException($"Unknown node type {node.GetType()}"),
    };

    private static JsonObject Mapping(MappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Entries)
            obj[key] = Convert(value);
        return obj;
    }
}
